// GitLab Code Quality report (artifacts:reports:codequality), shown in merge request widgets.
import { createHash } from "node:crypto";
import type { Finding } from "../engine/finding.js";
import { LineIndex } from "../syntax/source.js";
import { displayPath } from "./paths.js";
import { PROBE_RULE_ID, probeProblemLines } from "./probe-text.js";
import type { Formatter } from "./types.js";

type CodeQualitySeverity = "info" | "minor" | "major" | "critical" | "blocker";

function severityOf(finding: Finding): CodeQualitySeverity {
  if (finding.fatal) return "blocker";
  return finding.severity === "error" ? "major" : "minor";
}

export const formatGitlab: Formatter = (input) => {
  const fingerprints = new Set<string>();
  // Repeats of the same issue are told apart by their order.
  const uniqueFingerprint = (base: string) => {
    let fingerprint = "";
    for (let occurrence = 0; fingerprint === "" || fingerprints.has(fingerprint); occurrence++) {
      fingerprint = createHash("sha256").update(`${base}\0${occurrence}`).digest("hex");
    }
    fingerprints.add(fingerprint);
    return fingerprint;
  };
  const issues = input.files.flatMap((report) => {
    const lines = report.text === undefined ? null : new LineIndex(report.text);
    const path = displayPath(input.cwd, report.file);
    const findingIssues = report.findings.map((finding) => {
      // Stable while lines move: built from the flagged line's text, not its number.
      const lineText = lines === null ? String(finding.start.line) : lines.lineText(finding.start.line).trim();
      return {
        description: finding.message,
        check_name: finding.ruleId ?? "wslint",
        fingerprint: uniqueFingerprint([path, finding.ruleId ?? "", finding.message, lineText].join("\0")),
        severity: severityOf(finding),
        location: { path, lines: { begin: finding.start.line, end: finding.end.line } },
      };
    });
    // A failed probe is one issue per route and URL, whatever status it got this time.
    const probeIssues = (report.probes ?? [])
      .filter((probe) => probe.outcome === "failed")
      .map((probe) => ({
        description: probeProblemLines(probe, input.cwd).join(" "),
        check_name: PROBE_RULE_ID,
        fingerprint: uniqueFingerprint([path, PROBE_RULE_ID, probe.route, probe.url ?? ""].join("\0")),
        severity: "major" satisfies CodeQualitySeverity,
        location: { path, lines: { begin: probe.start.line, end: probe.end.line } },
      }));
    return [...findingIssues, ...probeIssues];
  });
  return JSON.stringify(issues, null, 2);
};
