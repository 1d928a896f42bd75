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

/** A word: a run of adjacent pieces (text, quotes, escapes, variables) with nothing between. */
export interface WordToken {
  type: "word";
  /** The blanks before the word (the indentation for the first word), or null. */
  leading: moo.Token | null;
  pieces: moo.Token[];
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

const isPiece = (token: moo.Token | undefined): token is moo.Token =>
  token !== undefined && token.type !== "ws" && token.type !== "comment";

/**
 * The lexer as nearley uses it. It turns moo's tokens into one `word` token per word (its
 * adjacent pieces and the blanks before it) and a final `lineEnd` token (the blanks after the
 * last word and the comment). With about one token per word and the end of the line explicit,
 * the grammar creates few Earley states per token, which keeps per-line parsing fast.
 */
class WordGroupingLexer {
  private pending: moo.Token | undefined;
  private ended = false;

  reset(chunk: string, state?: moo.LexerState): void {
    mooLexer.reset(chunk, state);
    this.pending = undefined;
    this.ended = false;
  }

  next(): WordToken | LineEndToken | undefined {
    if (this.ended) return undefined;
    const first = this.pending ?? mooLexer.next();
    this.pending = undefined;
    let leading: moo.Token | null = null;
    let piece: moo.Token | undefined = first;
    if (first?.type === "ws") {
      leading = first;
      piece = mooLexer.next();
    }
    if (!isPiece(piece)) return this.lineEnd(leading, piece);
    const pieces = [piece];
    let text = piece.text;
    for (piece = mooLexer.next(); isPiece(piece); piece = mooLexer.next()) {
      pieces.push(piece);
      text += piece.text;
    }
    this.pending = piece;
    return { type: "word", leading, pieces, text, value: text, offset: pieces[0]!.offset };
  }

  /** `comment` is the comment token or undefined: a comment always ends the line. */
  private lineEnd(trailing: moo.Token | null, comment: moo.Token | undefined): LineEndToken {
    this.ended = true;
    const text = (trailing?.text ?? "") + (comment?.text ?? "");
    const offset = trailing?.offset ?? comment?.offset ?? 0;
    return { type: "lineEnd", trailing, comment: comment ?? null, text, value: text, offset };
  }

  save(): moo.LexerState {
    return mooLexer.save();
  }

  formatError(token: moo.Token, message?: string): string {
    return mooLexer.formatError(token, message);
  }

  has(name: string): boolean {
    return name === "word" || name === "lineEnd";
  }
}

export const haproxyLexer = new WordGroupingLexer();
