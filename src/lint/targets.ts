// What `wslint lint PATH...` reads: files named on the command line, the configuration files found
// in directories named there, and standard input (`-`).
import { readdirSync, statSync, type Dirent } from "node:fs";
import { join, normalize } from "node:path";
import { compareBytes } from "../load/glob.js";
import { describeFileError } from "../load/file-system.js";
import { STDIN_ARGUMENT } from "../load/inputs.js";

export type LintTarget =
  /** Named on the command line (or `-`): always linted, whatever the ignore globs say. */
  | { kind: "explicit"; path: string }
  /** Found in a directory: skipped when ignored, and not linted alone when another file includes it. */
  | { kind: "found"; path: string };

export interface TargetExpansion {
  targets: LintTarget[];
  /** Paths that could not be read: "cannot read X: reason". */
  unreadable: string[];
}

/** Directories never searched: they hold other projects' files, not this one's configuration. */
const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(["node_modules", ".git"]);

/** nginx.conf and haproxy*.cfg are among these; other names reach the linter through includes. */
function isConfigFileName(name: string): boolean {
  return name.endsWith(".conf") || name.endsWith(".cfg");
}

/**
 * Expands the arguments in order. A file reached twice is listed once, where first reached, and
 * counts as named on the command line if it was named there either time.
 */
export function expandTargets(paths: readonly string[]): TargetExpansion {
  const unreadable: string[] = [];
  const listed = new Map<string, LintTarget>();
  const add = (target: LintTarget) => {
    // Setting a key again keeps its place in the Map's order.
    if (!listed.has(target.path) || target.kind === "explicit") listed.set(target.path, target);
  };
  for (const argument of paths) {
    if (argument === STDIN_ARGUMENT) {
      add({ kind: "explicit", path: argument });
      continue;
    }
    const path = normalize(argument);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      unreadable.push(`cannot read ${argument}: ${describeFileError(error)}`);
      continue;
    }
    if (!isDirectory) {
      add({ kind: "explicit", path });
      continue;
    }
    for (const found of searchDirectory(path, unreadable)) add({ kind: "found", path: found });
  }
  return { targets: [...listed.values()], unreadable };
}

/** Configuration files below `directory`, depth first in byte order; symlinked directories are not followed. */
function searchDirectory(directory: string, unreadable: string[]): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    unreadable.push(`cannot read ${directory}: ${describeFileError(error)}`);
    return [];
  }
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => compareBytes(a.name, b.name))) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) found.push(...searchDirectory(path, unreadable));
    } else if (isConfigFileName(entry.name) && (entry.isFile() || isFileBehindLink(entry, path))) {
      found.push(path);
    }
  }
  return found;
}

function isFileBehindLink(entry: Dirent, path: string): boolean {
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
