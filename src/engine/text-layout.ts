// Helpers for rules that insert lines: keep the file's line ending and indentation style.

export type LineEnding = "\n" | "\r\n";

/** The line ending most lines of `text` use; LF when there is none. */
export function detectLineEnding(text: string): LineEnding {
  const all = text.match(/\n/g)?.length ?? 0;
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  return crlf > all - crlf ? "\r\n" : "\n";
}

/** Leading whitespace of the line that contains `offset`. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

const DEFAULT_INDENT_UNIT = "    ";

/**
 * One level of indentation as the file writes it: a tab if lines are mostly indented with tabs,
 * otherwise the most common step between the indentation of consecutive lines (4 spaces if the
 * file has no indented lines).
 */
export function detectIndentUnit(text: string): string {
  const indents = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"))
    .map((line) => /^[ \t]*/.exec(line)![0]);
  const tabbed = indents.filter((indent) => indent.startsWith("\t")).length;
  const spaced = indents.filter((indent) => indent.startsWith(" ")).length;
  if (tabbed > spaced) return "\t";
  const stepCounts = new Map<number, number>();
  for (let i = 1; i < indents.length; i++) {
    const step = Math.abs(indents[i]!.length - indents[i - 1]!.length);
    if (step > 0 && !indents[i]!.includes("\t")) stepCounts.set(step, (stepCounts.get(step) ?? 0) + 1);
  }
  let best: [number, number] | null = null;
  for (const [step, count] of stepCounts) {
    if (best === null || count > best[1] || (count === best[1] && step < best[0])) best = [step, count];
  }
  return best === null ? DEFAULT_INDENT_UNIT : " ".repeat(best[0]);
}

export interface TextLayout {
  eol: LineEnding;
  /** One level of indentation. */
  unit: string;
}

/** Layouts of the texts edited lately: a large file gets many findings, each with its own edit. */
const recentLayouts = new Map<string, TextLayout>();
const LAYOUTS_KEPT = 64;

/** The file's line ending and indentation unit, computed once per text rather than once per edit. */
export function textLayout(text: string): TextLayout {
  let layout = recentLayouts.get(text);
  if (layout === undefined) {
    if (recentLayouts.size >= LAYOUTS_KEPT) recentLayouts.clear();
    layout = { eol: detectLineEnding(text), unit: detectIndentUnit(text) };
    recentLayouts.set(text, layout);
  }
  return layout;
}

/** A line to insert, `depth` levels deeper than the line at the insertion point. */
export type InsertedLine = readonly [depth: number, text: string];

/**
 * The text of whole lines to insert at the start of the line holding `offset`: each indented
 * like that line plus `depth` units, each ended with the file's line ending.
 */
export function renderInsertedLines(text: string, offset: number, lines: readonly InsertedLine[]): string {
  const { eol, unit } = textLayout(text);
  const base = indentationAt(text, offset);
  return lines.map(([depth, line]) => base + unit.repeat(depth) + line + eol).join("");
}
