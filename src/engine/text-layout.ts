// Helpers for rules that insert lines: keep the file's line ending and indentation style.

export type LineEnding = "\n" | "\r\n";

/** The line ending most lines of `text` use; LF when there is none. */
export function detectLineEnding(text: string): LineEnding {
  let all = 0;
  let crlf = 0;
  for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", newline + 1)) {
    all++;
    if (text[newline - 1] === "\r") crlf++;
  }
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
 * file has no indented lines). Blank lines and comment lines are not counted.
 */
export function detectIndentUnit(text: string): string {
  // One pass over the text without splitting it into lines: on a large file this is asked
  // once, by its first edit, and splitting cost more than the rest of the lint.
  let tabbed = 0;
  let spaced = 0;
  let previousWidth: number | null = null;
  const stepCounts = new Map<number, number>();
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    let indentEnd = lineStart;
    let hasTab = false;
    for (; indentEnd < lineEnd; indentEnd++) {
      const char = text[indentEnd];
      if (char === "\t") hasTab = true;
      else if (char !== " ") break;
    }
    if (isCounted(text, indentEnd, lineEnd)) {
      const width = indentEnd - lineStart;
      if (text[lineStart] === "\t") tabbed++;
      else if (text[lineStart] === " ") spaced++;
      const step = previousWidth === null ? 0 : Math.abs(width - previousWidth);
      if (step > 0 && !hasTab) stepCounts.set(step, (stepCounts.get(step) ?? 0) + 1);
      previousWidth = width;
    }
    lineStart = lineEnd + 1;
  }
  if (tabbed > spaced) return "\t";
  let best: [number, number] | null = null;
  for (const [step, count] of stepCounts) {
    if (best === null || count > best[1] || (count === best[1] && step < best[0])) best = [step, count];
  }
  return best === null ? DEFAULT_INDENT_UNIT : " ".repeat(best[0]);
}

/** Whether the line whose text after its indentation spans `from`..`to` is neither blank nor a comment. */
function isCounted(text: string, from: number, to: number): boolean {
  const code = from < to ? text.charCodeAt(from) : 0;
  // Printable ASCII decides at once; anything else (other whitespace, \r) as trimStart sees it.
  if (code > 32 && code < 127) return code !== 35; // "#"
  const rest = text.slice(from, to).trimStart();
  return rest !== "" && !rest.startsWith("#");
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
