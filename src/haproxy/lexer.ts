// The tokens of one HAProxy configuration line, following HAProxy's own tokenizer (parse_line()
// in src/tools.c, called by the config reader in src/cfgparse.c with environment variables,
// both quote styles, backslash escapes and '#' comments enabled).
//
// The lexer sees one line at a time, without its line ending and cut at the first carriage
// return or NUL after the indentation (HAProxy stops reading a line there). Every character
// belongs to exactly one token, so joining the token texts gives the line back. The patterns
// exclude "\n" only because moo insists on knowing which rules could span lines.
//
// Token types:
//   ws             spaces and tabs between words (also \v, \f, and \r in the indentation)
//   comment        an unquoted '#' and the rest of the line
//   text           plain characters outside quotes ('$' is literal there)
//   escape         \<space> \\ \# \' \" \t \n \r \xHH (and \$ inside double quotes)
//   badHex         '\x' not followed by two hexadecimal digits: a syntax error
//   backslash      any other backslash, kept as a literal '\'
//   dqOpen/dqClose the double quotes around weakly quoted text
//   dqText         text between double quotes (spaces, '#' and "'" are kept)
//   envVar         "$NAME" or "${NAME}", "${NAME-default}", "${NAME[*]}" inside double quotes
//   envBadName     '$' or '${' not followed by a valid variable name: a syntax error
//   envBadBrace    '${NAME' without its closing brace: a syntax error
//   envBadExpand   '${NAME[' not followed by '*]': a syntax error
//   sqOpen/sqClose the single quotes around strongly quoted text
//   sqText         text between single quotes, taken literally
import moo from "moo";
import type { HaproxyWord } from "./ast.js";

const envName = String.raw`(?:\.[A-Za-z0-9_]*|[A-Za-z_][A-Za-z0-9_]*)`;

const escapeOutsideQuotes = /\\(?:x[0-9A-Fa-f]{2}|[ \\#'"tnr])/;
const escapeInDoubleQuotes = /\\(?:x[0-9A-Fa-f]{2}|[ \\#'"tnr$])/;

const mooLexer = moo.states({
  line: {
    ws: /[ \t\v\f\r]+/,
    comment: /#[^\n]*/,
    dqOpen: { match: '"', push: "doubleQuoted" },
    sqOpen: { match: "'", push: "singleQuoted" },
    escape: escapeOutsideQuotes,
    badHex: /\\x/,
    backslash: /\\/,
    text: /[^ \t\v\f\r\n#"'\\]+/,
  },
  doubleQuoted: {
    dqClose: { match: '"', pop: 1 },
    escape: escapeInDoubleQuotes,
    badHex: /\\x/,
    backslash: /\\/,
    envVar: new RegExp(String.raw`\$\{${envName}(?:\[\*\])?(?:-[^}\n]*)?\}|\$${envName}`),
    envBadExpand: new RegExp(String.raw`\$\{${envName}\[`),
    envBadBrace: new RegExp(String.raw`\$\{${envName}(?:\[\*\])?`),
    envBadName: /\$\{?/,
    dqText: /[^"\\$\n]+/,
  },
  singleQuoted: {
    sqClose: { match: "'", pop: 1 },
    sqText: /[^'\n]+/,
  },
});

/** Builds a word from its pieces (text, quotes, escapes, variables) and the blanks before it. */
export interface WordMaker {
  word(leading: moo.Token | null, pieces: moo.Token[]): HaproxyWord;
}

/** All the words of a line, in order (a line without words has no such token). */
export interface WordsToken {
  type: "words";
  words: HaproxyWord[];
  /** The line from its first word to the end of its last: what nearley shows in its messages. */
  text: string;
  value: string;
  offset: number;
}

/** The end of the line: the blanks after the last word and the comment, either may be null. */
export interface LineEndToken {
  type: "lineEnd";
  trailing: moo.Token | null;
  comment: moo.Token | null;
  text: string;
  value: string;
  offset: number;
}

/** Blanks and comments separate words; every other token is a piece of a word. */
const isPiece = (token: moo.Token | undefined): boolean => token !== undefined && token.type !== "ws" && token.type !== "comment";

/**
 * The lexer as nearley uses it. It turns moo's tokens into one `words` token holding the
 * line's words and a final `lineEnd` token (the blanks after the last word and the comment).
 * With two tokens per line, nearley does little work per line: most of a large file's lines
 * are read in two Earley columns. Each word is built (by `maker`, which knows the line's place
 * in the file) as soon as its pieces are read.
 */
class WordGroupingLexer {
  maker: WordMaker | null = null;
  private chunk = "";
  private pendingEnd: LineEndToken | null = null;
  private ended = false;

  reset(chunk: string, state?: moo.LexerState): void {
    mooLexer.reset(chunk, state);
    this.chunk = chunk;
    this.pendingEnd = null;
    this.ended = false;
  }

  next(): WordsToken | LineEndToken | undefined {
    if (this.ended) return undefined;
    if (this.pendingEnd !== null) {
      const end = this.pendingEnd;
      this.pendingEnd = null;
      this.ended = true;
      return end;
    }
    let token = mooLexer.next();
    let leading: moo.Token | null = null;
    if (token?.type === "ws") {
      leading = token;
      token = mooLexer.next();
    }
    if (!isPiece(token)) {
      this.ended = true;
      return lineEnd(leading, token);
    }
    const start = token!.offset;
    const maker = this.maker!;
    const words: HaproxyWord[] = [];
    let end = start;
    for (;;) {
      let last = token!;
      const pieces = [last];
      for (token = mooLexer.next(); isPiece(token); token = mooLexer.next()) {
        last = token!;
        pieces.push(last);
      }
      words.push(maker.word(leading, pieces));
      end = last.offset + last.text.length;
      leading = null;
      if (token?.type === "ws") {
        leading = token;
        token = mooLexer.next();
      }
      if (!isPiece(token)) break;
    }
    this.pendingEnd = lineEnd(leading, token);
    const text = this.chunk.slice(start, end);
    return { type: "words", words, text, value: text, offset: start };
  }

  save(): moo.LexerState {
    return mooLexer.save();
  }

  formatError(token: moo.Token, message?: string): string {
    return mooLexer.formatError(token, message);
  }

  has(name: string): boolean {
    return name === "words" || name === "lineEnd";
  }
}

/** `comment` is the comment token or undefined: a comment always ends the line. */
function lineEnd(trailing: moo.Token | null, comment: moo.Token | undefined): LineEndToken {
  const text = (trailing?.text ?? "") + (comment?.text ?? "");
  const offset = trailing?.offset ?? comment?.offset ?? 0;
  return { type: "lineEnd", trailing, comment: comment ?? null, text, value: text, offset };
}

export const haproxyLexer = new WordGroupingLexer();
