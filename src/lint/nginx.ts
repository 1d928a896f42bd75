// Linting nginx: a main file with its includes expanded is one unit; findings in an included
// file name that file. Also decides which files found in a directory are main files.
import { resolve } from "node:path";
import { lintModel } from "../engine/lint.js";
import type { LintSettings } from "../engine/rule.js";
import type { EnabledRule } from "../engine/run-rules.js";
import { mayHoldDisableDirectives, type SourceComment, type SuppressionResult } from "../engine/suppressions.js";
import { timed } from "../engine/timing.js";
import type { ConfigFileSystem } from "../load/file-system.js";
import { diskFileSystem } from "../load/file-system.js";
import type { IncludeMapping } from "../load/include-map.js";
import { nginxConfigProblems, type NginxConfig } from "../load/nginx-config.js";
import { loadNginxConfig } from "../load/nginx-loader.js";
import type { NginxNode } from "../nginx/ast.js";
import { buildNginxModel, nginxModelWalk, type NginxNodeKinds } from "../nginx/model/index.js";
import { parseNginx } from "../nginx/parse.js";
import type { SourceFile } from "../syntax/source.js";
import { nginxWebSocketRoutes } from "./probe/nginx-routes.js";
import type { LintUnit, UnitOptions } from "./unit.js";

export interface NginxUnitInput {
  name: string;
  config: NginxConfig;
  /** The --prefix and --include-map the config was loaded with, to load fixed texts the same way. */
  prefix: string | undefined;
  includeMap: readonly IncludeMapping[];
  rules: readonly EnabledRule<NginxNodeKinds>[];
  settings: LintSettings;
}

/** The comments of every file that may hold a disable directive, for the engine. */
function commentsOf(config: NginxConfig): SourceComment[] {
  const comments: SourceComment[] = [];
  for (const [path, { file }] of config.files) {
    if (!mayHoldDisableDirectives(file.source.text)) continue;
    const visit = (nodes: readonly NginxNode[]) => {
      for (const node of nodes) {
        if (node.type === "comment") {
          comments.push({ file: path, text: node.text, start: node.start, end: node.end });
          continue;
        }
        for (const inner of node.innerComments) comments.push({ file: path, text: inner.text, start: inner.start, end: inner.end });
        if (node.block !== null) visit(node.block);
      }
    };
    visit(file.children);
  }
  return comments;
}

function sourcesOf(config: NginxConfig): Map<string, SourceFile> {
  return new Map([...config.files].map(([path, result]) => [path, result.file.source]));
}

/** Reads the files of this run from `texts` and anything else (a file a fix newly includes) from `base`. */
function withTexts(sources: ReadonlyMap<string, SourceFile>, texts: ReadonlyMap<string, string>, base: ConfigFileSystem): ConfigFileSystem {
  return {
    read(path) {
      const source = sources.get(path);
      const text = texts.get(path);
      return source !== undefined && text !== undefined ? { ok: true, source: { ...source, text } } : base.read(path);
    },
    list: (directory) => base.list(directory),
    exists: (path) => sources.has(path) || base.exists(path),
  };
}

/**
 * Lints one loaded configuration: its problems, its disable comments, and the rules over its model.
 * Rules read a model; a file that did not parse gives only part of one, so a configuration with a
 * syntax error reports its parse errors and nothing else rather than guesses.
 */
export function lintNginxConfig(
  config: NginxConfig,
  rules: readonly EnabledRule<NginxNodeKinds>[],
  settings: LintSettings,
  reportUnusedDisableDirectives: boolean,
): SuppressionResult {
  const parsed = [...config.files.values()].every((result) => result.problems.length === 0);
  return lintModel({
    texts: new Map([...config.files].map(([path, result]) => [path, result.file.source.text])),
    problems: nginxConfigProblems(config),
    comments: commentsOf(config),
    walk: parsed ? nginxModelWalk(timed("model", () => buildNginxModel(config, settings))) : null,
    rules,
    settings,
    reportUnusedDisableDirectives,
  });
}

export function nginxUnit(input: NginxUnitInput, options: UnitOptions): LintUnit {
  const sources = sourcesOf(input.config);
  const lint = (config: NginxConfig) => lintNginxConfig(config, input.rules, input.settings, options.reportUnusedDisableDirectives);
  // The configuration with other texts (fixed ones), loaded the way the original was.
  const configOf = (texts: ReadonlyMap<string, string>) => {
    const main = sources.get(input.config.main)!;
    return loadNginxConfig({
      main: { ...main, text: texts.get(main.path) ?? main.text },
      fileSystem: withTexts(sources, texts, diskFileSystem),
      parse: parseNginx,
      prefix: input.prefix,
      includeMap: input.includeMap,
    });
  };
  return {
    name: input.name,
    sources,
    unfixableBecause: input.config.dump === null ? null : "it is an nginx -T dump; fix the files on the server it came from",
    rules: input.rules.map(({ rule }) => rule.meta),
    lint: () => lint(input.config),
    lintTexts: (texts) => lint(configOf(texts)),
    // A dump is never fixed, and its files are not on this disk: its routes are those read.
    webSocketRoutes: (texts) => nginxWebSocketRoutes(input.config.dump === null ? configOf(texts) : input.config, input.settings),
  };
}

export interface NginxCandidate {
  config: NginxConfig;
}

/**
 * The main files among the nginx files of a run: every file that no other of these files
 * includes, whether named on the command line or found in a directory. A fragment named together
 * with the nginx.conf that includes it (as pre-commit passes staged files) is linted in that
 * context only, where its maps and upstreams are defined. Then any file still not read by a main
 * file (say, two files that include each other and nothing else) becomes a main file too, so
 * that every file is linted, and linted once.
 */
export function chooseNginxMainFiles<C extends NginxCandidate>(candidates: readonly C[]): C[] {
  const includedByOthers = new Set<string>();
  for (const { config } of candidates) {
    for (const path of config.files.keys()) if (path !== config.main) includedByOthers.add(resolve(path));
  }
  const mains = new Set(candidates.filter((candidate) => !includedByOthers.has(resolve(candidate.config.main))));
  const covered = new Set([...mains].flatMap((main) => [...main.config.files.keys()].map((path) => resolve(path))));
  for (const candidate of candidates) {
    if (mains.has(candidate) || covered.has(resolve(candidate.config.main))) continue;
    mains.add(candidate);
    for (const path of candidate.config.files.keys()) covered.add(resolve(path));
  }
  return candidates.filter((candidate) => mains.has(candidate));
}
