// Where configuration files come from: the disk, or the sections of an `nginx -T` dump. Include
// resolution and globbing go through this interface, so includes inside a dump resolve against
// the files in the dump and never touch the disk.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { decodeSource, type SourceFile } from "../syntax/source.js";

export type ReadOutcome = { ok: true; source: SourceFile } | { ok: false; reason: string };

export interface ConfigFileSystem {
  /** Reads and decodes one file; on failure `reason` is short and human ("permission denied"). */
  read(path: string): ReadOutcome;
  /** The entry names of a directory, or null when `directory` is not a readable directory. */
  list(directory: string): string[] | null;
  exists(path: string): boolean;
}

const errnoReasons: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "a part of the path is not a directory",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "file name too long",
};

/** A short reason for a failed file system call, without Node's "ENOENT: ... open 'x'" noise. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code !== undefined && code in errnoReasons) return errnoReasons[code]!;
  return error instanceof Error ? error.message : String(error);
}

export const diskFileSystem: ConfigFileSystem = {
  read(path) {
    try {
      return { ok: true, source: decodeSource(path, readFileSync(path)) };
    } catch (error) {
      return { ok: false, reason: describeFileError(error) };
    }
  },
  list(directory) {
    try {
      return readdirSync(directory);
    } catch {
      return null;
    }
  },
  exists(path) {
    try {
      statSync(path);
      return true;
    } catch {
      return false;
    }
  },
};

/** The files of an `nginx -T` dump, by the absolute paths nginx printed. */
export class DumpFileSystem implements ConfigFileSystem {
  private readonly files = new Map<string, SourceFile>();
  private readonly directories = new Map<string, Set<string>>();

  constructor(sections: readonly SourceFile[]) {
    for (const section of sections) {
      // nginx prints each file once; should a path repeat, the first copy is the one nginx read first.
      if (this.files.has(section.path)) continue;
      this.files.set(section.path, section);
      this.addParents(section.path);
    }
  }

  read(path: string): ReadOutcome {
    const source = this.files.get(path);
    if (source !== undefined) return { ok: true, source };
    return this.directories.has(path)
      ? { ok: false, reason: "is a directory" }
      : { ok: false, reason: "not in the nginx -T dump" };
  }

  list(directory: string): string[] | null {
    const names = this.directories.get(directory === "" ? "." : directory);
    return names === undefined ? null : [...names];
  }

  exists(path: string): boolean {
    return this.files.has(path) || this.directories.has(path);
  }

  private addParents(path: string): void {
    let child = path;
    for (;;) {
      const slash = child.lastIndexOf("/");
      const parent = slash > 0 ? child.slice(0, slash) : slash === 0 ? "/" : ".";
      const name = child.slice(slash + 1);
      let names = this.directories.get(parent);
      const known = names !== undefined;
      if (!names) {
        names = new Set();
        this.directories.set(parent, names);
      }
      names.add(name);
      if (known || parent === "/" || parent === ".") return;
      child = parent;
    }
  }
}
