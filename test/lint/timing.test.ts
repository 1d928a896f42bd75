// WSLINT_TIMING=1 as a user sets it: the table goes to standard error, the report is unchanged.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { CLI } from "../cli/run-wslint.js";

function lint(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [CLI, "lint", "fixtures/lint/nginx/broken"], { encoding: "utf8", env: { ...process.env, ...env } });
}

describe("wslint lint with WSLINT_TIMING", () => {
  it("prints each phase's time on standard error after the report, which stays the same", () => {
    const plain = lint({ WSLINT_TIMING: "" });
    const timed = lint({ WSLINT_TIMING: "1" });
    expect(timed.status).toBe(plain.status);
    expect(timed.stdout).toBe(plain.stdout);
    expect(plain.stderr).not.toContain("wslint timing");
    const table = timed.stderr.slice(timed.stderr.indexOf("wslint timing (ms):"));
    const rows = new Map([...table.matchAll(/^ {2}(.+?) +(\d+\.\d)$/gm)].map((match) => [match[1]!, Number(match[2])]));
    expect([...rows.keys()]).toEqual(["start-up", "read and parse", "model", "rules", "suppressions", "report", "other", "total"]);
    // The example has files to read, a model to build, rules that report and a report to print.
    for (const phase of ["read and parse", "model", "rules", "report"]) expect(rows.get(phase), phase).toBeGreaterThan(0);
  });
});
