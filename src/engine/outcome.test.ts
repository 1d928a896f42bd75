import { describe, expect, it } from "vitest";
import type { Finding, Severity } from "./finding.js";
import { countFindings, EXIT_OK, EXIT_PROBLEMS, exitCodeFor, withoutWarnings } from "./outcome.js";

const position = { offset: 0, line: 1, column: 1 };
const finding = (severity: Severity, extra: Partial<Finding> = {}): Finding => ({
  ruleId: "nginx/x",
  severity,
  message: "m",
  file: "a.conf",
  start: position,
  end: position,
  ...extra,
});
const fix = [{ file: "a.conf", range: [0, 0] as [number, number], text: "x" }];

describe("countFindings", () => {
  it("counts errors, warnings, fixable ones and parse errors", () => {
    const counts = countFindings([
      finding("error", { fix }),
      finding("error", { fatal: true, ruleId: "parse-error" }),
      finding("warning"),
      finding("warning", { fix }),
      finding("warning", { fix }),
    ]);
    expect(counts).toEqual({ errorCount: 2, warningCount: 3, fixableErrorCount: 1, fixableWarningCount: 2, fatalErrorCount: 1 });
  });
});

describe("exitCodeFor", () => {
  it("is 0 without errors and with warnings within --max-warnings", () => {
    expect(exitCodeFor({ errorCount: 0, warningCount: 0 })).toBe(EXIT_OK);
    expect(exitCodeFor({ errorCount: 0, warningCount: 7 })).toBe(EXIT_OK);
    expect(exitCodeFor({ errorCount: 0, warningCount: 2 }, 2)).toBe(EXIT_OK);
    expect(exitCodeFor({ errorCount: 0, warningCount: 2 }, -1)).toBe(EXIT_OK);
  });

  it("is 1 with errors or with more warnings than allowed", () => {
    expect(exitCodeFor({ errorCount: 1, warningCount: 0 })).toBe(EXIT_PROBLEMS);
    expect(exitCodeFor({ errorCount: 0, warningCount: 3 }, 2)).toBe(EXIT_PROBLEMS);
    expect(exitCodeFor({ errorCount: 0, warningCount: 1 }, 0)).toBe(EXIT_PROBLEMS);
  });

  it("ignores warnings under --quiet", () => {
    const findings = withoutWarnings([finding("warning"), finding("warning")]);
    expect(findings).toEqual([]);
    expect(exitCodeFor(countFindings(findings), 0)).toBe(EXIT_OK);
  });
});
