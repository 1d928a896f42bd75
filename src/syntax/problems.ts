import type { Position } from "./source.js";

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
