# One HAProxy configuration line: optional indentation, words separated by blanks, optional
# trailing blanks and an optional comment. HAProxy's config language is line based, so the
# parser runs this grammar once per line (src/haproxy/parse.ts); quoting, escaping and the
# grouping of adjacent pieces into words are done by the lexer (src/haproxy/lexer.ts).
#
# The word list is built as a left-recursive chain of cells and flattened once at the end:
# Earley completes a rule again each time a longer prefix matches, so mutating a shared array
# in a postprocessor could add items twice, and copying arrays would be quadratic.

@preprocessor typescript

@{%
import type { Token } from "moo";
import { haproxyLexer, type WordToken } from "../haproxy/lexer.js";

export interface LineWordTokens {
  /** The blanks before the word: the indentation for the first word. */
  leading: Token | null;
  pieces: Token[];
}

export interface LineTokens {
  words: LineWordTokens[];
  /** Blanks after the last word, or the whole blank content of a line without words. */
  trailing: Token | null;
  comment: Token | null;
}

interface WordChain {
  previous: WordChain | null;
  word: LineWordTokens;
}

function wordsOf(chain: WordChain): LineWordTokens[] {
  const words: LineWordTokens[] = [];
  for (let cell: WordChain | null = chain; cell !== null; cell = cell.previous) words.push(cell.word);
  return words.reverse();
}

function link(previous: WordChain | null, leading: Token | null, word: WordToken): WordChain {
  return { previous, word: { leading, pieces: word.pieces } };
}
%}

@lexer haproxyLexer

line ->
    %ws:? %comment:? {% ([trailing, comment]) => ({ words: [], trailing, comment }) %}
  | words %ws:? %comment:? {% ([chain, trailing, comment]) => ({ words: wordsOf(chain), trailing, comment }) %}

words ->
    %word {% ([word]) => link(null, null, word) %}
  | %ws %word {% ([indent, word]) => link(null, indent, word) %}
  | words %ws %word {% ([previous, blanks, word]) => link(previous, blanks, word) %}
