// ESLint's JSON formatter shape, which editors, CI services and dashboards already read.
import { resolve } from "node:path";
import type { Finding } from "../engine/finding.js";
import { countFindings } from "../engine/outcome.js";
import { probeMessage } from "./probe-text.js";
import type { Formatter, RouteProbe } from "./types.js";

interface EslintFix {
  range: [number, number];
  text: string;
}

interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fatal?: true;
  fix?: EslintFix;
  suggestions?: { desc: string; fix: EslintFix }[];
  suppressions?: { kind: "directive"; justification: string }[];
}

export interface EslintFileResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: EslintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  usedDeprecatedRules: [];
  /** Not ESLint's (its readers ignore it): the live handshakes through this file's routes, only with --probe. */
  probes?: JsonRouteProbe[];
}

interface JsonRouteProbe {
  route: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  outcome: RouteProbe["outcome"];
  url: string | null;
  /** The summary and what the findings say about it, as every format words it. */
  message: string;
  diagnosis: string[];
  /** The static findings of the same route, by rule and place. */
  findings: { ruleId: string | null; filePath: string; line: number; column: number }[];
  result: RouteProbe["result"];
}

function toJsonProbe(probe: RouteProbe, cwd: string): JsonRouteProbe {
  return {
    route: probe.route,
    line: probe.start.line,
    column: probe.start.column,
    endLine: probe.end.line,
    endColumn: probe.end.column,
    outcome: probe.outcome,
    url: probe.url,
    message: probeMessage(probe, cwd),
    diagnosis: probe.diagnosis,
    findings: probe.findings.map((finding) => ({
      ruleId: finding.ruleId,
      filePath: resolve(cwd, finding.file),
      line: finding.start.line,
      column: finding.start.column,
    })),
    result: probe.result,
  };
}

/**
 * ESLint's `fix` is one edit in the message's own file; a fix that also edits another file cannot
 * be expressed, so it is left out (wslint --fix still applies it).
 */
function singleFileEdit(finding: Finding, fix: Finding["fix"]): EslintFix | undefined {
  if (fix === undefined || fix.length !== 1 || fix[0]!.file !== finding.file) return undefined;
  return { range: fix[0]!.range, text: fix[0]!.text };
}

function toMessage(finding: Finding): EslintMessage {
  const message: EslintMessage = {
    ruleId: finding.ruleId,
    severity: finding.severity === "error" ? 2 : 1,
    message: finding.message,
    line: finding.start.line,
    column: finding.start.column,
    endLine: finding.end.line,
    endColumn: finding.end.column,
  };
  if (finding.fatal) message.fatal = true;
  const fix = singleFileEdit(finding, finding.fix);
  if (fix !== undefined) message.fix = fix;
  const suggestions = (finding.suggestions ?? []).flatMap((suggestion) => {
    const edit = singleFileEdit(finding, suggestion.fix);
    return edit === undefined ? [] : [{ desc: suggestion.description, fix: edit }];
  });
  if (suggestions.length > 0) message.suggestions = suggestions;
  return message;
}

export function eslintResults(input: Parameters<Formatter>[0]): EslintFileResult[] {
  return input.files.map((report) => {
    const counts = countFindings(report.findings);
    const result: EslintFileResult = {
      filePath: resolve(input.cwd, report.file),
      messages: report.findings.map(toMessage),
      suppressedMessages: (report.suppressed ?? []).map(({ finding, directives }) => ({
        ...toMessage(finding),
        suppressions: directives.map((directive) => ({ kind: "directive", justification: directive.reason ?? "" })),
      })),
      errorCount: counts.errorCount,
      fatalErrorCount: counts.fatalErrorCount,
      warningCount: counts.warningCount,
      fixableErrorCount: counts.fixableErrorCount,
      fixableWarningCount: counts.fixableWarningCount,
      usedDeprecatedRules: [],
    };
    // As ESLint does: the source is included for files with problems.
    if (report.findings.length > 0 && report.text !== undefined) result.source = report.text;
    if (report.probes !== undefined) result.probes = report.probes.map((probe) => toJsonProbe(probe, input.cwd));
    return result;
  });
}

export const formatJson: Formatter = (input) => JSON.stringify(eslintResults(input));
