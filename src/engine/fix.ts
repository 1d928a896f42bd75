// Fixes are data: a list of edits by offset. This module checks and merges the edits of one
// finding, then applies the fixes of many findings pass after pass until the texts stop changing.
import { InternalError } from "./errors.js";
import type { Finding, Fix, TextEdit } from "./finding.js";

export const MAX_FIX_PASSES = 10;

function byFileThenRange(a: TextEdit, b: TextEdit): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.range[0] - b.range[0] || a.range[1] - b.range[1];
}

/**
 * One edit per file: edits of the same file become one edit covering all of them, with the
 * original text kept between them (so fixes of different findings can be checked for overlap by
 * range alone). Edits out of the file's bounds, or overlapping each other, are a bug of the rule.
 */
export function mergeFixEdits(fix: Fix, textOf: (file: string) => string, ruleId: string | null): Fix {
  const sorted = [...fix].sort(byFileThenRange);
  const merged: TextEdit[] = [];
  for (const edit of sorted) {
    const [start, end] = edit.range;
    const length = textOf(edit.file).length;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > length) {
      throw new InternalError(`fix edit range [${start}, ${end}] is not within ${edit.file} (length ${length})`, ruleId);
    }
    const previous = merged.at(-1);
    if (previous === undefined || previous.file !== edit.file) {
      merged.push({ file: edit.file, range: [start, end], text: edit.text });
      continue;
    }
    if (start < previous.range[1]) {
      throw new InternalError(
        `fix edits overlap in ${edit.file}: [${previous.range[0]}, ${previous.range[1]}] and [${start}, ${end}]`,
        ruleId,
      );
    }
    const between = textOf(edit.file).slice(previous.range[1], start);
    previous.text += between + edit.text;
    previous.range = [previous.range[0], end];
  }
  return merged;
}

/** Applies edits that do not overlap; `edits` may be in any order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const fromLast = [...edits].sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1]);
  let result = text;
  for (const edit of fromLast) {
    result = result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]);
  }
  return result;
}

function rangesTouch(a: TextEdit, b: TextEdit): boolean {
  // Touching ranges count as overlapping, as in ESLint: the later fix waits for the next pass.
  return a.file === b.file && a.range[0] <= b.range[1] && b.range[0] <= a.range[1];
}

function filesWithParseErrors(findings: readonly Finding[]): Set<string> {
  return new Set(findings.filter((finding) => finding.fatal).map((finding) => finding.file));
}

/**
 * The fixes of one pass: in order of position, each finding's fix is taken whole or not at all;
 * a fix that overlaps one already taken, or touches a file with parse errors, waits.
 */
export function selectNonOverlappingFixes(findings: readonly Finding[]): Fix[] {
  const unparsable = filesWithParseErrors(findings);
  const candidates = findings
    .filter((finding): finding is Finding & { fix: Fix } => !finding.fatal && finding.fix !== undefined && finding.fix.length > 0)
    .map((finding) => [...finding.fix].sort(byFileThenRange))
    .filter((fix) => fix.every((edit) => !unparsable.has(edit.file)))
    .sort((a, b) => byFileThenRange(a[0]!, b[0]!));
  const taken: Fix[] = [];
  for (const fix of candidates) {
    const conflicts = taken.some((other) => other.some((edit) => fix.some((mine) => rangesTouch(edit, mine))));
    if (!conflicts) taken.push(fix);
  }
  return taken;
}

/**
 * Lints a set of file texts (the linted files and what they include) and returns all findings,
 * after disable directives are applied: a suppressed finding is not fixed either.
 */
export type LintTexts = (texts: ReadonlyMap<string, string>) => Finding[] | Promise<Finding[]>;

export interface FixResult {
  /** Every file's text after fixing, changed or not. */
  texts: Map<string, string>;
  /** Files whose text differs from the input, in the order first changed. */
  changedFiles: string[];
  /** Findings of the final texts. */
  findings: Finding[];
  /** Passes that applied at least one fix. */
  passes: number;
}

export async function fixRepeatedly(
  initialTexts: ReadonlyMap<string, string>,
  lintTexts: LintTexts,
  maxPasses = MAX_FIX_PASSES,
): Promise<FixResult> {
  const texts = new Map(initialTexts);
  let findings = await lintTexts(texts);
  let passes = 0;
  while (passes < maxPasses) {
    const fixes = selectNonOverlappingFixes(findings);
    if (fixes.length === 0) break;
    const editsByFile = new Map<string, TextEdit[]>();
    for (const edit of fixes.flat()) {
      if (!texts.has(edit.file)) throw new InternalError(`fix edits ${edit.file}, which is not part of this lint run`);
      editsByFile.set(edit.file, [...(editsByFile.get(edit.file) ?? []), edit]);
    }
    for (const [file, edits] of editsByFile) texts.set(file, applyEdits(texts.get(file)!, edits));
    passes += 1;
    findings = await lintTexts(texts);
  }
  const changedFiles = [...texts.keys()].filter((file) => texts.get(file) !== initialTexts.get(file));
  return { texts, changedFiles, findings, passes };
}
