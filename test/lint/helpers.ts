// Runs the built CLI (npm test builds it first) in a chosen directory, and makes scratch copies of
// the lint fixtures for tests that write.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach } from "vitest";

export { sarifValidator } from "../sarif-schema.js";

export const REPOSITORY = resolve(".");
const CLI = join(REPOSITORY, "dist/src/cli/main.js");
export const BROKEN_NGINX = "fixtures/lint/nginx/broken";
export const NGINX_WITH_INCLUDES = "fixtures/lint/nginx/includes";
export const BROKEN_HAPROXY = "fixtures/lint/haproxy";

export interface LintRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function wslint(args: readonly string[], options: { cwd?: string; stdin?: string; env?: Record<string, string> } = {}): LintRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPOSITORY,
    input: options.stdin ?? "",
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, WSLINT_DEBUG: undefined, ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** ESLint's JSON result, as much of it as the tests read. */
export interface JsonMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fatal?: true;
  fix?: { range: [number, number]; text: string };
  suppressions?: { kind: string; justification: string }[];
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
}

export function lintJson(args: readonly string[], options: Parameters<typeof wslint>[1] = {}): { run: LintRun; results: JsonResult[] } {
  const run = wslint(["lint", "--format", "json", ...args], options);
  if (run.stdout === "") throw new Error(`no JSON on stdout; stderr: ${run.stderr}`);
  return { run, results: JSON.parse(run.stdout) as JsonResult[] };
}

/** The rule ids reported for the file whose path ends with `suffix`, in report order. */
export function ruleIdsIn(results: readonly JsonResult[], suffix: string): (string | null)[] {
  return results.filter((result) => result.filePath.endsWith(suffix)).flatMap((result) => result.messages.map((message) => message.ruleId));
}

/** [file relative to `base`, rule id, line] of every finding. */
export function findingsOf(results: readonly JsonResult[], base: string): [string, string | null, number][] {
  return results.flatMap((result) =>
    result.messages.map((message): [string, string | null, number] => [result.filePath.slice(resolve(base).length + 1), message.ruleId, message.line]),
  );
}

const scratchDirectories: string[] = [];
afterEach(() => {
  for (const directory of scratchDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A fresh directory, removed after the test; with `fixture`, a copy of that fixture directory. */
export function scratchCopy(fixture?: string): string {
  const directory = mkdtempSync(join(tmpdir(), "wslint-lint-"));
  scratchDirectories.push(directory);
  if (fixture !== undefined) cpSync(join(REPOSITORY, fixture), directory, { recursive: true });
  return directory;
}
