// Tests that drive a tool other than the real servers (pre-commit) follow the server harness's
// policy: skipped with a loud warning on a developer's machine, failed when
// WSLINT_REQUIRE_SERVERS=1 (which .ci/run sets after installing the tool).
import { delimiter, join } from "node:path";
import { describe, it } from "vitest";
import { isExecutable, serversRequired } from "../servers/binaries.js";

/** The absolute path of `name` on PATH, or undefined. */
export function findOnPath(name: string): string | undefined {
  return (process.env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .map((directory) => join(directory, name))
    .find(isExecutable);
}

export function describeWithTool(tool: string, installHint: string, title: string, body: (binary: string) => void): void {
  const binary = findOnPath(tool);
  if (binary !== undefined) {
    describe(title, () => body(binary));
  } else if (serversRequired()) {
    describe(title, () => {
      it(`needs ${tool}`, () => {
        throw new Error(`${tool} is not installed, and WSLINT_REQUIRE_SERVERS=1 requires it (${installHint})`);
      });
    });
  } else {
    const rule = "!".repeat(78);
    console.warn(
      [
        rule,
        `!! wslint: ${tool} not found: "${title}" is SKIPPED.`,
        `!! Install it (${installHint}); set WSLINT_REQUIRE_SERVERS=1 to make a missing tool an error.`,
        rule,
      ].join("\n"),
    );
    describe.skip(`${title} (SKIPPED: ${tool} is not installed)`, () => body(tool));
  }
}
