// An HAProxy file named on the command line (conf.d/app.cfg, as pre-commit passes a staged file)
// is read the way RHEL and Fedora start HAProxy, `haproxy -f /etc/haproxy/haproxy.cfg -f
// /etc/haproxy/conf.d`: wslint looks for haproxy.cfg above the file's directory, up to the
// repository root, and lints the file after it and after the files of its directory that HAProxy
// reads before it, whose last `defaults` section its proxies take.
import { readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { HaproxyParseResult } from "../haproxy/ast.js";
import { parseHaproxy } from "../haproxy/parse.js";
import { describeFileError, diskFileSystem } from "../load/file-system.js";
import { compareHaproxyDirectoryOrder, isReadByHaproxyFromDirectory } from "../load/haproxy-directory.js";
import { directoriesUpToRepositoryRoot, isFile, noteNaming, type NoteNaming } from "./upward-search.js";

export const HAPROXY_MAIN_FILE_NAME = "haproxy.cfg";

/**
 * Whether a file is a part of a configuration rather than a whole one: it parses, and it has no
 * `global` section. A file that does not parse is reported on its own: its syntax error is all
 * there is to say, in any context.
 */
export function isHaproxyFragment(result: HaproxyParseResult): boolean {
  return result.problems.length === 0 && !result.file.sections.some((section) => section.keyword === "global");
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
    const why = read.ok ? `${name.path(main)} is read before it, but ${name.problem(problem!)}` : read.reason;
    for (const fragment of named) {
      placement.alone.push(fragment.item);
      placement.notes.push(`${name.path(fragment.result.file.source.path)} is linted on its own: ${why}`);
    }
  }
  return placement;
}

type ReadConfiguration = { ok: true; results: HaproxyParseResult[] } | { ok: false; reason: string };

/** `haproxy -f main -f directory`, the named fragments as already parsed. */
function readConfiguration(
  main: string,
  directory: string,
  named: readonly HaproxyFragment<unknown>[],
  name: NoteNaming,
): ReadConfiguration {
  const cannotRead = (path: string, reason: string): ReadConfiguration => ({ ok: false, reason: `cannot read ${name.path(path)}: ${reason}` });
  const parsed = new Map(named.map((fragment) => [resolve(fragment.result.file.source.path), fragment.result]));
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch (error) {
    return cannotRead(directory, describeFileError(error));
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
    const file = diskFileSystem.read(path);
    if (!file.ok) return cannotRead(path, file.reason);
    results.push(parseHaproxy(file.source));
  }
  return { ok: true, results };
}
