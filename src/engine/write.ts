// Writing fixed files back: atomically, in the file's own encoding, mode and final newline.
import { randomBytes } from "node:crypto";
import { chmod, chown, open, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { encodeSource, type SourceFile } from "../syntax/source.js";
import { unifiedDiff } from "./diff.js";
import { InternalError } from "./errors.js";
import type { Finding } from "./finding.js";
import { detectLineEnding } from "./text-layout.js";

/**
 * Writes `bytes` to a temporary file beside `path` and renames it over `path`, so that a reader
 * (or nginx reloading) sees the old file or the new one, never half of one. The mode, and the
 * owner when we may set it, are those of the file replaced; a symlink is followed, not replaced.
 */
export async function writeFileAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const target = await realpath(path);
  const original = await stat(target);
  const temporary = join(dirname(target), `.${basename(target)}.wslint-${process.pid}-${randomBytes(4).toString("hex")}`);
  const handle = await open(temporary, "wx", 0o600);
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temporary, original.mode & 0o7777);
    if (process.getuid?.() === 0) await chown(temporary, original.uid, original.gid);
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** A file that ended with a line break still does after fixing. */
export function keepFinalNewline(originalText: string, fixedText: string): string {
  if (!/\n$/.test(originalText) || /\n$/.test(fixedText) || fixedText === "") return fixedText;
  return fixedText + detectLineEnding(originalText);
}

export interface FixedTexts {
  texts: ReadonlyMap<string, string>;
  changedFiles: readonly string[];
  /** Findings of the fixed texts: a file that does not parse after fixing is not written. */
  findings: readonly Finding[];
}

export interface PlannedWrite {
  file: string;
  source: SourceFile;
  /** The fixed text, with the original final newline kept. */
  text: string;
}

export interface FixedFilesPlan {
  writes: PlannedWrite[];
  /** Changed files left untouched because they have parse errors. */
  refused: string[];
}

/**
 * What --fix writes and --fix-dry-run shows: every changed file except those with parse errors.
 * Fixing never edits a file that had them, so one that has them now was broken by a fix, and its
 * old text is kept.
 */
export function planFixedFiles(sources: ReadonlyMap<string, SourceFile>, fixed: FixedTexts): FixedFilesPlan {
  const unparsable = new Set(fixed.findings.filter((finding) => finding.fatal).map((finding) => finding.file));
  const plan: FixedFilesPlan = { writes: [], refused: [] };
  for (const file of fixed.changedFiles) {
    if (unparsable.has(file)) {
      plan.refused.push(file);
      continue;
    }
    const source = sources.get(file);
    if (source === undefined) throw new InternalError(`fixed ${file}, whose original source is unknown`);
    const text = keepFinalNewline(source.text, fixed.texts.get(file)!);
    if (source.encoding === "latin1" && /[^\u0000-\u00ff]/.test(text)) {
      throw new InternalError(`a fix put characters into ${file} that its latin1 encoding cannot hold`);
    }
    plan.writes.push({ file, source, text });
  }
  return plan;
}

/** --fix: writes the planned files; returns the files written. */
export async function writeFixedFiles(plan: FixedFilesPlan): Promise<string[]> {
  for (const { file, source, text } of plan.writes) await writeFileAtomically(file, encodeSource(source, text));
  return plan.writes.map((write) => write.file);
}

/** --fix-dry-run: one unified diff for all planned files, paths relative to `cwd`; nothing is written. */
export function fixDryRunDiff(plan: FixedFilesPlan, cwd: string): string {
  return plan.writes
    .map(({ file, source, text }) => {
      const shown = relative(cwd, resolve(cwd, file)).split(sep).join("/");
      return unifiedDiff(`a/${shown}`, `b/${shown}`, source.text, text);
    })
    .join("");
}
