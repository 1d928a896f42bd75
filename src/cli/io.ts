/** Where a command writes; tests and the executable hand in different ones. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
  /**
   * Resolves once stdout has passed on what `out` gave it. A long output awaits it between its
   * chunks, so that they do not pile up in memory when stdout is slower than wslint.
   */
  outDrained(): Promise<void>;
}

/** Bad command-line usage found after commander's own checks. Exit 2. */
export class UsageError extends Error {}
