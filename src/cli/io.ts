/** Where a command writes; tests and the executable hand in different ones. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Bad command-line usage found after commander's own checks. Exit 2. */
export class UsageError extends Error {}
