import { describe, expect, it } from "vitest";
import type { Finding } from "../engine/finding.js";
import { groupFindingsByFile } from "./group.js";

const at = (line: number) => ({ offset: line * 10, line, column: 1 });
const finding = (file: string, line: number, ruleId = "nginx/x"): Finding => ({
  ruleId,
  severity: "error",
  message: `${ruleId} on ${line}`,
  file,
  start: at(line),
  end: at(line),
});

describe("groupFindingsByFile", () => {
  it("makes one sorted report per file, keeps clean linted files, and counts a shared include's finding once", () => {
    const shared = finding("conf.d/common.conf", 2);
    const reports = groupFindingsByFile({
      lintedFiles: ["b.conf", "a.conf", "clean.conf"],
      findings: [finding("b.conf", 9), finding("b.conf", 1), shared, { ...shared }, finding("a.conf", 3)],
      suppressed: [{ finding: finding("a.conf", 5, "nginx/y"), directives: [] }],
      texts: new Map([["a.conf", "text of a"]]),
    });
    expect(reports.map((report) => [report.file, report.findings.map((f) => f.start.line), report.suppressed!.length])).toEqual([
      ["a.conf", [3], 1],
      ["b.conf", [1, 9], 0],
      ["clean.conf", [], 0],
      ["conf.d/common.conf", [2], 0],
    ]);
    expect(reports[0]!.text).toBe("text of a");
    expect(reports[1]).not.toHaveProperty("text");
  });
});
