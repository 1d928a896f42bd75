// What every formatter receives: the findings of each linted file, the metadata of the rules, and
// the source text to show lines from.
import type { Finding } from "../engine/finding.js";
import type { RuleMeta } from "../engine/rule.js";
import type { SuppressedFinding } from "../engine/suppressions.js";

/** A live handshake result for the file's WebSocket routes (`--probe`), shown when present. */
export interface ProbeSummary {
  url: string;
  ok: boolean;
  /** One line: "101 Switching Protocols in 35 ms, echo ok, idle 60 s ok". */
  summary: string;
  details?: string[];
}

/** The findings located in one file (see groupFindingsByFile). */
export interface FileReport {
  /** The path as findings carry it in `file`. */
  file: string;
  /** All with `finding.file === file`, sorted with compareFindings. */
  findings: Finding[];
  suppressed?: SuppressedFinding[];
  /** Source text, to show the flagged lines; absent when the file could not be read. */
  text?: string;
  probe?: ProbeSummary;
}

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
  /** Base against which rule docs given as repository paths become links (SARIF helpUri). */
  docsBaseUri?: string;
}

export interface ReportInput {
  files: readonly FileReport[];
  /** Metadata of the rules that ran (or of every registered rule), by id. */
  rules: ReadonlyMap<string, RuleMeta<unknown>>;
  /** Paths in reports are relative to this directory (or absolute where the format wants it). */
  cwd: string;
  tool: ToolInfo;
}

export interface FormatOptions {
  color: boolean;
}

export type Formatter = (input: ReportInput, options: FormatOptions) => string;
