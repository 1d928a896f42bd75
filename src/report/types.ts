// What every formatter receives: the findings of each linted file, the metadata of the rules, and
// the source text to show lines from.
import type { Finding } from "../engine/finding.js";
import type { RuleMeta } from "../engine/rule.js";
import type { SuppressedFinding } from "../engine/suppressions.js";
import type { ProbeResult } from "../probe/types.js";
import type { Position } from "../syntax/source.js";

/**
 * A live WebSocket handshake through one route of the file (`wslint lint --probe`), reported
 * beside the route's own findings.
 */
export interface RouteProbe {
  /** How the configuration names the route: `location /ws`, `backend 'be_ws'`. */
  route: string;
  /** The route's first line in this file: where a report about the probe points. */
  start: Position;
  end: Position;
  /** `skipped`: no path to probe is known for the route. */
  outcome: "passed" | "failed" | "skipped";
  /** The URL probed; null when skipped. */
  url: string | null;
  /** What the handshake gave ("handshake returned 426 Upgrade Required"), or why the route was not probed. */
  summary: string;
  /** The probe's explanation of each failed check, in plain words. */
  diagnosis: string[];
  /** The static findings about the same route. */
  findings: Finding[];
  /** Every check, timing and header of the probe; null when skipped. */
  result: ProbeResult | null;
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
  /** With --probe: one entry per path probed through each WebSocket route written in this file. */
  probes?: RouteProbe[];
}

export interface ToolInfo {
  name: string;
  version: string;
  /** The tool's home page (SARIF informationUri); left out while wslint has no public address. */
  informationUri?: string;
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
