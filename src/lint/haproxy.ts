// Linting HAProxy: each file is one unit (HAProxy has no include directive).
import type { HaproxyParseResult } from "../haproxy/ast.js";
import { buildHaproxyModel, haproxyModelWalk, type HaproxyNodeKinds } from "../haproxy/model/index.js";
import { parseHaproxy } from "../haproxy/parse.js";
import { lintModel } from "../engine/lint.js";
import type { LintSettings } from "../engine/rule.js";
import type { EnabledRule } from "../engine/run-rules.js";
import type { SourceComment } from "../engine/suppressions.js";
import { haproxyWebSocketRoutes } from "./probe/haproxy-routes.js";
import type { LintUnit, UnitOptions } from "./unit.js";

export interface HaproxyUnitInput {
  name: string;
  result: HaproxyParseResult;
  rules: readonly EnabledRule<HaproxyNodeKinds>[];
  settings: LintSettings;
}

function commentsOf(result: HaproxyParseResult): SourceComment[] {
  const path = result.file.source.path;
  return result.file.lines.flatMap((line) =>
    line.comment === null ? [] : [{ file: path, text: line.comment.text, start: line.comment.start, end: line.comment.end }],
  );
}

export function haproxyUnit(input: HaproxyUnitInput, options: UnitOptions): LintUnit {
  const source = input.result.file.source;
  const lint = (result: HaproxyParseResult) =>
    lintModel({
      texts: new Map([[source.path, result.file.source.text]]),
      problems: result.problems,
      comments: commentsOf(result),
      // As for nginx: a file with a syntax error is reported, not judged.
      walk: result.problems.length === 0 ? haproxyModelWalk(buildHaproxyModel([result.file], input.settings)) : null,
      rules: input.rules,
      settings: input.settings,
      reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
    });
  return {
    name: input.name,
    sources: new Map([[source.path, source]]),
    unfixableBecause: null,
    rules: input.rules.map(({ rule }) => rule.meta),
    lint: () => lint(input.result),
    lintTexts: (texts) => lint(parseHaproxy({ ...source, text: texts.get(source.path) ?? source.text })),
    webSocketRoutes: (texts) => haproxyWebSocketRoutes(parseHaproxy({ ...source, text: texts.get(source.path) ?? source.text }), input.settings),
  };
}
