# One HAProxy configuration line: words, then the end of the line (optional blanks and an
# optional comment). HAProxy's config language is line based, so the parser runs this grammar
# once per line (src/haproxy/parse.ts). The lexer (src/haproxy/lexer.ts) resolves quoting and
# escaping and hands over one `word` token per word, carrying the blanks before it (the
# indentation for the first word), and one `lineEnd` token with the trailing blanks and comment.
#
# The word list is built as a left-recursive chain of cells, flattened once after parsing
# (wordsOfLine): Earley completes a rule again each time a longer prefix matches, so mutating a
# shared array in a postprocessor could add items twice, and copying or walking the list there
# would be quadratic.

@preprocessor typescript

@{%
import type { Token } from "moo";
import { haproxyLexer, type WordToken } from "../haproxy/lexer.js";

export interface LineWordTokens {
  /** The blanks before the word: the indentation for the first word. */
  leading: Token | null;
  pieces: Token[];
}

export interface WordChain {
  previous: WordChain | null;
  word: WordToken;
}

/** What the grammar returns for a line; `wordsOfLine` turns the chain into a list. */
export interface LineParse {
  lastWord: WordChain | null;
  /** Blanks after the last word, or the whole blank content of a line without words. */
  trailing: Token | null;
  comment: Token | null;
}

/**
 * The words of a parsed line, in order. Called once on the result: postprocessors run each
 * time a rule completes (for `line`, after every word), so walking the chain there would make
 * long lines quadratic.
 */
export function wordsOfLine(line: LineParse): LineWordTokens[] {
  const words: LineWordTokens[] = [];
  for (let cell = line.lastWord; cell !== null; cell = cell.previous) words.push(cell.word);
  return words.reverse();
}
%}

@lexer haproxyLexer

line ->
    %lineEnd {% ([end]): LineParse => ({ lastWord: null, trailing: end.trailing, comment: end.comment }) %}
  | words %lineEnd {% ([lastWord, end]): LineParse => ({ lastWord, trailing: end.trailing, comment: end.comment }) %}

words ->
    %word {% ([word]) => ({ previous: null, word }) %}
  | words %word {% ([previous, word]) => ({ previous, word }) %}
