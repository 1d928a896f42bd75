// Turns the tokens of one line into words with their values, as HAProxy's parse_line() does,
// and finds the line's tokenizer error (HAProxy reports at most one per line and ignores the
// line; here the line keeps the words read so far).
import type { Token } from "moo";
import type { LineParse } from "../generated/haproxy-grammar.js";
import type { Position } from "../syntax/source.js";
import type { HaproxyComment, HaproxyEnvRef, HaproxyWord } from "./ast.js";
import { positionInLine, type LineContext } from "./line-context.js";

/** HAProxy's MAX_LINE_ARGS: a line holds at most this many words. */
const MAX_WORDS_PER_LINE = 64;

export interface LineProblem {
  message: string;
  start: Position;
  end: Position;
}

/** What `$.LINE`, `$.FILE` and `$.SECTION` expand to, and the user's environment. */
export interface ExpansionContext {
  env: Readonly<Record<string, string>>;
  filePath: string;
  /** The name of the section being read (or its keyword when it has no name); null before any. */
  sectionName: string | null;
}

export interface TokenizedLine {
  words: HaproxyWord[];
  trailing: string;
  comment: HaproxyComment | null;
  problem: LineProblem | null;
}

const ESCAPED_CHARACTERS: Readonly<Record<string, string>> = {
  " ": " ",
  "\\": "\\",
  "#": "#",
  "'": "'",
  '"': '"',
  $: "$",
  t: "\t",
  n: "\n",
  r: "\r",
};

/** Shared by the many words without variables, to keep large trees small. */
const NO_ENV_REFS: readonly HaproxyEnvRef[] = Object.freeze([]);

/** The words of every line without any. */
const NO_WORDS: HaproxyWord[] = Object.freeze([]) as unknown as HaproxyWord[];

/**
 * One string per distinct text among the words and blanks of a file. Keywords, `if`, `check`,
 * indentation and the ACL names used twice repeat all over a large file: sharing them keeps
 * its tree smaller (by 2.5 MB on the benchmark's 1.2 MB file, for 122,000 words).
 */
export type StringPool = Map<string, string>;

function pooled(pool: StringPool, text: string): string {
  const known = pool.get(text);
  if (known !== undefined) return known;
  pool.set(text, text);
  return text;
}

/**
 * Builds the words of one line while the lexer reads it (see WordsToken in lexer.ts): moo's
 * tokens of a word are garbage as soon as the word is built, instead of living until the end of
 * the line, which keeps long lines as cheap per word as short ones.
 */
export class LineWordBuilder {
  private context: LineContext = { line: 0, startOffset: 0 };
  /** The first tokenizer problem of the line. */
  problem: LineProblem | null = null;
  /** The opening quote when the last word ends inside quotes. */
  openQuote: Token | null = null;

  constructor(
    readonly expansion: ExpansionContext,
    readonly pool: StringPool,
  ) {}

  startLine(context: LineContext): void {
    this.context = context;
    this.problem = null;
    this.openQuote = null;
  }

  word(leading: Token | null, pieces: Token[]): HaproxyWord {
    return buildWord(this, this.context, leading, pieces);
  }

  /** The line's words, blanks and comment once the grammar has parsed it. */
  finish(line: LineParse): TokenizedLine {
    const context = this.context;
    // The lexer's list grew by push: an exact-size copy is what the tree keeps.
    const words = line.words.length === 0 ? NO_WORDS : line.words.slice();
    const trailing = line.trailing === null ? "" : pooled(this.pool, line.trailing.text);
    const comment = line.comment === null ? null : buildComment(line.comment, context);
    return {
      words,
      trailing,
      comment,
      problem: this.problem ?? unmatchedQuoteProblem(this.openQuote, context) ?? tooManyWordsProblem(line, words, context),
    };
  }
}

function unmatchedQuoteProblem(openQuote: Token | null, context: LineContext): LineProblem | null {
  if (openQuote === null) return null;
  return problemAt("unmatched quote", context, openQuote.offset, openQuote.offset + 1);
}

/**
 * HAProxy counts a new word at every run of blanks, before knowing whether a word follows, so
 * blanks after the 64th word (even before a comment) are already one word too many.
 */
function tooManyWordsProblem(tokens: LineParse, words: HaproxyWord[], context: LineContext): LineProblem | null {
  const message = `too many words, truncating after word ${MAX_WORDS_PER_LINE}`;
  const extraWord = words[MAX_WORDS_PER_LINE];
  if (extraWord !== undefined) {
    return { message, start: extraWord.start, end: extraWord.end };
  }
  if (words.length === MAX_WORDS_PER_LINE && tokens.trailing !== null) {
    const blanks = tokens.trailing;
    return problemAt(message, context, blanks.offset, blanks.offset + blanks.text.length);
  }
  return null;
}

function buildComment(token: Token, context: LineContext): HaproxyComment {
  return {
    text: token.text.slice(1),
    raw: token.text,
    start: positionInLine(context, token.offset),
    end: positionInLine(context, token.offset + token.text.length),
  };
}

function buildWord(builder: LineWordBuilder, context: LineContext, leadingToken: Token | null, pieces: Token[]): HaproxyWord {
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  const leading = leadingToken === null ? "" : pooled(builder.pool, leadingToken.text);
  if (pieces.length === 1 && first.type === "text") {
    // Most words are plain text: their value is their raw text.
    const text = pooled(builder.pool, first.text);
    return {
      value: text,
      raw: text,
      leading,
      quoted: false,
      envRefs: NO_ENV_REFS,
      start: positionInLine(context, first.offset),
      end: positionInLine(context, first.offset + first.text.length),
    };
  }
  const expansion = builder.expansion;
  let value = "";
  let raw = "";
  let quoted = false;
  let problem: LineProblem | null = null;
  let openQuote: Token | null = null;
  let envRefs: HaproxyEnvRef[] | null = null;

  for (const piece of pieces) {
    raw += piece.text;
    switch (piece.type) {
      case "dqOpen":
      case "sqOpen":
        quoted = true;
        openQuote = piece;
        break;
      case "dqClose":
      case "sqClose":
        openQuote = null;
        break;
      case "escape":
        value += decodeEscape(piece.text);
        break;
      case "envVar": {
        const ref = parseEnvRef(piece, context);
        (envRefs ??= []).push(ref);
        const expanded = expandEnvRef(ref, context, expansion);
        if (expanded === null) {
          problem ??= problemAt(
            "forbidden first char in environment variable name",
            context,
            piece.offset + (piece.text.startsWith("${") ? 2 : 1),
            piece.offset + piece.text.length,
          );
          value += piece.text;
        } else {
          value += expanded;
        }
        break;
      }
      case "envBadName":
        // HAProxy points at the character after `$` or `${`, which may be the end of the line.
        problem ??= problemAt(
          "forbidden first char in environment variable name",
          context,
          piece.offset + piece.text.length,
          piece.offset + piece.text.length,
        );
        value += piece.text;
        break;
      case "envBadBrace":
        problem ??= problemAt("unmatched brace in environment variable name", context, piece.offset + 1, piece.offset + 2);
        value += piece.text;
        break;
      case "envBadExpand":
        problem ??= problemAt(
          "truncated or invalid word expansion sequence",
          context,
          piece.offset + piece.text.length - 1,
          piece.offset + piece.text.length,
        );
        value += piece.text;
        break;
      case "badHex":
        problem ??= problemAt("truncated or invalid hexadecimal sequence", context, piece.offset, piece.offset + 2);
        value += piece.text;
        break;
      default:
        value += piece.text;
    }
  }

  builder.problem ??= problem;
  if (openQuote !== null) builder.openQuote = openQuote;
  return {
    value,
    raw,
    leading,
    quoted,
    envRefs: envRefs ?? NO_ENV_REFS,
    start: positionInLine(context, first.offset),
    end: positionInLine(context, last.offset + last.text.length),
  };
}

function decodeEscape(text: string): string {
  if (text[1] === "x") return String.fromCharCode(Number.parseInt(text.slice(2), 16));
  return ESCAPED_CHARACTERS[text[1]!]!;
}

function parseEnvRef(token: Token, context: LineContext): HaproxyEnvRef {
  const braced = /^\$\{([^[}-]*)(\[\*\])?(?:-([^}]*))?\}$/.exec(token.text);
  return {
    name: braced === null ? token.text.slice(1) : braced[1]!,
    raw: token.text,
    defaultValue: braced?.[3] ?? null,
    splitsIntoWords: braced?.[2] !== undefined,
    start: positionInLine(context, token.offset),
    end: positionInLine(context, token.offset + token.text.length),
  };
}

/**
 * The text a reference expands to, or null for an unknown `.NAME` pseudo-variable (an error in
 * HAProxy). `${NAME[*]}` keeps its spaces here: HAProxy would split the value into words.
 */
function expandEnvRef(ref: HaproxyEnvRef, context: LineContext, expansion: ExpansionContext): string | null {
  let value: string | undefined;
  if (ref.name.startsWith(".")) {
    switch (ref.name) {
      case ".LINE":
        value = String(context.line);
        break;
      case ".FILE":
        value = expansion.filePath;
        break;
      case ".SECTION":
        value = expansion.sectionName ?? undefined;
        break;
      default:
        return null;
    }
  } else if (Object.hasOwn(expansion.env, ref.name)) {
    value = expansion.env[ref.name];
  }
  return value ?? ref.defaultValue ?? "";
}

function problemAt(message: string, context: LineContext, startColumn0: number, endColumn0: number): LineProblem {
  return { message, start: positionInLine(context, startColumn0), end: positionInLine(context, endColumn0) };
}
