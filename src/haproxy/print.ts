// Prints a HAProxy tree back to text. Every character of the source is in exactly one line
// field, so printing an unmodified tree gives back the source text.
import type { HaproxyFile, HaproxyLine } from "./ast.js";

export function printHaproxy(file: HaproxyFile): string {
  return file.lines.map(printHaproxyLine).join("");
}

/** One line with its line ending. */
export function printHaproxyLine(line: HaproxyLine): string {
  if (line.type === "scope") return line.text + line.eol;
  let text = "";
  for (const word of line.words) text += word.leading + word.raw;
  return text + line.trailing + (line.comment?.raw ?? "") + line.unparsedTail + line.eol;
}
