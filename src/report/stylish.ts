// The default human format: findings grouped by file, each with the flagged source line and a
// `^~~~` marker under the range, then a summary.
import type { Finding } from "../engine/finding.js";
import { countFindings } from "../engine/outcome.js";
import { LineIndex } from "../syntax/source.js";
import { paint, type Paint } from "./color.js";
import { displayPath } from "./paths.js";
import type { FileReport, Formatter, ProbeSummary } from "./types.js";

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** The marker line under `lineText`: tabs kept so the caret lines up however tabs render. */
function rangeMarker(finding: Finding, lineText: string): string {
  const startColumn = Math.min(finding.start.column, lineText.length + 1);
  const endColumn = finding.end.line === finding.start.line ? Math.min(finding.end.column, lineText.length + 1) : lineText.length + 1;
  const indent = lineText.slice(0, startColumn - 1).replace(/[^\t]/g, " ");
  return indent + "^" + "~".repeat(Math.max(0, endColumn - startColumn - 1));
}

function renderProbe(probe: ProbeSummary, colors: Paint): string[] {
  const verdict = probe.ok ? colors.green("ok") : colors.red("failed");
  return [`  probe ${probe.url}: ${verdict}, ${probe.summary}`, ...(probe.details ?? []).map((detail) => `    ${detail}`)];
}

function renderFile(report: FileReport, cwd: string, colors: Paint): string[] {
  const lines = report.text === undefined ? null : new LineIndex(report.text);
  const positions = report.findings.map((finding) => `${finding.start.line}:${finding.start.column}`);
  const positionWidth = Math.max(0, ...positions.map((position) => position.length));
  const gutterWidth = String(Math.max(0, ...report.findings.map((finding) => finding.start.line))).length;
  const note = (text: string) => `    ${" ".repeat(gutterWidth)} ${colors.cyan("=")} ${text}`;
  const output = [colors.underline(displayPath(cwd, report.file))];
  report.findings.forEach((finding, index) => {
    const severity = finding.severity === "error" ? colors.red("error  ") : colors.yellow("warning");
    const rule = finding.ruleId === null ? "" : `  ${colors.dim(finding.ruleId)}`;
    output.push(`  ${positions[index]!.padEnd(positionWidth)}  ${severity}  ${finding.message}${rule}`);
    if (lines !== null && finding.start.line <= lines.lineCount()) {
      const lineText = lines.lineText(finding.start.line);
      output.push(`    ${colors.dim(`${String(finding.start.line).padStart(gutterWidth)} |`)} ${lineText}`);
      output.push(`    ${colors.dim(`${" ".repeat(gutterWidth)} |`)} ${colors.red(rangeMarker(finding, lineText))}`);
    }
    if (finding.evidence !== undefined && finding.evidence.length > 0) {
      output.push(note(`WebSocket route: ${finding.evidence.join("; ")}`));
    }
    for (const related of finding.related ?? []) {
      output.push(note(`${displayPath(cwd, related.file)}:${related.start.line}:${related.start.column}: ${related.message}`));
    }
    for (const suggestion of finding.suggestions ?? []) output.push(note(`suggestion: ${suggestion.description}`));
  });
  if (report.probe !== undefined) output.push(...renderProbe(report.probe, colors));
  return output;
}

export const formatStylish: Formatter = (input, options) => {
  const colors = paint(options.color);
  const shown = input.files.filter((report) => report.findings.length > 0 || report.probe !== undefined);
  const blocks = shown.map((report) => renderFile(report, input.cwd, colors).join("\n"));
  const counts = countFindings(input.files.flatMap((report) => report.findings));
  const total = counts.errorCount + counts.warningCount;
  if (total > 0) {
    const summary = `✖ ${plural(total, "problem")} (${plural(counts.errorCount, "error")}, ${plural(counts.warningCount, "warning")})`;
    const fixable = counts.fixableErrorCount + counts.fixableWarningCount;
    const paintSummary = counts.errorCount > 0 ? colors.red : colors.yellow;
    blocks.push(paintSummary(colors.bold(summary)) + (fixable > 0 ? `\n  ${fixable} fixable with --fix` : ""));
  }
  return blocks.length === 0 ? "" : `${blocks.join("\n\n")}\n`;
};
