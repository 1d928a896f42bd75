import type { Position } from "../syntax/source.js";

/** Where a line sits in the file, to turn columns within it into file positions. */
export interface LineContext {
  /** 1-based line number. */
  line: number;
  /** Offset of the line's first character in the file text. */
  startOffset: number;
}

/** The file position of the character `column0` characters (0-based) into the line. */
export function positionInLine(context: LineContext, column0: number): Position {
  return { offset: context.startOffset + column0, line: context.line, column: column0 + 1 };
}
