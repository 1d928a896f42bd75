// Linting HAProxy: the files of one configuration are one unit, read in the order HAProxy reads
// them, so that a defaults section applies to the proxies of the files after it. Also decides
// which files form one configuration.
import { basename, dirname } from "node:path";
import type { HaproxyParseResult } from "../haproxy/ast.js";
import { buildHaproxyModel, haproxyModelWalk, type HaproxyNodeKinds } from "../haproxy/model/index.js";
import { parseHaproxy } from "../haproxy/parse.js";
import { lintModel } from "../engine/lint.js";
import type { LintSettings } from "../engine/rule.js";
import type { EnabledRule } from "../engine/run-rules.js";
import { mayHoldDisableDirectives, type SourceComment, type SuppressionResult } from "../engine/suppressions.js";
import { timed } from "../engine/timing.js";
import { compareHaproxyDirectoryOrder, isReadByHaproxyFromDirectory } from "../load/haproxy-directory.js";
import { haproxyWebSocketRoutes } from "./probe/haproxy-routes.js";
import type { LintUnit, UnitOptions } from "./unit.js";

export interface HaproxyUnitInput {
  name: string;
  /** The configuration's files, in the order HAProxy reads them. */
  results: readonly HaproxyParseResult[];
  rules: readonly EnabledRule<HaproxyNodeKinds>[];
  settings: LintSettings;
}

/** The comments of a file that may hold a disable directive, for the engine. */
function commentsOf(result: HaproxyParseResult): SourceComment[] {
  const path = result.file.source.path;
  if (!mayHoldDisableDirectives(result.file.source.text)) return [];
  return result.file.lines.flatMap((line) =>
    line.comment === null ? [] : [{ file: path, text: line.comment.text, start: line.comment.start, end: line.comment.end }],
  );
}

/**
 * Lints the files of one HAProxy configuration, in the order HAProxy reads them. HAProxy refuses
 * the whole configuration when one of its files has a syntax error; as for nginx, such a
 * configuration is reported, not judged.
 */
export function lintHaproxyConfiguration(
  results: readonly HaproxyParseResult[],
  rules: readonly EnabledRule<HaproxyNodeKinds>[],
  settings: LintSettings,
  reportUnusedDisableDirectives: boolean,
): SuppressionResult {
  const problems = results.flatMap((result) => result.problems);
  return lintModel({
    texts: new Map(results.map((result) => [result.file.source.path, result.file.source.text])),
    problems,
    comments: results.flatMap(commentsOf),
    walk: problems.length === 0 ? haproxyModelWalk(timed("model", () => buildHaproxyModel(results.map((result) => result.file), settings))) : null,
    rules,
    settings,
    reportUnusedDisableDirectives,
  });
}

export function haproxyUnit(input: HaproxyUnitInput, options: UnitOptions): LintUnit {
  const sources = new Map(input.results.map((result) => [result.file.source.path, result.file.source]));
  const lint = (results: readonly HaproxyParseResult[]) =>
    lintHaproxyConfiguration(results, input.rules, input.settings, options.reportUnusedDisableDirectives);
  // The same files, in the same order, with other texts (fixed ones); a file whose text did not
  // change keeps its parse, so a fix in one file of a large configuration parses that file alone.
  const parsedWith = (texts: ReadonlyMap<string, string>) =>
    input.results.map((result) => {
      const { source } = result.file;
      const text = texts.get(source.path) ?? source.text;
      return text === source.text ? result : parseHaproxy({ ...source, text });
    });
  return {
    name: input.name,
    sources,
    unfixableBecause: null,
    rules: input.rules.map(({ rule }) => rule.meta),
    lint: () => lint(input.results),
    lintTexts: (texts) => lint(parsedWith(texts)),
    webSocketRoutes: (texts) => haproxyWebSocketRoutes(parsedWith(texts), input.settings),
  };
}

export interface HaproxyCandidate {
  /** The file's path, or the name standard input goes by. */
  path: string;
  /** Found in a directory named on the command line, rather than named there itself. */
  found: boolean;
}

export interface HaproxyConfiguration<C extends HaproxyCandidate> {
  /** The directory the files were found in, or the one file's path. */
  name: string;
  /** The directory the files were found in; null for a file read alone. */
  directory: string | null;
  /** In the order HAProxy reads them. */
  files: C[];
}

/**
 * The HAProxy configurations among HAProxy files, read as `haproxy -f DIR` and `haproxy -f FILE`
 * read them: the files found in one directory that HAProxy reads from a directory form one
 * configuration, in HAProxy's order; every other file is a configuration of its own (a file named
 * on the command line, standard input, and a found file whose name `-f DIR` skips). HAProxy does
 * not search subdirectories, so each directory is a configuration of its own. Configurations come
 * in the order their first file was found.
 */
export function groupHaproxyConfigurations<C extends HaproxyCandidate>(candidates: readonly C[]): HaproxyConfiguration<C>[] {
  const configurations: HaproxyConfiguration<C>[] = [];
  const byDirectory = new Map<string, HaproxyConfiguration<C>>();
  for (const candidate of candidates) {
    if (!candidate.found || !isReadByHaproxyFromDirectory(basename(candidate.path))) {
      configurations.push({ name: candidate.path, directory: null, files: [candidate] });
      continue;
    }
    const directory = dirname(candidate.path);
    let configuration = byDirectory.get(directory);
    if (configuration === undefined) {
      configuration = { name: directory, directory, files: [] };
      byDirectory.set(directory, configuration);
      configurations.push(configuration);
    }
    configuration.files.push(candidate);
  }
  for (const { files } of byDirectory.values()) files.sort((a, b) => compareHaproxyDirectoryOrder(a.path, b.path));
  return configurations;
}
