# One HAProxy configuration line: its words, then the end of the line (optional blanks and an
# optional comment). HAProxy's config language is line based, so the parser runs this grammar
# once per line (src/haproxy/parse.ts). The lexer (src/haproxy/lexer.ts) resolves quoting and
# escaping and hands over one `words` token with the line's words in order (each with the
# blanks before it, the indentation for the first word), absent when the line has none, and one
# `lineEnd` token with the trailing blanks and comment. Two tokens per line, rather than one
# per word, keep nearley's work per line small (it builds an Earley column per token).

@preprocessor typescript

@{%
import type { Token } from "moo";
import type { HaproxyWord } from "../haproxy/ast.js";
import { haproxyLexer, type WordsToken, type LineEndToken } from "../haproxy/lexer.js";

/** What the grammar returns for a line. */
export interface LineParse {
  words: readonly HaproxyWord[];
  /** Blanks after the last word, or the whole blank content of a line without words. */
  trailing: Token | null;
  comment: Token | null;
}

const NO_WORDS: readonly HaproxyWord[] = Object.freeze([]);

function lineParse(words: readonly HaproxyWord[], end: LineEndToken): LineParse {
  return { words, trailing: end.trailing, comment: end.comment };
}
%}

@lexer haproxyLexer

line ->
    %lineEnd {% (d): LineParse => lineParse(NO_WORDS, d[0] as LineEndToken) %}
  | %words %lineEnd {% (d): LineParse => lineParse((d[0] as WordsToken).words, d[1] as LineEndToken) %}
