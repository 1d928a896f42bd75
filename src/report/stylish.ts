// The default human format: findings grouped by file, each with the flagged source line and a
// `^~~~` marker under the range, then a summary.
import type { Finding } from "../engine/finding.js";
import { countFindings } from "../engine/outcome.js";
import { LineIndex } from "../syntax/source.js";
import { paint, type Paint } from "./color.js";
import { displayPath } from "./paths.js";
import { probeMessage, probeTitle } from "./probe-text.js";
import type { FileReport, Formatter, RouteProbe } from "./types.js";

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

/** A probe's block under its file: verdict, route and URL, then what it means, then the probe's diagnosis. */
function renderProbe(probe: RouteProbe, cwd: string, colors: Paint): string[] {
  const mark = { passed: colors.green("✓"), failed: colors.red("✗"), skipped: colors.dim("-") }[probe.outcome];
  return [
    `  ${mark} ${probe.start.line}:${probe.start.column}  probe ${probeTitle(probe)}`,
    `      ${probeMessage(probe, cwd)}`,
    ...probe.diagnosis.map((line) => `      ${colors.cyan("→")} ${line}`),
  ];
}

/** `probes: 1 failed, 2 passed, 1 not probed` */
function probeSummary(probes: readonly RouteProbe[], colors: Paint): string {
  const count = (outcome: RouteProbe["outcome"]) => probes.filter((probe) => probe.outcome === outcome).length;
  const parts = [
    count("failed") > 0 ? colors.red(`${count("failed")} failed`) : "",
    count("passed") > 0 ? colors.green(`${count("passed")} passed`) : "",
    count("skipped") > 0 ? `${count("skipped")} not probed` : "",
  ];
  return `probes: ${parts.filter((part) => part !== "").join(", ")}`;
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
  for (const probe of report.probes ?? []) output.push(...renderProbe(probe, cwd, colors));
  return output;
}

export const formatStylish: Formatter = (input, options) => {
  const colors = paint(options.color);
  const shown = input.files.filter((report) => report.findings.length > 0 || (report.probes ?? []).length > 0);
  const blocks = shown.map((report) => renderFile(report, input.cwd, colors).join("\n"));
  const counts = countFindings(input.files.flatMap((report) => report.findings));
  const total = counts.errorCount + counts.warningCount;
  if (total > 0) {
    const summary = `✖ ${plural(total, "problem")} (${plural(counts.errorCount, "error")}, ${plural(counts.warningCount, "warning")})`;
    const fixable = counts.fixableErrorCount + counts.fixableWarningCount;
    const paintSummary = counts.errorCount > 0 ? colors.red : colors.yellow;
    blocks.push(paintSummary(colors.bold(summary)) + (fixable > 0 ? `\n  ${fixable} fixable with --fix` : ""));
  }
  const probes = input.files.flatMap((report) => report.probes ?? []);
  if (probes.length > 0) blocks.push(probeSummary(probes, colors));
  return blocks.length === 0 ? "" : `${blocks.join("\n\n")}\n`;
};
