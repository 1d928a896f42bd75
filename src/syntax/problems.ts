import type { Position, SourceFile } from "./source.js";

/**
 * A syntax error is a value, never an exception: the parsers return these beside whatever tree
 * they could build, and the CLI reports them like findings.
 */
export interface SyntaxProblem {
  file: string;
  /** Short and human: "unexpected end of file, expecting '}'", "unterminated quoted string". */
  message: string;
  start: Position;
  end: Position;
}

/**
 * nginx and HAProxy do not skip a UTF-8 byte order mark: they read it as part of the first word
 * and refuse the file ("unknown directive", "unknown keyword"). The decoder keeps it out of the
 * text, so the parsers report it here, at the start of the file.
 */
export function byteOrderMarkProblems(source: SourceFile, server: "nginx" | "HAProxy"): SyntaxProblem[] {
  if (!source.bom) return [];
  const start: Position = { offset: 0, line: 1, column: 1 };
  return [
    {
      file: source.path,
      message: `the file starts with a UTF-8 byte order mark, which ${server} reads as part of the first word and refuses: save the file without it`,
      start,
      end: start,
    },
  ];
}
