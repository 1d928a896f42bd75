// An HAProxy file named on the command line (conf.d/app.cfg, as pre-commit passes a staged file)
// is read the way RHEL and Fedora start HAProxy, `haproxy -f /etc/haproxy/haproxy.cfg -f
// /etc/haproxy/conf.d`: wslint looks for haproxy.cfg above the file's directory, up to the
// repository root, and lints the file after it and after the files of its directory that HAProxy
// reads before it, whose last `defaults` section its proxies take. The files found in a directory
// (`wslint lint /etc/haproxy`) are read the same way: conf.d after the haproxy.cfg above it, in
// one configuration with haproxy.cfg when the run lints haproxy.cfg too.
import { readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { HaproxyParseResult } from "../haproxy/ast.js";
import { parseHaproxy } from "../haproxy/parse.js";
import { describeFileError, diskFileSystem } from "../load/file-system.js";
import { compareBytes } from "../load/glob.js";
import { compareHaproxyDirectoryOrder, isReadByHaproxyFromDirectory } from "../load/haproxy-directory.js";
import type { SyntaxProblem } from "../syntax/problems.js";
import { directoriesUpToRepositoryRoot, isFile, noteNaming, type NoteNaming } from "./upward-search.js";

export const HAPROXY_MAIN_FILE_NAME = "haproxy.cfg";

/**
 * Whether a file is a part of a configuration rather than a whole one: it parses, and it has no
 * `global` section. A file that does not parse is reported on its own: its syntax error is all
 * there is to say, in any context.
 */
export function isHaproxyFragment(result: HaproxyParseResult): boolean {
  return result.problems.length === 0 && !hasGlobal(result);
}

/**
 * The haproxy.cfg read before `fragment`: the first one in a parent of its directory, up to the
 * repository root (see directoriesUpToRepositoryRoot). None when the fragment's own directory holds
 * a haproxy.cfg: how the two files are read together (`-f DIR`, or `-f haproxy.cfg -f FILE`) is not
 * known, and in `-f DIR` order haproxy.cfg need not come first.
 */
export function haproxyMainFile(fragment: string): string | null {
  const [own, ...parents] = directoriesUpToRepositoryRoot(fragment);
  if (isFile(join(own!, HAPROXY_MAIN_FILE_NAME))) return null;
  return parents.map((directory) => join(directory, HAPROXY_MAIN_FILE_NAME)).find(isFile) ?? null;
}

export interface HaproxyFragment<T> {
  item: T;
  /** The fragment as parsed on its own. */
  result: HaproxyParseResult;
}

/** One haproxy.cfg and the directory of named fragments, read once for all of them. */
export interface HaproxyFragmentContext<T> {
  /** haproxy.cfg, then the files of the fragments' directory, in the order HAProxy reads them. */
  results: HaproxyParseResult[];
  /** The fragments it reads, in the order they were named. */
  items: T[];
  /** The fragments' paths: only findings in these are reported. */
  reported: Set<string>;
}

export interface HaproxyFragmentPlacement<T> {
  contexts: HaproxyFragmentContext<T>[];
  /** Fragments linted on their own: no haproxy.cfg was found above them, or it could not be used. */
  alone: T[];
  /** One line per fragment linted on its own although a haproxy.cfg was found, saying why. */
  notes: string[];
}

/**
 * Reads each fragment as `haproxy -f MAIN -f DIR` reads it, MAIN the haproxy.cfg found above it and
 * DIR its directory; the fragments that share both are read in one configuration.
 */
export function placeHaproxyFragments<T>(fragments: readonly HaproxyFragment<T>[], cwd: string): HaproxyFragmentPlacement<T> {
  const placement: HaproxyFragmentPlacement<T> = { contexts: [], alone: [], notes: [] };
  const groups = new Map<string, { main: string; directory: string; fragments: HaproxyFragment<T>[] }>();
  for (const fragment of fragments) {
    const path = fragment.result.file.source.path;
    const main = haproxyMainFile(path);
    // A file `-f DIR` skips (app.cfg.off) is not read in its directory's configuration.
    if (main === null || !isReadByHaproxyFromDirectory(basename(path))) {
      placement.alone.push(fragment.item);
      continue;
    }
    const directory = dirname(path);
    const key = JSON.stringify([main, resolve(directory)]);
    const group = groups.get(key) ?? { main, directory, fragments: [] };
    groups.set(key, group);
    group.fragments.push(fragment);
  }

  const name = noteNaming(cwd);
  for (const { main, directory, fragments: named } of groups.values()) {
    const read = readConfiguration(main, directory, named, name);
    const problem = read.ok ? read.results.flatMap((result) => result.problems)[0] : undefined;
    if (read.ok && problem === undefined) {
      const reported = new Set(named.map((fragment) => fragment.result.file.source.path));
      placement.contexts.push({ results: read.results, items: named.map((fragment) => fragment.item), reported });
      continue;
    }
    // HAProxy refuses a configuration with a syntax error in any of its files, and the rules do
    // not run on one: a problem outside the fragment would silence its findings unseen.
    const why = read.ok ? readBeforeButFails(main, problem!, name) : read.reason;
    for (const fragment of named) {
      placement.alone.push(fragment.item);
      placement.notes.push(name.lintedOnItsOwn(fragment.result.file.source.path, why));
    }
  }
  return placement;
}

function readBeforeButFails(main: string, problem: SyntaxProblem, name: NoteNaming): string {
  return `${name.path(main)} is read before it, but ${name.problem(problem)}`;
}

/** One HAProxy configuration of a run, as grouped from the files named and found. */
export interface HaproxyRunConfiguration<T> {
  name: string;
  /** Its files, in the order HAProxy reads them. */
  files: HaproxyFragment<T>[];
  /** The directory its files were found in, read as `-f DIR`; null for a file read alone. */
  directory: string | null;
  /** Whether the haproxy.cfg read before its directory is looked for (find-main-file). */
  findMainFile: boolean;
}

/** What one lint unit reads: a configuration of the run, or several read as one. */
export interface HaproxyReading<T> {
  name: string;
  /** In the order HAProxy reads them; `item` null for a haproxy.cfg read for context only. */
  files: { item: T | null; result: HaproxyParseResult }[];
  /** The files whose findings are reported; null: every file read. */
  reported: Set<string> | null;
  /** The run's configurations it reads: it is linted in the place of the first. */
  configurations: HaproxyRunConfiguration<T>[];
}

/**
 * Reads the run's configurations of files found in a directory D with no `global` section as
 * `haproxy -f P -f D`, P the haproxy.cfg found above D (see haproxyMainFile). When P is itself a
 * configuration of the run (named, or the only file found in its directory), P and every such
 * directory read after it, in the byte order of their paths, are one reading that reports all of
 * their files; otherwise P is read for context, and only D's files are reported. A configuration
 * that cannot be read so (P or one of its files does not parse or cannot be read) is read as
 * before, with a note; every other configuration is read as before.
 */
export function placeHaproxyDirectories<T>(
  configurations: readonly HaproxyRunConfiguration<T>[],
  cwd: string,
): { readings: HaproxyReading<T>[]; notes: string[] } {
  const name = noteNaming(cwd);
  const notes: string[] = [];
  const asBefore = (configuration: HaproxyRunConfiguration<T>): HaproxyReading<T> => ({
    name: configuration.name,
    files: configuration.files,
    reported: null,
    configurations: [configuration],
  });
  const afterMain = new Map<string, { main: string; directories: HaproxyRunConfiguration<T>[] }>();
  for (const configuration of configurations) {
    const { directory, files } = configuration;
    if (directory === null || !configuration.findMainFile || files.some(({ result }) => hasGlobal(result))) continue;
    const main = haproxyMainFile(files[0]!.result.file.source.path);
    if (main === null) continue;
    const entry = afterMain.get(resolve(main)) ?? { main, directories: [] };
    afterMain.set(resolve(main), entry);
    entry.directories.push(configuration);
  }

  const placed = new Set([...afterMain.values()].flatMap(({ directories }) => directories));
  const merged = new Map<HaproxyRunConfiguration<T>, HaproxyReading<T> | null>();
  for (const { main, directories } of afterMain.values()) {
    // haproxy.cfg as the run reads it, when the run reads it alone; else from disk, for context.
    const ofRun = configurations.find(
      (configuration) =>
        configuration.files.length === 1 && !placed.has(configuration) && resolve(configuration.files[0]!.result.file.source.path) === resolve(main),
    );
    const mainFile = ofRun?.files[0] ?? readHaproxyFile(main, name);
    const usable = directories.filter((configuration) => {
      const problem = [mainFile, ...configuration.files].flatMap((file) => ("reason" in file ? [] : file.result.problems))[0];
      const why = "reason" in mainFile ? mainFile.reason : problem === undefined ? null : readBeforeButFails(main, problem, name);
      if (why !== null) notes.push(name.lintedOnItsOwn(configuration.name, why));
      return why === null;
    });
    if (usable.length === 0 || "reason" in mainFile) continue;
    if (ofRun === undefined) {
      for (const configuration of usable) {
        const reported = new Set(configuration.files.map(({ result }) => result.file.source.path));
        const files = [{ item: null, result: mainFile.result }, ...configuration.files];
        merged.set(configuration, { name: configuration.name, files, reported, configurations: [configuration] });
      }
      continue;
    }
    usable.sort((a, b) => compareBytes(resolve(a.directory!), resolve(b.directory!)));
    const reading: HaproxyReading<T> = {
      name: ofRun.name,
      files: [ofRun.files[0]!, ...usable.flatMap((configuration) => configuration.files)],
      reported: null,
      configurations: [ofRun, ...usable],
    };
    for (const configuration of reading.configurations) merged.set(configuration, null);
    merged.set(ofRun, reading);
  }
  const readings = configurations.flatMap((configuration) => {
    const reading = merged.get(configuration);
    return reading === undefined ? [asBefore(configuration)] : reading === null ? [] : [reading];
  });
  return { readings, notes };
}

function hasGlobal(result: HaproxyParseResult): boolean {
  return result.file.sections.some((section) => section.keyword === "global");
}

/** A file read and parsed from disk, or why it could not be read. */
function readHaproxyFile(path: string, name: NoteNaming): { result: HaproxyParseResult } | { reason: string } {
  const file = diskFileSystem.read(path);
  return file.ok ? { result: parseHaproxy(file.source) } : { reason: name.cannotRead(path, file.reason) };
}

type ReadConfiguration = { ok: true; results: HaproxyParseResult[] } | { ok: false; reason: string };

/** `haproxy -f main -f directory`, the named fragments as already parsed. */
function readConfiguration(
  main: string,
  directory: string,
  named: readonly HaproxyFragment<unknown>[],
  name: NoteNaming,
): ReadConfiguration {
  const failure = (path: string, reason: string): ReadConfiguration => ({ ok: false, reason: name.cannotRead(path, reason) });
  const parsed = new Map(named.map((fragment) => [resolve(fragment.result.file.source.path), fragment.result]));
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch (error) {
    return failure(directory, describeFileError(error));
  }
  const paths = names
    .filter((entry) => isReadByHaproxyFromDirectory(entry) && isFile(join(directory, entry)))
    .map((entry) => join(directory, entry))
    .sort(compareHaproxyDirectoryOrder);
  const results: HaproxyParseResult[] = [];
  for (const path of [main, ...paths]) {
    const result = parsed.get(resolve(path));
    if (result !== undefined) {
      results.push(result);
      continue;
    }
    const file = readHaproxyFile(path, name);
    if ("reason" in file) return { ok: false, reason: file.reason };
    results.push(file.result);
  }
  return { ok: true, results };
}
