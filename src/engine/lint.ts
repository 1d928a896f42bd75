// One linted file end to end, for any dialect: its parse problems, the rules over its model, and
// the disable directives of its comments. The dialect supplies the parsed pieces.
import type { SyntaxProblem } from "../syntax/problems.js";
import { compareFindings, findingFromSyntaxProblem } from "./finding.js";
import type { LintSettings, NodeKinds } from "./rule.js";
import { runRules, type EnabledRule, type Walk } from "./run-rules.js";
import { applyDisableDirectives, parseDisableDirectives, type SourceComment, type SuppressionResult } from "./suppressions.js";
import { timed } from "./timing.js";

export interface LintModelInput<Kinds extends NodeKinds> {
  /** Text of the linted file and of every file it includes, by path. */
  texts: ReadonlyMap<string, string>;
  problems: readonly SyntaxProblem[];
  /** Comments of those files, for `wslint-disable-*` directives; files without any may be left out. */
  comments: readonly SourceComment[];
  /** The model's walk; null when the dialect could not build a model to check. */
  walk: Walk<Kinds> | null;
  rules: readonly EnabledRule<Kinds>[];
  settings: LintSettings;
  /** --report-unused-disable-directives */
  reportUnusedDisableDirectives: boolean;
}

/** Findings sorted by file and position; parse errors are never suppressed. */
export function lintModel<Kinds extends NodeKinds>(input: LintModelInput<Kinds>): SuppressionResult {
  const { walk } = input;
  const ruleFindings = walk === null ? [] : timed("rules", () => runRules({ rules: input.rules, settings: input.settings, texts: input.texts, walk }));
  const findings = [...input.problems.map(findingFromSyntaxProblem), ...ruleFindings];
  return timed("suppressions", () => {
    const result = applyDisableDirectives(findings, parseDisableDirectives(input.comments), {
      reportUnused: input.reportUnusedDisableDirectives,
    });
    result.findings.sort(compareFindings);
    return result;
  });
}
