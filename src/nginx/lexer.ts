// The nginx lexer. moo splits the text the way ngx_conf_read_token does; NginxLexer turns what moo
// finds into the few tokens the grammar (grammar/nginx.ne) sees. Whitespace and comments never
// reach nearley: whitespace becomes the `leading` text of the next token, and a directive's name,
// arguments and terminator (with any comments between them) arrive as one token, which keeps the
// parser fast on large files.
//
// Measured on the benchmark's 1.8 MB file (npm run bench), and not worth doing again: a run of
// statements as one token (31% fewer tokens for nearley) and positions kept as numbers in the
// nodes instead of Position objects (9 MB less tree) both made `wslint lint` slower: V8's young
// generation then promoted 35 MB of the parse instead of 22 (its allocation-site pretenuring
// stopped placing much of the tree in the old generation directly). Without nearley at all, the
// lint would take 0.54 s instead of 0.64. The parse is that sensitive to it: the grammar with
// `node` folded into `nodes` allocated 6% less, yet the lint took 17% longer, its Position
// objects no longer pretenured. Measure any change of the tree or the grammar with the bench.
import moo from "moo";
import type { Lexer as NearleyLexer } from "nearley";
import type { Position, Span, TextEncodingName } from "../syntax/source.js";
import type { SyntaxProblem } from "../syntax/problems.js";
import type { NginxComment, NginxPunctuation, NginxWord } from "./ast.js";

/**
 * nginx reads the configuration through a 4096-byte buffer and refuses a word that does not fit in
 * it ("too long parameter"). Word patterns are bounded by the same figure, so a pathological word
 * cannot exhaust the regular expression engine's stack; a match that reaches the bound is too
 * long anyway.
 */
export const MAX_WORD_BYTES = 4096;

/**
 * Blocks nested deeper than this are refused with a problem. nginx has no such limit, but every
 * consumer of the tree walks it recursively, and real configurations stay below ten levels.
 */
export const MAX_BLOCK_DEPTH = 1000;

const LUA_BLOCK_SUFFIX = "_by_lua_block";

/**
 * Blocks nginx reads through a custom handler that takes `key value;` entries only, so that a
 * block inside one is "unexpected {": MIME types, maps, geo ranges, split clients, charset maps.
 */
const TABLE_BLOCKS = new Set(["types", "map", "geo", "split_clients", "charset_map"]);

// Each moo token is one lexeme with the whitespace before it (nginx separates words with space,
// tab, CR and LF only), which halves the tokens moo makes. The wrapper classifies a lexeme by its
// first character and computes line and column itself, so moo is not asked to count lines.
const lexemePattern = new RegExp(
  "[ \\t\\r\\n]*(?:" +
    [
      // Only reached at the start of a token: inside a word `#` is an ordinary character.
      String.raw`#[^\n]*`,
      // One character at a time: a run pattern (`[^"]+`) inside the bounded repetition would
      // backtrack for ever on a long string that has no closing quote.
      String.raw`"(?:[^"\\]|\\[^]){0,4096}"`,
      String.raw`'(?:[^'\\]|\\[^]){0,4096}'`,
      // A quote whose string does not end (or is too long for nginx's buffer) takes the rest.
      String.raw`["'][^]*`,
      // `\` escapes any character; `$` followed by `{` keeps the brace in the word (`${name}`).
      String.raw`(?:[^ \t\r\n;{}#"'\\$]|\\[^]|\$\{*)(?:[^ \t\r\n;{\\$]+|\\[^]|\$\{*){0,4096}`,
      // A backslash with nothing after it: only possible as the very last character of the file.
      String.raw`\\`,
      "[;{}]",
    ].join("|") +
    ")",
);

const lexemeRules = {
  lexeme: lexemePattern,
  trailingWhitespace: { match: /[ \t\r\n]+/, lineBreaks: true },
};

type LexemeKind = "comment" | "quoted" | "openQuote" | "word" | "danglingEscape" | "punctuation";

/** A token as nginx's tokenizer sees it, with the whitespace before it. */
interface Lexeme {
  kind: LexemeKind;
  text: string;
  leading: string;
  start: Position;
  end: Position;
}

/** A directive's name and arguments, with the comments between them. */
export interface DirectiveHead {
  name: NginxWord;
  args: NginxWord[];
  comments: readonly NginxComment[];
}

/**
 * The comments of a head that has none, shared: a large file has tens of thousands of heads, and
 * every one kept in the tree costs the garbage collector a copy or two. Rare heads with comments
 * get a list of their own.
 */
const NO_COMMENTS: readonly NginxComment[] = [];

// `value` is what nearley shows of a token in its own messages.

/** `name args... ;`, or a head that a syntax error cut short (then `semicolon` is null). */
export interface DirectiveToken {
  type: "directive";
  value: string;
  head: DirectiveHead;
  semicolon: NginxPunctuation | null;
}

/**
 * `name args... {`: the children and the closing `}` follow as tokens of their own. A
 * `tableStart` opens one of the TABLE_BLOCKS, whose children may not be blocks.
 */
export interface BlockStartToken {
  type: "blockStart" | "tableStart";
  value: string;
  head: DirectiveHead;
  open: NginxPunctuation;
}

/** An OpenResty `*_by_lua_block { ... }`, its Lua body read as raw text. */
export interface LuaBlockToken {
  type: "luaBlock";
  value: string;
  head: DirectiveHead;
  open: NginxPunctuation;
  body: Span & { raw: string };
  close: NginxPunctuation;
}

/**
 * `}` closing a block; also `;` or `{` with no directive before them, which no grammar rule
 * accepts, so that nearley refuses them as it refuses a `}` with no block to close.
 */
export interface PunctuationToken {
  type: "semicolon" | "open" | "close";
  value: ";" | "{" | "}";
  /** Null when the parser supplies the `}` to close what a syntax error left open. */
  punctuation: NginxPunctuation | null;
}

export interface CommentToken {
  type: "comment";
  value: string;
  comment: NginxComment;
}

export type NginxToken = DirectiveToken | BlockStartToken | LuaBlockToken | PunctuationToken | CommentToken;

const tokenTypes = new Set<string>(["directive", "blockStart", "tableStart", "luaBlock", "semicolon", "open", "close", "comment"]);

const punctuationTypes = { ";": "semicolon", "{": "open", "}": "close" } as const;

/**
 * A nearley lexer over one nginx file. It stops at the first syntax error it finds itself (an
 * unterminated string, a directive without `;`, a word too long for nginx, blocks nested too deep)
 * and records it in `problems`; the parser calls `reject` when the grammar refuses a token, and
 * `closeOpenBlocks` to finish the tree that was read before the error. A character glued to a
 * closing quote (`"a"b`) is reported too, but reading goes on with it as the next word.
 */
export class NginxLexer implements NearleyLexer {
  readonly problems: SyntaxProblem[] = [];
  /** Whitespace after the last token the parser read. */
  trailing = "";
  /** The text from the first token the parser did not read (after a syntax error) to the end. */
  unparsed = "";

  private readonly moo = moo.compile(lexemeRules);
  private text = "";
  /** Offset of the text moo is reading; moo restarts after each Lua body. */
  private base = 0;
  /** The line of the next lexeme, and the offset where that line starts. */
  private line = 1;
  private lineStart = 0;
  private lastEnd: Position = { offset: -1, line: 0, column: 0 };
  /** A `\r` that ended a comment's line belongs to the whitespace after it. */
  private carriedLeading = "";
  private lastQuotedWordEnd = -1;
  private stopped = false;
  private readonly argsBuffer: NginxWord[] = [];
  /** Whitespace runs repeat (indentation): one string per distinct run keeps large trees smaller. */
  private readonly whitespaceRuns = new Map<string, string>();
  private depth = 0;
  private depthBeforeLastToken = 0;
  private readonly closers: PunctuationToken[] = [];

  /** `path` names the file in problems; `encoding` tells how to count a word's bytes. */
  constructor(
    private readonly path = "",
    private readonly encoding: TextEncodingName = "utf8",
  ) {}

  /**
   * Starts reading a file. nearley calls this again, with the state `save` gave it, each time it
   * is fed more input; this lexer reads a whole file, so it then simply carries on.
   */
  reset(chunk: string, state?: { continued: true }): this {
    if (state !== undefined) return this;
    this.problems.length = 0;
    this.trailing = "";
    this.unparsed = "";
    this.text = chunk;
    this.base = 0;
    this.line = 1;
    this.lineStart = 0;
    this.lastEnd = { offset: -1, line: 0, column: 0 };
    this.carriedLeading = "";
    this.lastQuotedWordEnd = -1;
    this.stopped = false;
    this.argsBuffer.length = 0;
    this.whitespaceRuns.clear();
    this.depth = 0;
    this.closers.length = 0;
    this.moo.reset(chunk);
    return this;
  }

  save(): { continued: true } {
    return { continued: true };
  }

  has(tokenType: string): boolean {
    return tokenTypes.has(tokenType);
  }

  formatError(token: NginxToken, message = "syntax error"): string {
    return `${message} at ${token.value}`;
  }

  next(): NginxToken | undefined {
    const token = this.closers.pop() ?? this.read();
    this.depthBeforeLastToken = this.depth;
    if (token?.type === "blockStart" || token?.type === "tableStart") this.depth++;
    else if (token?.type === "close") this.depth--;
    return token;
  }

  /**
   * The grammar refused `token`: a `;`, `{` or `}` out of place, or a block inside a table block.
   * Reports it and stops reading there.
   */
  reject(token: NginxToken): void {
    this.depth = this.depthBeforeLastToken;
    if ("punctuation" in token) {
      if (token.punctuation === null) return;
      const { leading, start, end } = token.punctuation;
      this.report(`unexpected '${token.value}'`, start, end);
      this.stopAt(start.offset, leading);
    } else if ("open" in token) {
      this.report("unexpected '{'", token.open.start, token.open.end);
      this.stopAt(token.head.name.start.offset, token.head.name.leading);
    }
  }

  /**
   * Makes the next tokens a `}` for every block left open when the input ended early, and reports
   * the end of file if no other problem explains it.
   */
  closeOpenBlocks(): void {
    if (this.problems.length === 0) {
      const end = this.endOfFile();
      this.report("unexpected end of file, expecting '}'", end, end);
    }
    for (let level = 0; level < this.depth; level++) this.closers.push({ type: "close", value: "}", punctuation: null });
  }

  private read(): NginxToken | undefined {
    if (this.stopped) return undefined;
    let head: DirectiveHead | undefined;
    for (;;) {
      const lexeme = this.nextLexeme();
      if (lexeme.kind === undefined) {
        if (head === undefined) {
          this.stopAt(this.text.length, lexeme.leading);
          return undefined;
        }
        this.report("unexpected end of file, expecting ';' or '}'", lexeme.start, lexeme.start);
        this.stopAt(this.text.length, lexeme.leading);
        return this.cutShort(head);
      }
      this.checkSpaceAfterQuote(lexeme);
      switch (lexeme.kind) {
        case "comment": {
          const comment = this.comment(lexeme);
          if (comment === undefined) return head && this.cutShort(head);
          if (head === undefined) return { type: "comment", value: comment.raw, comment };
          head.comments = [...head.comments, comment];
          break;
        }
        case "word":
        case "quoted": {
          const word = this.word(lexeme);
          if (word === undefined) return head && this.cutShort(head);
          if (head === undefined) head = { name: word, args: this.argsBuffer, comments: NO_COMMENTS };
          else this.argsBuffer.push(word);
          break;
        }
        case "openQuote":
          this.failOnOpenQuote(lexeme);
          return head && this.cutShort(head);
        case "danglingEscape":
          this.report("unexpected end of file, expecting ';' or '}'", lexeme.start, lexeme.end);
          this.stopAt(lexeme.start.offset, lexeme.leading);
          return head && this.cutShort(head);
        case "punctuation":
          return this.punctuation(lexeme, head);
      }
    }
  }

  /** The next lexeme; at the end of the input, one without `kind` that holds the trailing whitespace. */
  private nextLexeme(): Lexeme | { kind: undefined; leading: string; start: Position } {
    const token = this.moo.next();
    const carried = this.carriedLeading;
    this.carriedLeading = "";
    if (token === undefined || token.type === "trailingWhitespace") {
      const leading = carried + (token?.text ?? "");
      this.advanceLines(leading, this.text.length - leading.length);
      return { kind: undefined, leading, start: this.position(this.text.length) };
    }
    const text = token.text;
    const offset = this.base + token.offset;
    let bodyStart = 0;
    for (let code = text.charCodeAt(0); code === 32 || code === 9 || code === 13 || code === 10; code = text.charCodeAt(++bodyStart)) {
      if (code === 10) {
        this.line++;
        this.lineStart = offset + bodyStart + 1;
      }
    }
    const body = bodyStart === 0 ? text : text.slice(bodyStart);
    const leading = carried + this.whitespace(text.slice(0, bodyStart));
    // A lexeme that touches the previous one (`;` after a word) starts where it ended: positions
    // are values nobody changes, so the two share one object, which keeps large trees smaller.
    const start = leading === "" && this.lastEnd.offset === offset ? this.lastEnd : this.position(offset + bodyStart);
    const kind = lexemeKind(body);
    // Only strings and escaped line breaks put line breaks inside a lexeme.
    if (kind === "quoted" || kind === "openQuote" || body.includes("\\")) this.advanceLines(body, start.offset);
    this.lastEnd = this.position(start.offset + body.length);
    return { kind, text: body, leading, start, end: this.lastEnd };
  }

  /** Counts the line breaks of `text`, which starts at `offset`. */
  private advanceLines(text: string, offset: number): void {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
      this.line++;
      this.lineStart = offset + i + 1;
    }
  }

  /** The position of `offset`, which must be on the current line. */
  private position(offset: number): Position {
    return { offset, line: this.line, column: offset - this.lineStart + 1 };
  }

  private punctuation(lexeme: Lexeme, head: DirectiveHead | undefined): NginxToken | undefined {
    const value = lexeme.text as PunctuationToken["value"];
    const { leading, start, end } = lexeme;
    const punctuation: NginxPunctuation = { leading, start, end };
    if (head === undefined) return { type: punctuationTypes[value], value, punctuation };
    this.finishHead(head);
    switch (value) {
      case ";":
        return { type: "directive", value: head.name.raw, head, semicolon: punctuation };
      case "}":
        this.report("unexpected '}'", start, end);
        this.stopAt(start.offset, leading);
        return { type: "directive", value: head.name.raw, head, semicolon: null };
      case "{": {
        if (this.depth >= MAX_BLOCK_DEPTH) {
          this.report(`blocks nested more than ${MAX_BLOCK_DEPTH} levels deep`, start, end);
          this.stopAt(start.offset, leading);
          return { type: "directive", value: head.name.raw, head, semicolon: null };
        }
        const name = head.name.value;
        const type = TABLE_BLOCKS.has(name) ? "tableStart" : "blockStart";
        const blockStart: BlockStartToken = { type, value: head.name.raw, head, open: punctuation };
        return name.endsWith(LUA_BLOCK_SUFFIX) ? this.luaBlock(blockStart) : blockStart;
      }
    }
  }

  /** Gives the head its own exactly sized argument list, freeing the buffer for the next head. */
  private finishHead(head: DirectiveHead): void {
    head.args = this.argsBuffer.slice();
    this.argsBuffer.length = 0;
  }

  private cutShort(head: DirectiveHead): DirectiveToken {
    this.finishHead(head);
    return { type: "directive", value: head.name.raw, head, semicolon: null };
  }

  private whitespace(text: string): string {
    if (text.length > 64) return text;
    const known = this.whitespaceRuns.get(text);
    if (known !== undefined) return known;
    this.whitespaceRuns.set(text, text);
    return text;
  }

  /** nginx wants a space, `;`, `{` or `)` right after a closing quote. */
  private checkSpaceAfterQuote(lexeme: Lexeme): void {
    const adjacent = this.lastQuotedWordEnd === lexeme.start.offset && lexeme.leading === "";
    this.lastQuotedWordEnd = -1;
    if (!adjacent) return;
    const first = lexeme.text[0]!;
    // A `}` there ends the directive without `;`, which is reported as such.
    if (lexeme.kind === "punctuation" || first === ")") return;
    const { start } = lexeme;
    this.report(`unexpected ${quoteCharacter(first)}`, start, { offset: start.offset + 1, line: start.line, column: start.column + 1 });
  }

  private comment(lexeme: Lexeme): NginxComment | undefined {
    let { text, end } = lexeme;
    // nginx keeps a comment in its buffer like a word until the end of the line.
    if (text.length * 3 >= MAX_WORD_BYTES && this.byteLength(text) >= MAX_WORD_BYTES) {
      this.report(`too long parameter "${text.slice(0, 10)}..." started`, lexeme.start, end);
      this.stopAt(lexeme.start.offset, lexeme.leading);
      return undefined;
    }
    if (text.endsWith("\r")) {
      text = text.slice(0, -1);
      end = { offset: end.offset - 1, line: end.line, column: end.column - 1 };
      this.carriedLeading = "\r";
    }
    return { type: "comment", text: text.slice(1), raw: text, leading: lexeme.leading, start: lexeme.start, end };
  }

  private word(lexeme: Lexeme): NginxWord | undefined {
    const { text, leading, start, end } = lexeme;
    const quote = lexeme.kind === "word" ? null : (text[0] as '"' | "'");
    const content = quote === null ? text : text.slice(1, -1);
    // nginx's buffer must hold a quoted string's closing quote too.
    const limit = quote === null ? MAX_WORD_BYTES : MAX_WORD_BYTES - 1;
    const bytes = content.length * 3 >= limit ? this.byteLength(content) : 0;
    if (bytes >= limit) {
      const message =
        quote !== null && bytes >= MAX_WORD_BYTES
          ? `too long parameter, probably missing terminating ${quoteCharacter(quote)} character`
          : `too long parameter "${content.slice(0, 10)}..." started`;
      this.report(message, start, end);
      this.stopAt(start.offset, leading);
      return undefined;
    }
    if (quote !== null) this.lastQuotedWordEnd = end.offset;
    return { value: unescapeNginx(content), raw: text, quote, leading, start, end };
  }

  private failOnOpenQuote(lexeme: Lexeme): void {
    const quote = lexeme.text[0]!;
    const message =
      closingQuoteIndex(lexeme.text) === -1
        ? "unterminated quoted string"
        : `too long parameter, probably missing terminating ${quoteCharacter(quote)} character`;
    this.report(message, lexeme.start, lexeme.end);
    this.stopAt(lexeme.start.offset, lexeme.leading);
  }

  /** Reads an OpenResty `*_by_lua_block` body as raw Lua up to its closing brace. */
  private luaBlock(blockStart: BlockStartToken): NginxToken {
    const bodyStart = blockStart.open.end;
    const closeOffset = findLuaBlockEnd(this.text, bodyStart.offset);
    if (closeOffset === -1) {
      const end = this.endOfFile();
      this.report("unexpected end of file, expecting '}'", end, end);
      this.stopAt(bodyStart.offset, "");
      return blockStart;
    }
    const raw = this.text.slice(bodyStart.offset, closeOffset);
    this.advanceLines(raw, bodyStart.offset);
    const bodyEnd = this.position(closeOffset);
    const close = { leading: "", start: bodyEnd, end: this.position(closeOffset + 1) };
    this.base = closeOffset + 1;
    this.moo.reset(this.text.slice(this.base));
    return { ...blockStart, type: "luaBlock", body: { raw, start: bodyStart, end: bodyEnd }, close };
  }

  private stopAt(offset: number, leading: string): void {
    this.stopped = true;
    this.trailing = leading;
    this.unparsed = this.text.slice(offset);
  }

  private report(message: string, start: Position, end: Position): void {
    this.problems.push({ file: this.path, message, start, end });
  }

  private endOfFile(): Position {
    return advance({ offset: 0, line: 1, column: 1 }, this.text);
  }

  private byteLength(text: string): number {
    return this.encoding === "latin1" ? text.length : Buffer.byteLength(text, "utf8");
  }
}

/** How nginx's tokenizer reads a lexeme, judging by its first character. */
function lexemeKind(body: string): LexemeKind {
  switch (body[0]) {
    case "#":
      return "comment";
    case ";":
    case "{":
    case "}":
      return "punctuation";
    case '"':
    case "'":
      return closingQuoteIndex(body) === body.length - 1 ? "quoted" : "openQuote";
    case "\\":
      return body.length === 1 ? "danglingEscape" : "word";
    default:
      return "word";
  }
}

/** The index of the quote that closes the string `text` starts, or -1. */
function closingQuoteIndex(text: string): number {
  const quote = text[0];
  for (let i = 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** The position after `text` when it starts at `from`. */
function advance(from: Position, text: string): Position {
  const lastNewline = text.lastIndexOf("\n");
  if (lastNewline === -1) return { offset: from.offset + text.length, line: from.line, column: from.column + text.length };
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return { offset: from.offset + text.length, line: from.line + lines, column: text.length - lastNewline };
}

/** The value nginx stores for a word: `\"`, `\'`, `\\`, `\t`, `\r`, `\n` resolved, other escapes kept. */
export function unescapeNginx(content: string): string {
  if (!content.includes("\\")) return content;
  return content.replace(/\\([^])/g, (escape, character: string) => {
    switch (character) {
      case '"':
      case "'":
      case "\\":
        return character;
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "n":
        return "\n";
      default:
        return escape;
    }
  });
}

function quoteCharacter(character: string): string {
  if (character === "'") return `"'"`;
  const code = character.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return `'${character}'`;
}

/**
 * The offset of the `}` that closes a Lua block whose body starts at `from`, or -1. Braces inside
 * Lua strings, long brackets (`[[ ]]`, `[==[ ]==]`) and comments (`--`, `--[[ ]]`) do not count.
 */
export function findLuaBlockEnd(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length) {
    const character = text[i]!;
    switch (character) {
      case "{":
        depth++;
        i++;
        break;
      case "}":
        depth--;
        if (depth === 0) return i;
        i++;
        break;
      case '"':
      case "'":
        i = skipLuaShortString(text, i);
        break;
      case "[": {
        const level = longBracketLevel(text, i);
        i = level === -1 ? i + 1 : skipLongBracket(text, i, level);
        break;
      }
      case "-":
        if (text[i + 1] === "-") {
          const level = text[i + 2] === "[" ? longBracketLevel(text, i + 2) : -1;
          i = level === -1 ? skipLine(text, i) : skipLongBracket(text, i + 2, level);
        } else {
          i++;
        }
        break;
      default:
        i++;
    }
    if (i === -1) return -1;
  }
  return -1;
}

function skipLuaShortString(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return i + 1;
  }
  return -1;
}

/** For `[`, `[=`, `[==`... followed by `[`: the number of `=`; otherwise -1. */
function longBracketLevel(text: string, open: number): number {
  let i = open + 1;
  while (text[i] === "=") i++;
  return text[i] === "[" ? i - open - 1 : -1;
}

function skipLongBracket(text: string, open: number, level: number): number {
  const close = `]${"=".repeat(level)}]`;
  const end = text.indexOf(close, open + level + 2);
  return end === -1 ? -1 : end + close.length;
}

function skipLine(text: string, from: number): number {
  const newline = text.indexOf("\n", from);
  return newline === -1 ? text.length : newline + 1;
}

/** The lexer the grammar is compiled against; parseNginx gives each parse its own NginxLexer. */
export const nginxLexer = new NginxLexer();
