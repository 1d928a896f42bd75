// One lint unit: an nginx main file with everything its includes read, or the files of one HAProxy
// configuration. The dialect modules build units; the runner lints them, fixes them and writes
// them back alike.
import type { RuleMeta } from "../engine/rule.js";
import type { SuppressionResult } from "../engine/suppressions.js";
import type { SourceFile } from "../syntax/source.js";
import type { WebSocketRoute } from "./probe/routes.js";

export interface LintUnit {
  /** The input as named on the command line (or by --stdin-filename), or an HAProxy configuration's directory. */
  name: string;
  /** Every file the unit read, by path: the linted file and what it includes, or an HAProxy configuration's files. */
  sources: ReadonlyMap<string, SourceFile>;
  /**
   * Why fixes cannot be computed for this unit, or null when they can. The files of an nginx -T
   * dump are the server's, not files here.
   */
  unfixableBecause: string | null;
  /** The rules that run on this unit. */
  rules: readonly RuleMeta<unknown>[];
  /**
   * The files whose findings are reported, when not every file the unit read: a fragment named on
   * the command line and linted in the nginx.conf wslint found including it.
   */
  reportedFiles?: ReadonlySet<string>;
  /** Lints the files as they were read. */
  lint(): SuppressionResult;
  /** Lints the same files with other texts (fixed ones), by path. */
  lintTexts(texts: ReadonlyMap<string, string>): SuppressionResult;
  /** The WebSocket routes of the same files with these texts, for --probe. */
  webSocketRoutes(texts: ReadonlyMap<string, string>): WebSocketRoute[];
}

export interface UnitOptions {
  /** --report-unused-disable-directives */
  reportUnusedDisableDirectives: boolean;
}

export function textsOf(sources: ReadonlyMap<string, SourceFile>): Map<string, string> {
  return new Map([...sources].map(([path, source]) => [path, source.text]));
}

/**
 * The unit with only the findings, suppressed findings and WebSocket routes of `files` reported.
 * The unit still reads (and its fixes may still edit) every file: a finding kept keeps its fix.
 */
export function reportingOnly(unit: LintUnit, files: ReadonlySet<string>): LintUnit {
  const keep = (result: SuppressionResult): SuppressionResult => ({
    findings: result.findings.filter((finding) => files.has(finding.file)),
    suppressed: result.suppressed.filter(({ finding }) => files.has(finding.file)),
  });
  return {
    ...unit,
    reportedFiles: files,
    lint: () => keep(unit.lint()),
    lintTexts: (texts) => keep(unit.lintTexts(texts)),
    webSocketRoutes: (texts) => unit.webSocketRoutes(texts).filter((route) => files.has(route.file)),
  };
}
