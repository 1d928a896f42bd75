// What every rule, the parsers and the suppression logic produce, and what every formatter reads.
import type { Position } from "../syntax/source.js";
import type { SyntaxProblem } from "../syntax/problems.js";

export type Severity = "error" | "warning";

/** Replace `text[range[0]..range[1])` of `file` with `text`; an insertion has an empty range. */
export interface TextEdit {
  file: string;
  range: [number, number];
  text: string;
}

/**
 * The edits of one fix. They may touch several files (a `map` block inserted in the file that
 * holds the `http` block for a finding in an included file), but never overlap each other.
 */
export type Fix = TextEdit[];

/** An edit a person must review before applying it: never applied by --fix. */
export interface Suggestion {
  description: string;
  fix: Fix;
}

export interface RelatedLocation {
  message: string;
  file: string;
  start: Position;
  end: Position;
}

export interface Finding {
  /** null for findings of the engine itself (unused disable directives). */
  ruleId: string | null;
  severity: Severity;
  message: string;
  file: string;
  start: Position;
  end: Position;
  fix?: Fix;
  suggestions?: Suggestion[];
  /** Why the route was judged a WebSocket route, one reason a line ("location /ws/ matches websocket.paths"). */
  evidence?: string[];
  /** A parse error: the file could not be read as configuration; never suppressed, never fixed. */
  fatal?: boolean;
  related?: RelatedLocation[];
}

export const PARSE_ERROR_RULE_ID = "parse-error";

export function findingFromSyntaxProblem(problem: SyntaxProblem): Finding {
  return {
    ruleId: PARSE_ERROR_RULE_ID,
    severity: "error",
    message: problem.message,
    file: problem.file,
    start: problem.start,
    end: problem.end,
    fatal: true,
  };
}

/** Sort order of reports: by file, then position, then rule id, like ESLint and actionlint. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.start.offset - b.start.offset || a.end.offset - b.end.offset || compareRuleIds(a.ruleId ?? "", b.ruleId ?? "");
}

/**
 * Rule ids are lowercase ASCII (`nginx/ws-read-timeout`), which code-unit order sorts as
 * localeCompare does; localeCompare's first call would load ICU's collator, about 10 ms of every run.
 */
function compareRuleIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
