// `wslint lint` without the printing: find the files, apply each one's configuration, lint every
// unit (fixing it when asked) and collect what the report needs. A file that cannot be read, or a
// rule that crashes on one unit, is recorded and the other files are still linted.
import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { CONFIG_FILE_NAME, ConfigLoader, type ResolvedConfig } from "../config/load.js";
import { resolveEnabledRules, type RuleOverride } from "../config/rule-settings.js";
import { InternalError } from "../engine/errors.js";
import type { Finding } from "../engine/finding.js";
import { timedAsync } from "../engine/timing.js";
import { fixRepeatedly } from "../engine/fix.js";
import { withoutWarnings } from "../engine/outcome.js";
import type { LintSettings, RuleMeta } from "../engine/rule.js";
import type { SuppressedFinding, SuppressionResult } from "../engine/suppressions.js";
import type { HaproxyParseResult } from "../haproxy/ast.js";
import type { Dialect } from "../load/dialect.js";
import { InputError } from "../load/errors.js";
import { describeFileError } from "../load/file-system.js";
import { parseIncludeMapping, type IncludeMapping } from "../load/include-map.js";
import { loadInput, STDIN_ARGUMENT, type LoadedInput } from "../load/inputs.js";
import { allRuleMetas, rulesOf } from "../../rules/index.js";
import type { HaproxyConfiguration } from "./haproxy.js";
import { IgnoreGlobs } from "./ignore.js";
import { expandTargets, type LintTarget } from "./targets.js";
import { reportingOnly, textsOf, type LintUnit } from "./unit.js";

export type FixMode = "none" | "write" | "dry-run";

export interface LintRequest {
  /** Files, directories, or `-`. */
  paths: readonly string[];
  cwd: string;
  dialect?: Dialect;
  /** --prefix, already absolute. */
  prefix?: string;
  /** --include-map, in the order given. */
  includeMap: readonly IncludeMapping[];
  stdinFilename?: string;
  /** --find-main-file / --no-find-main-file; undefined: the configuration decides (on by default). */
  findMainFile?: boolean;
  nginxVersion?: string;
  haproxyVersion?: string;
  ruleOverrides: readonly RuleOverride[];
  /** --config */
  configPath?: string;
  fix: FixMode;
  /** --quiet: with a fix, only errors are fixed. */
  quiet: boolean;
  reportUnusedDisableDirectives: boolean;
}

export interface LintRun {
  /** Every file read, linted files and the files they include, in the order read. */
  lintedFiles: string[];
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Text of every file read, after fixing when fixes were written. */
  texts: Map<string, string>;
  /** The rules that ran, by id. */
  rules: Map<string, RuleMeta<unknown>>;
  /** --fix-dry-run: the unified diff of what --fix would change. */
  diff: string;
  /** Things the user should know that are not findings ("not fixing X: ..."). */
  notes: string[];
  /** Paths that could not be read or written, and internal errors: exit code 2. */
  failures: string[];
  /** Every unit linted, with the texts its findings are of (fixed ones when fixes were written). */
  units: { unit: LintUnit; texts: ReadonlyMap<string, string> }[];
}

export type LintOutcome = { ok: true; run: LintRun } | { ok: false; configErrors: string[] };

/** The name standard input goes by, for messages and for finding its configuration. */
function stdinName(request: Pick<LintRequest, "stdinFilename">): string {
  return request.stdinFilename ?? "<stdin>";
}

/**
 * Whether any wslint.config.json applies to these files: only then are the rules of both dialects
 * (and zod) needed to check it, which a plain run should not pay for at start-up.
 */
function anyConfigFileApplies(files: readonly string[], cwd: string): boolean {
  const checked = new Set<string>();
  for (const file of files) {
    for (let directory = dirname(resolve(cwd, file)); !checked.has(directory); directory = dirname(directory)) {
      checked.add(directory);
      if (existsSync(join(directory, CONFIG_FILE_NAME))) return true;
      if (dirname(directory) === directory) break;
    }
  }
  return false;
}

function settingsFor(config: ResolvedConfig, request: LintRequest): LintSettings {
  const { nginx, haproxy, websocket } = config.settings;
  const includeMap = { ...nginx.includeMap };
  for (const mapping of request.includeMap) includeMap[mapping.from] = mapping.to;
  return {
    nginx: {
      version: request.nginxVersion ?? nginx.version,
      prefix: request.prefix ?? nginx.prefix,
      includeMap,
      findMainFile: request.findMainFile ?? nginx.findMainFile,
    },
    haproxy: { version: request.haproxyVersion ?? haproxy.version, findMainFile: request.findMainFile ?? haproxy.findMainFile },
    websocket,
  };
}

/** The mappings the loader applies: the command line's first, so they win over the config's. */
function includeMappings(config: ResolvedConfig, request: LintRequest): IncludeMapping[] {
  const fromConfig = Object.entries(config.settings.nginx.includeMap).map(([from, to]) => parseIncludeMapping(`${from}=${to}`));
  return [...request.includeMap, ...fromConfig];
}

interface LoadedTarget {
  target: LintTarget;
  config: ResolvedConfig;
  input: LoadedInput;
  prefix: string | undefined;
  includeMap: IncludeMapping[];
}

/** A bug's message; WSLINT_DEBUG=1 adds the stack, for the bug report. */
function describeBug(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return process.env.WSLINT_DEBUG === "1" && error.stack !== undefined ? `${error.message}\n${error.stack}` : error.message;
}

export async function lintPaths(request: LintRequest): Promise<LintOutcome> {
  const run: LintRun = {
    lintedFiles: [],
    findings: [],
    suppressed: [],
    texts: new Map(),
    rules: new Map(),
    diff: "",
    notes: [],
    failures: [],
    units: [],
  };
  const expansion = expandTargets(request.paths);
  run.failures.push(...expansion.unreadable);
  const configPathOf = (target: LintTarget) => (target.path === STDIN_ARGUMENT ? stdinName(request) : target.path);

  const needsRuleMetas = request.configPath !== undefined || anyConfigFileApplies(expansion.targets.map(configPathOf), request.cwd);
  const loader = new ConfigLoader({
    rules: needsRuleMetas ? await allRuleMetas() : [],
    explicitPath: request.configPath,
    cwd: request.cwd,
  });
  const configErrors = new Set<string>();
  const configured: { target: LintTarget; config: ResolvedConfig }[] = [];
  for (const target of expansion.targets) {
    const result = await loader.configFor(configPathOf(target));
    if (!result.ok) {
      configErrors.add(result.message);
      continue;
    }
    const { config } = result;
    const ignored = target.kind === "found" && new IgnoreGlobs(config.ignore, config.directory).ignores(resolve(request.cwd, target.path));
    if (!ignored) configured.push({ target, config });
  }
  if (configErrors.size > 0) return { ok: false, configErrors: [...configErrors] };

  const loaded: LoadedTarget[] = [];
  for (const { target, config } of configured) {
    const prefix = request.prefix ?? config.settings.nginx.prefix ?? undefined;
    const includeMap = includeMappings(config, request);
    try {
      const input = await timedAsync("read and parse", () =>
        loadInput(target.path, { dialect: request.dialect, prefix, includeMap, stdinFilename: request.stdinFilename }),
      );
      loaded.push({ target, config, input, prefix, includeMap });
    } catch (error) {
      run.failures.push(error instanceof InputError ? error.message : `internal error while reading ${target.path}: ${describeBug(error)}`);
    }
  }

  for (const unitFiles of await unitFilesOf(loaded, request, run)) {
    let unit: LintUnit;
    try {
      unit = await unitFor(unitFiles, request);
      await lintUnit(unit, request, run);
    } catch (error) {
      if (!(error instanceof InternalError)) throw error;
      run.failures.push(`internal error while linting ${unitFiles.name}: ${describeBug(error)}`);
    }
  }
  return { ok: true, run };
}

/** What one unit lints: an nginx main file (its includes come with it), or the files of one HAProxy configuration. */
interface UnitFiles {
  /** The nginx main file as named, or the HAProxy configuration's directory (or its one file). */
  name: string;
  /** The nginx main file, or the HAProxy files in the order HAProxy reads them. */
  files: LoadedTarget[];
  /** The files whose findings are reported; null: every file the unit reads. */
  reported: ReadonlySet<string> | null;
  /** The file named or found first among the unit's: units are linted in that order. */
  first: LoadedTarget;
}

async function unitFilesOf(loaded: readonly LoadedTarget[], request: LintRequest, run: LintRun): Promise<UnitFiles[]> {
  const nginx = loaded.flatMap((item) => (item.input.dialect === "nginx" ? [{ item, config: item.input.config }] : []));
  const haproxy = loaded.flatMap((item) => (item.input.dialect === "haproxy" ? [{ item, path: item.input.name, found: item.target.kind === "found" }] : []));
  const units: UnitFiles[] = [];
  if (nginx.length > 0) {
    const { chooseNginxMainFiles } = await import("./nginx.js");
    const { units: inContext, alone } = await placeNamedFragments(chooseNginxMainFiles(nginx).map(({ item }) => item), request, run);
    units.push(...inContext);
    for (const item of alone) units.push({ name: item.input.name, files: [item], reported: null, first: item });
  }
  if (haproxy.length > 0) {
    const { groupHaproxyConfigurations } = await import("./haproxy.js");
    const { units: inContext, alone } = await placeNamedHaproxyFragments(haproxy, request, run);
    units.push(...inContext, ...(await placeFoundHaproxyDirectories(groupHaproxyConfigurations(alone), request, run)));
  }
  // Units are linted in the order their files were found, whatever their dialect.
  const position = new Map(loaded.map((item, index) => [item, index]));
  return units.sort((a, b) => position.get(a.first)! - position.get(b.first)!);
}

/**
 * Puts each nginx fragment named on the command line that no other file of the run includes into
 * the nginx.conf found including it (see nginx-context.ts): one unit per nginx.conf found, which
 * reports the findings of those fragments only. The other main files are linted on their own.
 */
async function placeNamedFragments(mains: LoadedTarget[], request: LintRequest, run: LintRun): Promise<{ units: UnitFiles[]; alone: LoadedTarget[] }> {
  const named = mains.filter((item) => isNamedFile(item.target) && settingsFor(item.config, request).nginx.findMainFile);
  if (named.length === 0) return { units: [], alone: mains };
  const { isNginxFragment, placeNginxFragments } = await import("./nginx-context.js");
  const fragments = named.flatMap((item) =>
    item.input.dialect === "nginx" && isNginxFragment(item.input.config)
      ? [{ item, config: item.input.config, prefix: item.prefix, includeMap: item.includeMap }]
      : [],
  );
  const placement = placeNginxFragments(fragments, request.cwd);
  run.notes.push(...placement.notes);
  const units: UnitFiles[] = [];
  const inContext = new Set<LoadedTarget>();
  for (const context of placement.contexts) {
    const first = context.items[0]!;
    for (const item of context.items) inContext.add(item);
    // Read with the first fragment's settings, those the nginx.conf was found with.
    const main: LoadedTarget = { ...first, input: { dialect: "nginx", name: first.input.name, config: context.config } };
    units.push({ name: first.input.name, files: [main], reported: context.reported, first });
  }
  return { units, alone: mains.filter((item) => !inContext.has(item)) };
}

/**
 * Reads each HAProxy file named on the command line that has no `global` section after the
 * haproxy.cfg found above it (see haproxy-context.ts): one unit per haproxy.cfg and directory,
 * which reports the findings of the named files only. The other files are returned, to be grouped
 * into configurations as before.
 */
async function placeNamedHaproxyFragments<C extends { item: LoadedTarget; path: string; found: boolean }>(
  candidates: C[],
  request: LintRequest,
  run: LintRun,
): Promise<{ units: UnitFiles[]; alone: C[] }> {
  const fragments = candidates.flatMap((candidate) => {
    const { item } = candidate;
    if (!isNamedFile(item.target) || item.input.dialect !== "haproxy" || !findsHaproxyMainFile(item, request)) return [];
    return [{ item: candidate, result: item.input.result }];
  });
  if (fragments.length === 0) return { units: [], alone: candidates };
  const { isHaproxyFragment, placeHaproxyFragments } = await import("./haproxy-context.js");
  const { isReadByHaproxyFromDirectory } = await import("../load/haproxy-directory.js");
  // A named file of a directory whose files the run finds is read with them, as `-f DIR` reads it
  // (see placeFoundHaproxyDirectories), not a second time around its own.
  const foundDirectories = new Set(candidates.filter((candidate) => candidate.found).map((candidate) => resolve(dirname(candidate.path))));
  const withFound = new Set(
    fragments
      .filter(({ item }) => foundDirectories.has(resolve(dirname(item.path))) && isReadByHaproxyFromDirectory(basename(item.path)))
      .map(({ item }) => item),
  );
  const placement = placeHaproxyFragments(
    fragments.filter((fragment) => isHaproxyFragment(fragment.result) && !withFound.has(fragment.item)),
    request.cwd,
  );
  run.notes.push(...placement.notes);
  const units: UnitFiles[] = [];
  const inContext = new Set<C>();
  for (const context of placement.contexts) {
    const first = context.items[0]!.item;
    for (const candidate of context.items) inContext.add(candidate);
    // Read with the first fragment's settings, those haproxy.cfg was found with.
    units.push({ name: first.input.name, files: context.results.map((result) => withResult(first, result)), reported: context.reported, first });
  }
  const alone = candidates.flatMap((candidate) =>
    inContext.has(candidate) ? [] : withFound.has(candidate) ? [{ ...candidate, found: true }] : [candidate],
  );
  return { units, alone };
}

/** A file named on the command line and read from disk: one whose main file wslint may look for. */
function isNamedFile(target: LintTarget): boolean {
  return target.kind === "explicit" && target.path !== STDIN_ARGUMENT;
}

function findsHaproxyMainFile(item: LoadedTarget, request: LintRequest): boolean {
  return settingsFor(item.config, request).haproxy.findMainFile;
}

/** An HAProxy file the run did not load itself (a haproxy.cfg read for context), with `item`'s settings. */
function withResult(item: LoadedTarget, result: HaproxyParseResult): LoadedTarget {
  return { ...item, input: { dialect: "haproxy", name: result.file.source.path, result } };
}

/**
 * Reads the files found in a directory without a `global` section after the haproxy.cfg found
 * above it, in one unit with haproxy.cfg when the run lints it too (see placeHaproxyDirectories);
 * every other configuration is a unit as before.
 */
async function placeFoundHaproxyDirectories(
  configurations: readonly HaproxyConfiguration<{ item: LoadedTarget; path: string; found: boolean }>[],
  request: LintRequest,
  run: LintRun,
): Promise<UnitFiles[]> {
  const { placeHaproxyDirectories } = await import("./haproxy-context.js");
  const ofRun = configurations.map(({ name, directory, files }) => ({
    name,
    directory,
    findMainFile: findsHaproxyMainFile(files[0]!.item, request),
    files: files.flatMap(({ item }) => (item.input.dialect === "haproxy" ? [{ item, result: item.input.result }] : [])),
  }));
  const { readings, notes } = placeHaproxyDirectories(ofRun, request.cwd);
  run.notes.push(...notes);
  return readings.map(({ name, files, reported, configurations: [configuration] }) => {
    // A haproxy.cfg read for context takes the settings of the directory read after it.
    const first = configuration!.files[0]!.item;
    return { name, files: files.map(({ item, result }) => item ?? withResult(first, result)), reported, first };
  });
}

async function unitFor({ name, files, reported }: UnitFiles, request: LintRequest): Promise<LintUnit> {
  // The files of an HAProxy configuration share a directory, hence a wslint.config.json; those read
  // around a named file take its own.
  const item = files[0]!;
  const settings = settingsFor(item.config, request);
  const options = { reportUnusedDisableDirectives: request.reportUnusedDisableDirectives };
  const { input } = item;
  if (input.dialect === "nginx") {
    const [{ nginxUnit }, rules] = await Promise.all([import("./nginx.js"), rulesOf("nginx")]);
    const enabled = resolveEnabledRules(rules, item.config, request.ruleOverrides);
    const unit = nginxUnit(
      { name, config: input.config, prefix: item.prefix, includeMap: item.includeMap, rules: enabled, settings },
      options,
    );
    return reported === null ? unit : reportingOnly(unit, reported);
  }
  const [{ haproxyUnit }, rules] = await Promise.all([import("./haproxy.js"), rulesOf("haproxy")]);
  const enabled = resolveEnabledRules(rules, item.config, request.ruleOverrides);
  const results = files.flatMap((file) => (file.input.dialect === "haproxy" ? [file.input.result] : []));
  const unit = haproxyUnit({ name, results, rules: enabled, settings }, options);
  return reported === null ? unit : reportingOnly(unit, reported);
}

async function lintUnit(unit: LintUnit, request: LintRequest, run: LintRun): Promise<void> {
  for (const meta of unit.rules) run.rules.set(meta.id, meta);
  const record = (result: ReturnType<LintUnit["lint"]>, texts: ReadonlyMap<string, string>) => {
    for (const path of unit.reportedFiles ?? unit.sources.keys()) if (!run.lintedFiles.includes(path)) run.lintedFiles.push(path);
    for (const [path, text] of texts) run.texts.set(path, text);
    run.findings.push(...result.findings);
    run.units.push({ unit, texts });
    run.suppressed.push(...result.suppressed);
  };
  if (request.fix === "none" || unit.unfixableBecause !== null) {
    if (request.fix !== "none") run.notes.push(`not fixing ${unit.name}: ${unit.unfixableBecause}`);
    record(unit.lint(), textsOf(unit.sources));
    return;
  }

  // Only runs that fix pay for loading the writer and the diff.
  const { fixDryRunDiff, planFixedFiles, writeFixedFiles } = await import("../engine/write.js");
  // A file an earlier unit fixed (both include it) is fixed from its new text.
  const initial = new Map([...textsOf(unit.sources)].map(([path, text]) => [path, run.texts.get(path) ?? text]));
  // The fixer lints the texts it starts from, then again after each pass: keep the first and the
  // last result, which are those of the texts as they were and as --fix usually leaves them.
  let asRead: SuppressionResult | null = null;
  let asFixed: SuppressionResult | null = null;
  // The first lint is of the files as loaded, unless an earlier unit fixed one of them.
  const asLoaded = [...initial].every(([path, text]) => unit.sources.get(path)?.text === text);
  const fixed = await fixRepeatedly(initial, (texts) => {
    asFixed = asRead === null && asLoaded ? unit.lint() : unit.lintTexts(texts);
    asRead ??= asFixed;
    return request.quiet ? withoutWarnings(asFixed.findings) : asFixed.findings;
  });
  const plan = planFixedFiles(unit.sources, fixed);
  for (const file of plan.refused) run.notes.push(`not fixing ${file}: the fixes would leave it unparsable`);
  if (request.fix === "dry-run") {
    run.diff += fixDryRunDiff(plan, request.cwd);
  } else {
    try {
      await writeFixedFiles(plan);
    } catch (error) {
      run.failures.push(`cannot write the fixes of ${unit.name}: ${describeFileError(error)}`);
      record(asRead!, initial);
      return;
    }
  }
  // What remains: the findings of the texts as --fix leaves them. They differ from the fixer's last
  // texts only where a file was refused or had its final newline put back.
  const after = new Map(initial);
  for (const write of plan.writes) after.set(write.file, write.text);
  const lastLinted = [...after].every(([path, text]) => fixed.texts.get(path) === text);
  record(lastLinted ? asFixed! : unit.lintTexts(after), after);
}
