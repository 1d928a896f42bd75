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
  text: string;
  value: string;
  offset: number;
  pieces: moo.Token[];
}

/**
 * The lexer as nearley uses it: moo's tokens with the pieces of each word grouped into one
 * `word` token, so the grammar only sees blanks, words and the comment (about two tokens per
 * word instead of one per piece, which keeps per-line Earley parsing fast).
 */
class WordGroupingLexer {
  private pending: moo.Token | undefined;

  reset(chunk: string, state?: moo.LexerState): void {
    mooLexer.reset(chunk, state);
    this.pending = undefined;
  }

  next(): moo.Token | WordToken | undefined {
    const first = this.pending ?? mooLexer.next();
    this.pending = undefined;
    if (first === undefined || first.type === "ws" || first.type === "comment") return first;
    const pieces = [first];
    let text = first.text;
    for (let token = mooLexer.next(); token !== undefined; token = mooLexer.next()) {
      if (token.type === "ws" || token.type === "comment") {
        this.pending = token;
        break;
      }
      pieces.push(token);
      text += token.text;
    }
    return { type: "word", text, value: text, offset: first.offset, pieces };
  }

  save(): moo.LexerState {
    return mooLexer.save();
  }

  formatError(token: moo.Token, message?: string): string {
    return mooLexer.formatError(token, message);
  }

  has(name: string): boolean {
    return name === "ws" || name === "comment" || name === "word";
  }
}

export const haproxyLexer = new WordGroupingLexer();
