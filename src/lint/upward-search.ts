// Where wslint looks for the main file of a file named on the command line (the nginx.conf that
// includes a fragment, the haproxy.cfg read before a conf.d file): in the file's directory and
// then each parent, no higher than the repository the file is in. Also how those files and their
// problems are named in the notes that say why one could not be used.
import { existsSync, realpathSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { displayPath } from "../report/paths.js";
import type { SyntaxProblem } from "../syntax/problems.js";

/**
 * The directory of `file`, then each parent directory, up to and including the one that holds
 * `.git` (the repository root), else up to the filesystem root.
 */
export function* directoriesUpToRepositoryRoot(file: string): Generator<string> {
  for (let directory = dirname(resolve(file)); ; directory = dirname(directory)) {
    yield directory;
    if (existsSync(join(directory, ".git")) || dirname(directory) === directory) return;
  }
}

/** The path with its symbolic links resolved (sites-enabled/app.conf -> sites-available/app.conf), when it exists. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export interface NoteNaming {
  path(path: string): string;
  /** `file:line:column: message` */
  problem(problem: SyntaxProblem): string;
  /** The note for a file linted on its own although its main file was found: `why` says why. */
  lintedOnItsOwn(file: string, why: string): string;
  /** Why a file could not be used: `reason` as the file system gave it. */
  cannotRead(file: string, reason: string): string;
}

/** How notes name files and problems: as reports do, relative to the working directory unless outside it. */
export function noteNaming(cwd: string): NoteNaming {
  const path = (file: string) => displayPath(cwd, file);
  return {
    path,
    problem: (problem) => `${path(problem.file)}:${problem.start.line}:${problem.start.column}: ${problem.message}`,
    lintedOnItsOwn: (file, why) => `${path(file)} is linted on its own: ${why}`,
    cannotRead: (file, reason) => `cannot read ${path(file)}: ${reason}`,
  };
}
