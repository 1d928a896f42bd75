// Text made of words' values joined by single spaces, as HAProxy re-joins the words of a `.if`
// line, or one word's value, as a fetch expression is read; maps its indexes back to the source.
import type { Position, Span } from "../syntax/source.js";
import type { HaproxyWord } from "./ast.js";

export class JoinedWords {
  readonly text: string;
  private readonly starts: number[] = [];

  /** `suffix` is text after the last word that maps to its end (a trailing blank). */
  constructor(
    private readonly words: readonly HaproxyWord[],
    suffix = "",
  ) {
    let text = "";
    for (const word of words) {
      if (this.starts.length > 0) text += " ";
      this.starts.push(text.length);
      text += word.value;
    }
    this.text = text + suffix;
  }

  /**
   * The source position of the character at `index`: exact inside words written without quotes
   * or escapes (where value and raw text are the same), else the start or end of the word.
   */
  position(index: number, edge: "start" | "end"): Position {
    let wordIndex = this.starts.length - 1;
    while (wordIndex > 0 && this.starts[wordIndex]! > index) wordIndex--;
    const word = this.words[wordIndex]!;
    const within = Math.min(Math.max(index - this.starts[wordIndex]!, 0), word.value.length);
    if (word.raw !== word.value) return edge === "start" ? word.start : word.end;
    // The word's own positions where they are the same place (a fetch without converters).
    if (within === 0) return word.start;
    if (within === word.value.length) return word.end;
    return { offset: word.start.offset + within, line: word.start.line, column: word.start.column + within };
  }

  span(startIndex: number, endIndex: number): Span {
    return { start: this.position(startIndex, "start"), end: this.position(endIndex, "end") };
  }
}
