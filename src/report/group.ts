import { compareFindings, type Finding } from "../engine/finding.js";
import type { SuppressedFinding } from "../engine/suppressions.js";
import type { FileReport } from "./types.js";

function findingKey(finding: Finding): string {
  return JSON.stringify([finding.file, finding.ruleId, finding.start.offset, finding.end.offset, finding.message]);
}

/**
 * One report per file that has findings or was linted, in path order. A file included by several
 * linted files is checked once per includer: the same finding then counts once.
 */
export function groupFindingsByFile(input: {
  lintedFiles: readonly string[];
  findings: readonly Finding[];
  suppressed?: readonly SuppressedFinding[];
  texts: ReadonlyMap<string, string>;
}): FileReport[] {
  const reports = new Map<string, FileReport>();
  const reportFor = (file: string): FileReport => {
    let report = reports.get(file);
    if (report === undefined) {
      report = { file, findings: [], suppressed: [] };
      const text = input.texts.get(file);
      if (text !== undefined) report.text = text;
      reports.set(file, report);
    }
    return report;
  };
  for (const file of input.lintedFiles) reportFor(file);
  const seen = new Set<string>();
  for (const finding of input.findings) {
    const key = findingKey(finding);
    if (seen.has(key)) continue;
    seen.add(key);
    reportFor(finding.file).findings.push(finding);
  }
  for (const suppressed of input.suppressed ?? []) {
    const key = findingKey(suppressed.finding);
    if (seen.has(key)) continue;
    seen.add(key);
    reportFor(suppressed.finding.file).suppressed!.push(suppressed);
  }
  for (const report of reports.values()) report.findings.sort(compareFindings);
  return [...reports.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
