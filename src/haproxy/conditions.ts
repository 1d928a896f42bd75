// ACL conditions (`if` / `unless` after a rule) and ACL expressions (`acl NAME ...` lines and
// `{ ... }` in conditions), read from words as HAProxy's src/acl.c reads them.
import type { Position } from "../syntax/source.js";
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
  const alternatives: HaproxyConditionSuite[] = [];
  let suite: HaproxyConditionTerm[] = [];
  let pending: HaproxyWord[] = [];
  let negated = false;

  const closeSuite = (): void => {
    if (suite.length > 0) alternatives.push({ terms: suite, ...spanOf(suite) });
    suite = [];
  };

  for (let index = 0; index < termWords.length; index++) {
    const word = termWords[index]!;
    pending.push(word);
    const bangs = /^!*/.exec(word.value)![0].length;
    if (bangs % 2 === 1) negated = !negated;
    const name = word.value.slice(bangs);
    if (name === "") continue;

    if (name.toLowerCase() === "or" || name === "||") {
      closeSuite();
      pending = [];
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
      pending.push(...inner, termWords[close]!);
      const expression = inner.length === 0 ? null : parseAclExpression(inner);
      if (expression !== null) problems.push(...expression.problems);
      suite.push({ type: "anonymous-acl", negated, words: pending, expression: expression?.node ?? null, ...spanOf(pending) });
      index = close;
    } else {
      suite.push({ type: "acl-reference", name, negated, words: pending, ...spanOf(pending) });
    }
    pending = [];
    negated = false;
  }
  closeSuite();

  const node: HaproxyCondition = {
    polarity: polarityWord.value === "if" ? "if" : "unless",
    polarityWord,
    words: termWords,
    alternatives,
    ...spanOf(words),
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
    ...spanOf(words.length > 0 ? words : [keywordWord]),
  };
  return { node, problems };
}

const FLAGS_WITH_ARGUMENT = new Set(["-m", "-f", "-u"]);
const FLAGS_WITHOUT_ARGUMENT = new Set(["-i", "-n", "-M"]);

/** `CRITERION [FLAGS] [VALUES]`, `words` not empty. */
function parseAclExpression(words: HaproxyWord[]): Parsed<HaproxyAclExpression> {
  const criterion = parseSampleExpression(words[0]!);
  const problems = [...criterion.problems];
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
    flags,
    values: words.slice(index),
    ...spanOf(words),
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
    calls.push({ name, args, ...positions.span(callStart, position) });
    if (position < text.length && text[position] !== ",") {
      problems.push({
        message: `missing comma after ${role} '${name}' in ACL expression '${text}'`,
        start: word.start,
        end: word.end,
      });
      break;
    }
  } while (position < text.length);

  const [fetch, ...converters] = calls;
  return { node: { word, fetch: fetch!, converters, start: word.start, end: word.end }, problems };
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
      return { args: args.length === 1 && args[0] === "" ? [] : args, end: index + 1 };
    } else if (character === "," && depth === 0) {
      args.push(current.trim());
      current = "";
    } else {
      current += character;
    }
  }
  return null;
}

function spanOf(nodes: readonly { start: Position; end: Position }[]): { start: Position; end: Position } {
  return { start: nodes[0]!.start, end: nodes[nodes.length - 1]!.end };
}
