// A configuration file's text as the parsers see it, and the positions they report in it.
//
// Offsets are indexes into `SourceFile.text` (UTF-16 code units, as everywhere in JavaScript);
// lines and columns are 1-based, columns counted in the same units, as ESLint and SARIF do.

export interface Position {
  offset: number;
  line: number;
  column: number;
}

/** A half-open range of source text: `start` is the first character, `end` is one past the last. */
export interface Span {
  start: Position;
  end: Position;
}

export type TextEncodingName = "utf8" | "latin1";

export interface SourceFile {
  /** The path as the user named it (or the --stdin-filename / dump section name). */
  path: string;
  /** Decoded text without the byte order mark. */
  text: string;
  /** The file started with a UTF-8 byte order mark (written back by --fix). */
  bom: boolean;
  /**
   * How the bytes were decoded: UTF-8 when they are valid UTF-8, otherwise latin1, which maps
   * every byte to one character and back, so that no byte is lost or replaced.
   */
  encoding: TextEncodingName;
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function decodeSource(path: string, bytes: Uint8Array): SourceFile {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { path, text: utf8Strict.decode(body), bom, encoding: "utf8" };
  } catch {
    return { path, text: Buffer.from(body).toString("latin1"), bom, encoding: "latin1" };
  }
}

export function sourceFromText(path: string, text: string): SourceFile {
  const bom = text.charCodeAt(0) === 0xfeff;
  return { path, text: bom ? text.slice(1) : text, bom, encoding: "utf8" };
}

/** The bytes to write back for `text`, in the file's original encoding and with its BOM. */
export function encodeSource(source: SourceFile, text: string): Buffer {
  const body = Buffer.from(text, source.encoding);
  return source.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Maps offsets to line/column; built once per file, each lookup is a binary search. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
      this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { offset, line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  lineCount(): number {
    return this.lineStarts.length;
  }

  /** The text of a 1-based line without its line ending. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, "");
  }
}
