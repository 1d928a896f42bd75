// Runs the built CLI (npm test builds it first) as a user would, from the repository root.
import { spawnSync } from "node:child_process";

export interface WslintRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export const CLI = "dist/src/cli/main.js";

export function wslint(args: readonly string[], options: { stdin?: string | Buffer } = {}): WslintRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    input: options.stdin ?? "",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `file:line:column: message` lines of stderr, split up. */
export function reportedProblems(stderr: string): { file: string; line: number; column: number; message: string }[] {
  return [...stderr.matchAll(/^(.+?):(\d+):(\d+): (.+)$/gm)].map((match) => ({
    file: match[1]!,
    line: Number(match[2]),
    column: Number(match[3]),
    message: match[4]!,
  }));
}
