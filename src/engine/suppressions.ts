// `# wslint-disable-next-line RULE, RULE -- reason` and friends. Dialect independent: the parsers
// hand over their comments, this module finds the directives and filters findings with them.
import type { Position } from "../syntax/source.js";
import type { Finding } from "./finding.js";

/** A comment as a parser saw it: `text` is what follows the comment marker. */
export interface SourceComment {
  file: string;
  text: string;
  start: Position;
  end: Position;
}

export type DisableScope = "next-line" | "line" | "file";

export interface DisableDirective {
  scope: DisableScope;
  file: string;
  /** The line whose findings are suppressed; null for the whole file. */
  line: number | null;
  /** null: every rule. */
  ruleIds: string[] | null;
  reason: string | null;
  /** The comment, where an unused directive is reported. */
  start: Position;
  end: Position;
}

const DIRECTIVE = /^\s*wslint-disable-(next-line|line|file)(?:\s+(.*))?$/s;

/**
 * Whether a file's text can hold a disable directive at all (every one starts with this): most
 * files hold none, and a dialect need not collect their comments.
 */
export function mayHoldDisableDirectives(text: string): boolean {
  return text.includes("wslint-disable-");
}

const REASON_SEPARATOR = /(?:^|\s)--(?:\s|$)/;

export function parseDisableDirective(comment: SourceComment): DisableDirective | null {
  const match = DIRECTIVE.exec(comment.text);
  if (match === null) return null;
  const scope = match[1] as DisableScope;
  const rest = match[2] ?? "";
  const separator = REASON_SEPARATOR.exec(rest);
  const ruleList = separator === null ? rest : rest.slice(0, separator.index);
  const reason = separator === null ? null : rest.slice(separator.index + separator[0].length).trim() || null;
  const ruleIds = ruleList.split(/[\s,]+/).filter((id) => id !== "");
  const line = scope === "file" ? null : scope === "line" ? comment.start.line : comment.start.line + 1;
  return {
    scope,
    file: comment.file,
    line,
    ruleIds: ruleIds.length === 0 ? null : ruleIds,
    reason,
    start: comment.start,
    end: comment.end,
  };
}

export function parseDisableDirectives(comments: readonly SourceComment[]): DisableDirective[] {
  return comments.flatMap((comment) => parseDisableDirective(comment) ?? []);
}

function suppresses(directive: DisableDirective, finding: Finding): boolean {
  return (
    directive.file === finding.file &&
    (directive.line === null || directive.line === finding.start.line) &&
    (directive.ruleIds === null || directive.ruleIds.includes(finding.ruleId!))
  );
}

export interface SuppressedFinding {
  finding: Finding;
  /** The directives that suppressed it, for their reasons (ESLint's suppressedMessages, SARIF suppressions). */
  directives: DisableDirective[];
}

export interface SuppressionResult {
  /** Findings left, plus a warning for each unused directive when asked for. */
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

export function applyDisableDirectives(
  findings: readonly Finding[],
  directives: readonly DisableDirective[],
  options: { reportUnused: boolean },
): SuppressionResult {
  const usedRules = new Map<DisableDirective, Set<string>>(directives.map((directive) => [directive, new Set()]));
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    // Parse errors and the engine's own findings are never suppressible.
    const suppressors = finding.fatal || finding.ruleId === null ? [] : directives.filter((d) => suppresses(d, finding));
    if (suppressors.length === 0) {
      kept.push(finding);
      continue;
    }
    suppressed.push({ finding, directives: suppressors });
    for (const directive of suppressors) usedRules.get(directive)!.add(finding.ruleId!);
  }
  if (options.reportUnused) {
    for (const [directive, used] of usedRules) {
      if (directive.ruleIds === null) {
        if (used.size === 0) kept.push(unusedDirectiveFinding(directive, []));
        continue;
      }
      const unused = directive.ruleIds.filter((id) => !used.has(id));
      if (unused.length > 0) kept.push(unusedDirectiveFinding(directive, unused));
    }
  }
  return { findings: kept, suppressed };
}

function unusedDirectiveFinding(directive: DisableDirective, unusedRuleIds: readonly string[]): Finding {
  const from = unusedRuleIds.length === 0 ? "" : ` from ${unusedRuleIds.map((id) => `'${id}'`).join(", ")}`;
  return {
    ruleId: null,
    severity: "warning",
    message: `Unused wslint-disable-${directive.scope} directive (no problems were reported${from}).`,
    file: directive.file,
    start: directive.start,
    end: directive.end,
  };
}
