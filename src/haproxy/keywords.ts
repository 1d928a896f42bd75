// Which words of a statement form its keyword, which keywords take an `if`/`unless` condition,
// and which accept the `no` / `default` modifiers.
import type { HaproxyWord } from "./ast.js";

/**
 * Keyword prefixes that take the next word as part of the keyword. The keyword grows word by
 * word while what it has so far is in this set:
 *
 *   timeout tunnel 1h                    -> `timeout tunnel`
 *   option http-server-close             -> `option http-server-close`
 *   http-request set-header X v          -> `http-request set-header`
 *   tcp-request content accept if c      -> `tcp-request content accept`
 *   tcp-request inspect-delay 5s         -> `tcp-request inspect-delay`
 *   stats http-request auth if c         -> `stats http-request auth`
 *   capture request header Host len 32   -> `capture request header`
 *   balance url_param userid             -> `balance url_param`
 */
export const MULTI_WORD_KEYWORD_PREFIXES: ReadonlySet<string> = new Set([
  "balance",
  "capture",
  "capture request",
  "capture response",
  "compression",
  "declare",
  "declare capture",
  "email-alert",
  "external-check",
  "filter",
  "hold",
  "http-after-response",
  "http-check",
  "http-request",
  "http-response",
  "monitor",
  "option",
  "persist",
  "quic-initial",
  "rate-limit",
  "redirect",
  "stats",
  "stats http-request",
  "stick",
  "tcp-check",
  "tcp-request",
  "tcp-request connection",
  "tcp-request content",
  "tcp-request session",
  "tcp-response",
  "tcp-response content",
  "timeout",
]);

/**
 * Keywords (by their full multi-word form's first words) whose rules end with an optional
 * `if COND` / `unless COND`.
 */
const CONDITIONAL_KEYWORD_PREFIXES: readonly string[] = [
  "block",
  "force-persist",
  "http-after-response ",
  "http-request ",
  "http-response ",
  "ignore-persist",
  "monitor fail",
  "quic-initial ",
  "redirect ",
  "stats http-request ",
  "stick ",
  "tcp-request ",
  "tcp-response ",
  "use-server",
  "use_backend",
];

/** The keywords HAProxy lets `no` and `default` modify (src/cfgparse.c). */
const MODIFIABLE_KEYWORDS: ReadonlySet<string> = new Set([
  "option",
  "log",
  "busy-polling",
  "set-dumpable",
  "strict-limits",
  "insecure-fork-wanted",
  "numa-cpu-mapping",
]);

export const MODIFIER_NOT_SUPPORTED =
  "negation/default currently supported only for options, log, busy-polling, set-dumpable, " +
  "strict-limits, insecure-fork-wanted and numa-cpu-mapping";

export interface KeywordSplit {
  keyword: string;
  keywordWords: HaproxyWord[];
  /** The words after the keyword. */
  rest: HaproxyWord[];
}

/** Splits `words` (the statement without its modifier) into its keyword and the rest. */
export function splitKeyword(words: HaproxyWord[]): KeywordSplit {
  let keyword = words[0]?.value ?? "";
  let count = words.length === 0 ? 0 : 1;
  while (count < words.length && MULTI_WORD_KEYWORD_PREFIXES.has(keyword)) {
    keyword += " " + withoutArguments(words[count]!.value);
    count++;
  }
  return { keyword, keywordWords: words.slice(0, count), rest: words.slice(count) };
}

/** `set-var(txn.x)` -> `set-var`: actions and algorithms may carry arguments in parentheses. */
function withoutArguments(word: string): string {
  const parenthesis = word.indexOf("(");
  return parenthesis > 0 ? word.slice(0, parenthesis) : word;
}

export function takesCondition(keyword: string): boolean {
  return CONDITIONAL_KEYWORD_PREFIXES.some((prefix) =>
    prefix.endsWith(" ") ? keyword.startsWith(prefix) : keyword === prefix || keyword.startsWith(prefix + " "),
  );
}

export function acceptsModifier(keyword: string): boolean {
  return MODIFIABLE_KEYWORDS.has(keyword.split(" ", 1)[0]!);
}
