// GitLab Code Quality report (artifacts:reports:codequality), shown in merge request widgets.
import { createHash } from "node:crypto";
import type { Finding } from "../engine/finding.js";
import { LineIndex } from "../syntax/source.js";
import { displayPath } from "./paths.js";
import type { Formatter } from "./types.js";

type CodeQualitySeverity = "info" | "minor" | "major" | "critical" | "blocker";

function severityOf(finding: Finding): CodeQualitySeverity {
  if (finding.fatal) return "blocker";
  return finding.severity === "error" ? "major" : "minor";
}

export const formatGitlab: Formatter = (input) => {
  const fingerprints = new Set<string>();
  const issues = input.files.flatMap((report) => {
    const lines = report.text === undefined ? null : new LineIndex(report.text);
    return report.findings.map((finding) => {
      const path = displayPath(input.cwd, finding.file);
      // Stable while lines move: built from the flagged line's text, not its number; repeats of
      // the same issue on identical lines are told apart by their order.
      const lineText = lines === null ? String(finding.start.line) : lines.lineText(finding.start.line).trim();
      const base = [path, finding.ruleId ?? "", finding.message, lineText].join("\0");
      let fingerprint = "";
      for (let occurrence = 0; fingerprint === "" || fingerprints.has(fingerprint); occurrence++) {
        fingerprint = createHash("sha256").update(`${base}\0${occurrence}`).digest("hex");
      }
      fingerprints.add(fingerprint);
      return {
        description: finding.message,
        check_name: finding.ruleId ?? "wslint",
        fingerprint,
        severity: severityOf(finding),
        location: { path, lines: { begin: finding.start.line, end: finding.end.line } },
      };
    });
  });
  return JSON.stringify(issues, null, 2);
};
