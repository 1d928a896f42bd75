// Running the built wslint (npm test builds it first) the way a user does, and the configs the
// end-to-end tests write for real servers.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderTemplate } from "../fixture-template.js";

const CLI = join(import.meta.dirname, "..", "..", "dist", "src", "cli", "main.js");
const FIXTURE_DIR = join(import.meta.dirname, "..", "..", "fixtures", "e2e");

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `node dist/src/cli/main.js ARGS` in `cwd`. Asynchronous on purpose: the WebSocket backend the
 * probes reach runs in the test's own process and must keep answering meanwhile.
 */
export function wslint(args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, timeout: 20_000, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** Reads fixtures/e2e/NAME and fills its `{{PLACEHOLDER}}`s. */
export function renderFixture(name: string, values: Record<string, string | number>): string {
  return renderTemplate(FIXTURE_DIR, name, values);
}

/** The 1-based number of the first line of `text` that starts with `needle`, indentation aside. */
export function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.trimStart().startsWith(needle));
  if (index === -1) throw new Error(`"${needle}" is not in the text`);
  return index + 1;
}

export interface TempDir {
  path: string;
  remove(): void;
}

export function makeTempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), "wslint-e2e-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
