// `.if` / `.elif` expressions, read like HAProxy's src/cfgcond.c: the directive's words are
// joined with single spaces, then
//   expr := and [ '||' expr ]      and := term [ '&&' and ]
//   term := '!'* ( number | '(' expr ')' | predicate '(' args ')' )
// Terms are found in the joined text; `JoinedWords` maps its indexes back to source positions.
import type { Position } from "../syntax/source.js";
import type { HaproxyTestExpression, HaproxyWord } from "./ast.js";
import { readArgumentList } from "./conditions.js";
import { JoinedWords } from "./joined-text.js";
import type { LineProblem } from "./words.js";

/** The predicates of HAProxy 2.4 and the ones added up to 3.x. */
const PREDICATES = new Set([
  "defined",
  "feature",
  "streq",
  "strneq",
  "version_atleast",
  "version_before",
  "openssl_version_atleast",
  "openssl_version_before",
  "ssllib_name_startswith",
  "awslc_api_atleast",
  "awslc_api_before",
  "enabled",
]);

/** HAProxy's MAX_CFG_RECURSION: deeper expressions are rejected. */
const MAX_DEPTH = 1024;

class TestParseError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

export interface ParsedTest {
  expression: HaproxyTestExpression | null;
  problem: LineProblem | null;
}

/**
 * Parses the words after `.if` / `.elif`; an empty condition is false and has no tree.
 * `trailingBlank`: the line has blanks after its last word, which HAProxy's joined text keeps
 * (it shows in error messages).
 */
export function parseTestExpression(words: HaproxyWord[], trailingBlank: boolean): ParsedTest {
  if (words.length === 0 || (words.length === 1 && words[0]!.value === "")) return { expression: null, problem: null };
  const map = new JoinedWords(words, trailingBlank ? " " : "");
  const parser = new TestParser(map);
  try {
    const expression = parser.parseExpression(0, MAX_DEPTH);
    parser.skipBlanks();
    if (parser.index < map.text.length) {
      throw new TestParseError(
        `unexpected character '${map.text[parser.index]}' at the end of conditional expression '${map.text}'`,
        parser.index,
      );
    }
    return { expression, problem: null };
  } catch (error) {
    if (!(error instanceof TestParseError)) throw error;
    const start = map.position(Math.min(error.index, Math.max(map.text.length - 1, 0)), "start");
    const end = map.position(Math.min(error.index + 1, map.text.length), "end");
    return { expression: null, problem: { message: error.message, start, end } };
  }
}

class TestParser {
  index = 0;
  /** Where the terms of the parentheses being read start, innermost last. */
  private readonly groupStarts: number[] = [];

  constructor(private readonly map: JoinedWords) {}

  private get text(): string {
    return this.map.text;
  }

  skipBlanks(): void {
    while (this.text[this.index] === " " || this.text[this.index] === "\t") this.index++;
  }

  parseExpression(start: number, depth: number): HaproxyTestExpression {
    this.checkDepth(start, depth);
    const operands = [this.parseAnd(start, depth - 1)];
    let firstOperator: number | null = null;
    for (;;) {
      this.skipBlanks();
      if (!this.text.startsWith("||", this.index)) break;
      firstOperator ??= this.index;
      this.index += 2;
      this.skipBlanks();
      // Nothing after a `||`: HAProxy points at the first `||` of the chain and names the whole
      // text, or inside parentheses, names the parenthesised term.
      if (this.index >= this.text.length) {
        const group = this.groupStarts[this.groupStarts.length - 1];
        if (group !== undefined) throw this.unparsable(group);
        throw new TestParseError(`unparsable conditional expression '${this.text}'`, firstOperator);
      }
      operands.push(this.parseAnd(this.index, depth - 1));
    }
    return operands.length === 1 ? operands[0]! : { type: "or", operands, ...this.span(start) };
  }

  private parseAnd(start: number, depth: number): HaproxyTestExpression {
    this.checkDepth(start, depth);
    const operands = [this.parseTerm(depth - 1)];
    let firstOperator: number | null = null;
    for (;;) {
      this.skipBlanks();
      if (!this.text.startsWith("&&", this.index)) break;
      firstOperator ??= this.index;
      this.index += 2;
      this.skipBlanks();
      // Nothing after a `&&`: HAProxy quotes the chain from its first `&&`.
      if (this.index >= this.text.length) throw this.unparsable(firstOperator);
      operands.push(this.parseTerm(depth - 1));
    }
    return operands.length === 1 ? operands[0]! : { type: "and", operands, ...this.span(start) };
  }

  private parseTerm(depth: number): HaproxyTestExpression {
    this.skipBlanks();
    const start = this.index;
    this.checkDepth(start, depth);
    let negations = 0;
    while (this.text[this.index] === "!") {
      negations++;
      this.index++;
      this.skipBlanks();
    }
    const operand = this.parsePositiveTerm(start, depth);
    return negations % 2 === 1 ? { type: "not", operand, ...this.span(start) } : operand;
  }

  /** `termStart` is where the term's `!` begin: HAProxy's messages quote the term from there. */
  private parsePositiveTerm(termStart: number, depth: number): HaproxyTestExpression {
    const start = this.index;
    const rest = this.text.slice(start);
    const number = /^[+-]?(?:0[xX][0-9A-Fa-f]+|0[0-7]*|[1-9][0-9]*)/.exec(rest);
    if (number !== null) {
      this.index += number[0].length;
      // Only zero is false, whatever the base: any non-zero digit makes it true.
      const value = /[1-9A-Fa-f]/.test(number[0].replace(/^[+-]?0[xX]/, ""));
      return { type: "number", text: number[0], value, ...this.span(start) };
    }
    if (rest.startsWith("(")) {
      this.index++;
      this.skipBlanks();
      if (this.index >= this.text.length) throw this.unparsable(termStart);
      this.groupStarts.push(termStart);
      const expression = this.parseExpression(this.index, depth - 1);
      this.groupStarts.pop();
      this.skipBlanks();
      if (this.text[this.index] !== ")") {
        throw new TestParseError(`expected ')' after conditional expression '${this.text.slice(termStart)}'`, termStart);
      }
      this.index++;
      return { type: "group", expression, ...this.span(start) };
    }
    const name = /^[^ (]*/.exec(rest)![0];
    if (!PREDICATES.has(name)) throw this.unparsable(termStart);
    const open = start + name.length;
    // HAProxy 2.6 accepts a predicate written without parentheses (`.if defined`).
    if (this.text[open] !== "(") {
      this.index = open;
      return { type: "predicate", name, args: [], ...this.span(start) };
    }
    const list = readArgumentList(this.text, open);
    if (list === null) {
      throw new TestParseError(`missing closing ')' after the arguments of predicate '${name}'`, open);
    }
    this.index = list.end;
    return { type: "predicate", name, args: list.args, ...this.span(start) };
  }

  private checkDepth(start: number, depth: number): void {
    if (depth <= 0) throw this.unparsable(start);
  }

  private unparsable(start: number): TestParseError {
    return new TestParseError(`unparsable conditional expression '${this.text.slice(start)}'`, start);
  }

  private span(start: number): { start: Position; end: Position } {
    return this.map.span(start, this.index);
  }
}
