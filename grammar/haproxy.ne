# One HAProxy configuration line: optional indentation, words separated by blanks, optional
# trailing blanks and an optional comment. HAProxy's config language is line based, so the
# parser runs this grammar once per line (src/haproxy/parse.ts); quoting and escaping are
# resolved by the lexer (src/haproxy/lexer.ts), a word is any run of adjacent pieces.
#
# Lists are built as left-recursive chains of cells and flattened once at the end: Earley
# completes a rule again each time a longer prefix matches, so mutating a shared array in a
# postprocessor would add items twice, and copying arrays would be quadratic.

@preprocessor typescript

@{%
import type { Token } from "moo";
import { haproxyLexer } from "../haproxy/lexer.js";

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

interface Chain<T> {
  previous: Chain<T> | null;
  item: T;
}

function chainToArray<T>(chain: Chain<T>): T[] {
  const items: T[] = [];
  for (let cell: Chain<T> | null = chain; cell !== null; cell = cell.previous) items.push(cell.item);
  return items.reverse();
}

function buildLine(
  indent: Token | null,
  body: [Chain<LineWordTokens>, Token | null] | null,
  comment: Token | null,
): LineTokens {
  if (body === null) return { words: [], trailing: indent, comment };
  const words = chainToArray(body[0]);
  words[0]!.leading = indent;
  return { words, trailing: body[1], comment };
}
%}

@lexer haproxyLexer

line -> %ws:? (words %ws:?):? %comment:? {% ([indent, body, comment]) => buildLine(indent, body, comment) %}

words ->
    word {% ([pieces]) => ({ previous: null, item: { leading: null, pieces: chainToArray(pieces) } }) %}
  | words %ws word {% ([previous, ws, pieces]) => ({ previous, item: { leading: ws, pieces: chainToArray(pieces) } }) %}

word ->
    piece {% ([item]) => ({ previous: null, item }) %}
  | word piece {% ([previous, item]) => ({ previous, item }) %}

piece ->
    %text {% id %}
  | %escape {% id %}
  | %badHex {% id %}
  | %backslash {% id %}
  | %dqOpen {% id %}
  | %dqClose {% id %}
  | %dqText {% id %}
  | %envVar {% id %}
  | %envBadName {% id %}
  | %envBadBrace {% id %}
  | %envBadExpand {% id %}
  | %sqOpen {% id %}
  | %sqClose {% id %}
  | %sqText {% id %}
