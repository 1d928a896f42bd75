// ACL conditions (`if` / `unless` after a rule) and ACL expressions (`acl NAME ...` lines and
// `{ ... }` in conditions), read from words as HAProxy's src/acl.c reads them.
import type {
  HaproxyAclDeclaration,
  HaproxyAclExpression,
  HaproxyAclFlag,
  HaproxyCondition,
  HaproxyConditionSuite,
  HaproxyConditionTerm,
  HaproxySampleCall,
  HaproxySampleExpression,
  HaproxyWord,
} from "./ast.js";
import { JoinedWords } from "./joined-text.js";
import type { LineProblem } from "./words.js";

export interface Parsed<T> {
  node: T;
  problems: LineProblem[];
}

/** The index of the word that starts a condition (`if` or `unless`), or -1. */
export function conditionStart(words: HaproxyWord[]): number {
  return words.findIndex((word) => word.value === "if" || word.value === "unless");
}

/** `words` starts with `if` or `unless`. */
export function parseCondition(words: HaproxyWord[]): Parsed<HaproxyCondition> {
  const polarityWord = words[0]!;
  const termWords = words.slice(1);
  const problems: LineProblem[] = [];
  // Lists are collected in scratch arrays and kept as exact-size copies: an array that grew by
  // push keeps room for 17 elements, and a large file has one such list per condition.
  const alternatives: HaproxyConditionSuite[] = [];
  const suite: HaproxyConditionTerm[] = [];
  let termStart = 0;
  let negated = false;

  const closeSuite = (): void => {
    if (suite.length > 0) {
      const terms = suite.slice();
      alternatives.push({ terms, start: terms[0]!.start, end: terms[terms.length - 1]!.end });
    }
    suite.length = 0;
  };
  /** The words of the term that ends at `end` (inclusive); all of them when it is every word. */
  const termWordsUpTo = (end: number): HaproxyWord[] =>
    termStart === 0 && end === termWords.length - 1 ? termWords : termWords.slice(termStart, end + 1);

  for (let index = 0; index < termWords.length; index++) {
    const word = termWords[index]!;
    const bangs = /^!*/.exec(word.value)![0].length;
    if (bangs % 2 === 1) negated = !negated;
    const name = word.value.slice(bangs);
    if (name === "") continue;

    if (name.toLowerCase() === "or" || name === "||") {
      closeSuite();
      termStart = index + 1;
      negated = false;
      continue;
    }

    if (name === "{") {
      const close = termWords.findIndex((candidate, at) => at > index && candidate.value === "}");
      if (close === -1) {
        problems.push({ message: "missing closing '}' in condition", start: word.start, end: word.end });
        break;
      }
      const inner = termWords.slice(index + 1, close);
      const pending = termWordsUpTo(close);
      const expression = inner.length === 0 ? null : parseAclExpression(inner);
      if (expression !== null) problems.push(...expression.problems);
      suite.push({
        type: "anonymous-acl",
        negated,
        words: pending,
        expression: expression?.node ?? null,
        start: pending[0]!.start,
        end: pending[pending.length - 1]!.end,
      });
      index = close;
    } else {
      const pending = termWordsUpTo(index);
      suite.push({ type: "acl-reference", name, negated, words: pending, start: pending[0]!.start, end: word.end });
    }
    termStart = index + 1;
    negated = false;
  }
  closeSuite();

  const node: HaproxyCondition = {
    polarity: polarityWord.value === "if" ? "if" : "unless",
    polarityWord,
    words: termWords,
    alternatives: alternatives.slice(),
    start: polarityWord.start,
    end: words[words.length - 1]!.end,
  };
  return { node, problems };
}

/** `acl NAME CRITERION [FLAGS] [VALUES]`: `words` are the words after `acl`. */
export function parseAclDeclaration(words: HaproxyWord[], keywordWord: HaproxyWord): Parsed<HaproxyAclDeclaration> {
  const name = words[0] ?? null;
  const problems: LineProblem[] = [];
  const invalid = name === null ? null : /[^A-Za-z0-9._:-]/.exec(name.value);
  if (name !== null && invalid !== null) {
    problems.push({
      message: `character '${invalid[0]}' is not permitted in acl name '${name.value}'`,
      start: name.start,
      end: name.end,
    });
  }
  const expressionWords = words.slice(1);
  const expression = expressionWords.length === 0 ? null : parseAclExpression(expressionWords);
  if (expression !== null) problems.push(...expression.problems);
  const node: HaproxyAclDeclaration = {
    name,
    expression: expression?.node ?? null,
    start: (name ?? keywordWord).start,
    end: (words[words.length - 1] ?? keywordWord).end,
  };
  return { node, problems };
}

/** Shared by the many expressions without flags or converters, to keep large trees small. */
const NO_FLAGS: HaproxyAclFlag[] = Object.freeze([]) as unknown as HaproxyAclFlag[];
const NO_CONVERTERS: HaproxySampleCall[] = Object.freeze([]) as unknown as HaproxySampleCall[];

const FLAGS_WITH_ARGUMENT = new Set(["-m", "-f", "-u"]);
const FLAGS_WITHOUT_ARGUMENT = new Set(["-i", "-n", "-M"]);

/** `CRITERION [FLAGS] [VALUES]`, `words` not empty. */
function parseAclExpression(words: HaproxyWord[]): Parsed<HaproxyAclExpression> {
  const criterion = parseSampleExpression(words[0]!);
  const problems = criterion.problems;
  const flags: HaproxyAclFlag[] = [];
  let index = 1;
  while (index < words.length && words[index]!.value.startsWith("-")) {
    const word = words[index]!;
    index++;
    if (word.value === "--") {
      flags.push({ name: word.value, word, argument: null, start: word.start, end: word.end });
      break;
    }
    if (FLAGS_WITHOUT_ARGUMENT.has(word.value)) {
      flags.push({ name: word.value, word, argument: null, start: word.start, end: word.end });
      continue;
    }
    if (FLAGS_WITH_ARGUMENT.has(word.value)) {
      const argument = words[index] ?? null;
      if (argument === null) {
        problems.push({ message: `missing argument after ACL option '${word.value}'`, start: word.start, end: word.end });
      } else {
        index++;
      }
      flags.push({ name: word.value, word, argument, start: word.start, end: (argument ?? word).end });
      continue;
    }
    problems.push({
      message: `'${word.value}' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'`,
      start: word.start,
      end: word.end,
    });
    index--;
    break;
  }
  const node: HaproxyAclExpression = {
    criterion: criterion.node,
    flags: flags.length === 0 ? NO_FLAGS : flags.slice(),
    values: words.slice(index),
    start: words[0]!.start,
    end: words[words.length - 1]!.end,
  };
  return { node, problems };
}

/** `fetch(args),converter(args),converter` in one word. */
function parseSampleExpression(word: HaproxyWord): Parsed<HaproxySampleExpression> {
  const text = word.value;
  const positions = new JoinedWords([word]);
  const problems: LineProblem[] = [];
  const calls: HaproxySampleCall[] = [];
  let position = 0;
  do {
    if (calls.length > 0) {
      while (text[position] === ",") position++;
      if (position >= text.length) break;
    }
    const callStart = position;
    const nameEnd = findFirst(text, "(,", position);
    const name = text.slice(position, nameEnd);
    const role = calls.length === 0 ? "fetch keyword" : "converter";
    if (calls.length === 0 && name === "") {
      problems.push({ message: `missing fetch method in ACL expression '${text}'`, start: word.start, end: word.end });
    }
    position = nameEnd;
    let args: string[] | null = null;
    if (text[position] === "(") {
      const list = readArgumentList(text, position);
      if (list === null) {
        problems.push({
          message: `missing closing ')' after arguments to ${role} '${name}' in ACL expression '${text}'`,
          start: word.start,
          end: word.end,
        });
        position = text.length;
      } else {
        args = list.args;
        position = list.end;
      }
    }
    calls.push({ name, args, start: positions.position(callStart, "start"), end: positions.position(position, "end") });
    if (position < text.length && text[position] !== ",") {
      problems.push({
        message: `missing comma after ${role} '${name}' in ACL expression '${text}'`,
        start: word.start,
        end: word.end,
      });
      break;
    }
  } while (position < text.length);

  const converters = calls.length === 1 ? NO_CONVERTERS : calls.slice(1);
  return { node: { word, fetch: calls[0]!, converters, start: word.start, end: word.end }, problems };
}

function findFirst(text: string, characters: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    if (characters.includes(text[index]!)) return index;
  }
  return text.length;
}

/**
 * Reads `(a,b,...)` starting at the `(`: arguments split on commas outside quotes and nested
 * parentheses, with quotes and backslashes removed. Null without the closing parenthesis.
 */
export function readArgumentList(text: string, open: number): { args: string[]; end: number } | null {
  const args: string[] = [];
  let current = "";
  let depth = 0;
  let quote: string | null = null;
  for (let index = open + 1; index < text.length; index++) {
    const character = text[index]!;
    if (quote !== null) {
      if (character === quote) quote = null;
      else if (character === "\\" && quote === '"' && index + 1 < text.length) current += text[++index];
      else current += character;
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === "\\" && index + 1 < text.length) {
      current += text[++index];
    } else if (character === "(") {
      depth++;
      current += character;
    } else if (character === ")" && depth > 0) {
      depth--;
      current += character;
    } else if (character === ")") {
      args.push(current.trim());
      return { args: args.length === 1 && args[0] === "" ? [] : args.slice(), end: index + 1 };
    } else if (character === "," && depth === 0) {
      args.push(current.trim());
      current = "";
    } else {
      current += character;
    }
  }
  return null;
}

