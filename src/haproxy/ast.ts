// The HAProxy syntax tree. HAProxy's config language is line based, so the tree is a list of
// lines (`HaproxyFile.lines`, in source order) that keep every character: printing them
// (src/haproxy/print.ts) gives back the source text exactly, and fixes can be minimal edits by
// offset. Two views are built over the same line objects:
//   - sections: each section header with the lines below it, up to the next header;
//   - conditional blocks: the `.if/.elif/.else/.endif` structure, which may cross sections.
// Every line also lists the conditional branches it sits in (`conditionals`), so a rule can
// tell whether a statement always applies without walking the blocks.
import type { SourceFile, Span } from "../syntax/source.js";
import type { SyntaxProblem } from "../syntax/problems.js";

/** One word as HAProxy's tokenizer splits a line: a keyword or an argument. */
export interface HaproxyWord extends Span {
  /**
   * The word HAProxy sees: quotes removed, escapes resolved, environment variables inside
   * double quotes expanded from the `env` parse option (unset variables are empty unless they
   * have a `${NAME-default}`). `\xHH` gives the character with that code: HAProxy works on
   * bytes, so a UTF-8 character written as `\xC3\xA9` becomes two characters here.
   */
  value: string;
  /** The exact source text, quotes and backslashes included. */
  raw: string;
  /** Whitespace before this word: the indentation for the first word of a line. */
  leading: string;
  /** Some part of the word is between single or double quotes (`"a"'b'c` is one word). */
  quoted: boolean;
  /** Environment variable references in the word, in order; empty when there are none. */
  envRefs: readonly HaproxyEnvRef[];
}

/** `$NAME`, `${NAME}`, `${NAME-default}` or `${NAME[*]}` inside double quotes. */
export interface HaproxyEnvRef extends Span {
  name: string;
  raw: string;
  /** The text after `-` in `${NAME-default}`, used when the variable is not set. */
  defaultValue: string | null;
  /**
   * `${NAME[*]}`: HAProxy splits the value into several words on spaces; the tree keeps one
   * word whose value has the spaces.
   */
  splitsIntoWords: boolean;
}

export interface HaproxyComment extends Span {
  /** The text after `#`. */
  text: string;
  /** `#` and the text after it. */
  raw: string;
}

export type HaproxyLine =
  | HaproxyEmptyLine
  | HaproxySectionHeader
  | HaproxyStatement
  | HaproxyDirective
  | HaproxyScopeLine;

/**
 * What every line has. The span covers the line without its line ending. Printing a line is
 * `leading + raw` of each word, `trailing`, the comment's `raw`, `unparsedTail`, `eol` (scope
 * lines print `text` instead of their words).
 */
export interface HaproxyLineBase extends Span {
  words: HaproxyWord[];
  /** Whitespace after the last word (the whole content of a blank line). */
  trailing: string;
  comment: HaproxyComment | null;
  /**
   * Text HAProxy never reads: everything from a carriage return or NUL in the middle of a line
   * to the line ending.
   */
  unparsedTail: string;
  /** "\n", "\r\n", or "" for a last line without a line feed. */
  eol: string;
  /**
   * The `.if`, `.elif` or `.else` lines of the conditional branches this line is in, outermost
   * first; empty when the line is not inside any `.if` block.
   */
  conditionals: readonly HaproxyDirective[];
}

/** A line with no words (blank or only a comment), or whose first word is empty (`""`), which HAProxy skips. */
export interface HaproxyEmptyLine extends HaproxyLineBase {
  type: "empty";
}

/**
 * The sections HAProxy 3.x registers (src/cfgparse.c and the modules that add their own).
 * `spoe-*` sections only exist in SPOE engine files loaded by `filter spoe`.
 */
export const HAPROXY_SECTION_KEYWORDS = [
  "global",
  "defaults",
  "frontend",
  "backend",
  "listen",
  "userlist",
  "peers",
  "mailers",
  "resolvers",
  "cache",
  "program",
  "http-errors",
  "ring",
  "log-forward",
  "fcgi-app",
  "crt-store",
  "traces",
  "acme",
  "log-profile",
  "namespace_list",
  "spoe-agent",
  "spoe-message",
  "spoe-group",
] as const;

export type HaproxySectionKeyword = (typeof HAPROXY_SECTION_KEYWORDS)[number];

/** `backend NAME`, `defaults [NAME] [from OTHER]`, `listen NAME [from DEFAULTS]`, `global`... */
export interface HaproxySectionHeader extends HaproxyLineBase {
  type: "section-header";
  keyword: HaproxySectionKeyword;
  keywordWord: HaproxyWord;
  /** The section's name; null when it has none (`global`, anonymous `defaults`). */
  name: HaproxyWord | null;
  /** The defaults section named after `from`, for defaults, frontend, backend and listen. */
  from: HaproxyWord | null;
  /** All words after the keyword, as written. */
  args: HaproxyWord[];
}

/** A keyword line inside a section (or before any section, which HAProxy rejects). */
export interface HaproxyStatement extends HaproxyLineBase {
  type: "statement";
  /**
   * The keyword, its words joined by one space: `timeout tunnel`, `option http-server-close`,
   * `http-request set-header`, `tcp-request content accept`. See MULTI_WORD_KEYWORD_PREFIXES in
   * src/haproxy/keywords.ts. An action written with arguments in parentheses
   * (`http-request set-var(txn.x)`) gives the keyword without them (`http-request set-var`);
   * the full word stays in `keywordWords`.
   */
  keyword: string;
  keywordWords: HaproxyWord[];
  /** `no option httpclose` has modifier "no" and keyword `option httpclose`. */
  modifier: "no" | "default" | null;
  modifierWord: HaproxyWord | null;
  /** The words after the keyword, without the `if`/`unless` condition. */
  args: HaproxyWord[];
  /** The `if COND` / `unless COND` part of rules that take one; null otherwise. */
  condition: HaproxyCondition | null;
  /** For `acl NAME CRITERION [FLAGS] [VALUES]`: its parts; null for other keywords. */
  acl: HaproxyAclDeclaration | null;
}

/** `.if`, `.elif`, `.else`, `.endif`, `.diag`, `.notice`, `.warning`, `.alert`, or unknown. */
export interface HaproxyDirective extends HaproxyLineBase {
  type: "directive";
  /** The first word with its dot, as written: ".if". */
  name: string;
  nameWord: HaproxyWord;
  args: HaproxyWord[];
  /** For `.if` and `.elif`: the parsed condition; null when it is empty (false) or does not parse. */
  test: HaproxyTestExpression | null;
  /** For `.diag/.notice/.warning/.alert`: the message word. */
  message: HaproxyWord | null;
}

/** `[name]`: sets the scope of the following lines (HAProxy reads this line without tokenizing). */
export interface HaproxyScopeLine extends HaproxyLineBase {
  type: "scope";
  /** The line's content as written, without the line ending. */
  text: string;
  /** The text between the brackets. */
  name: string;
}

/** A section: its header line and the lines below it up to the next header. */
export interface HaproxySection extends Span {
  keyword: HaproxySectionKeyword;
  name: string | null;
  header: HaproxySectionHeader;
  /** Every line after the header (statements, blank lines, comments, directives). */
  lines: HaproxyLine[];
  /** The statements among `lines`. */
  statements: HaproxyStatement[];
}

/** An `.if` block: its branches in order and the `.endif` line. */
export interface HaproxyConditionalBlock extends Span {
  branches: HaproxyConditionalBranch[];
  /** Null when the file ends before the `.endif` (an error). */
  endif: HaproxyDirective | null;
}

export interface HaproxyConditionalBranch extends Span {
  /** The `.if`, `.elif` or `.else` line that opens the branch. */
  opener: HaproxyDirective;
  /** The lines directly in this branch and the blocks nested in it, in source order. */
  children: (HaproxyLine | HaproxyConditionalBlock)[];
}

// ---------------------------------------------------------------------------------------------
// `.if` / `.elif` expressions (HAProxy's src/cfgcond.c): predicates, numbers, `!`, `&&`, `||`
// and parentheses, evaluated on the directive's words joined by single spaces. Positions point
// into the source where the joined text maps back to it (exactly for unquoted words).

export type HaproxyTestExpression =
  | HaproxyTestOr
  | HaproxyTestAnd
  | HaproxyTestNot
  | HaproxyTestPredicate
  | HaproxyTestNumber
  | HaproxyTestGroup;

export interface HaproxyTestOr extends Span {
  type: "or";
  operands: HaproxyTestExpression[];
}

export interface HaproxyTestAnd extends Span {
  type: "and";
  operands: HaproxyTestExpression[];
}

export interface HaproxyTestNot extends Span {
  type: "not";
  operand: HaproxyTestExpression;
}

/** `defined(NAME)`, `feature(X)`, `streq(a,b)`, `strneq(a,b)`, `version_atleast(v)`, `version_before(v)`. */
export interface HaproxyTestPredicate extends Span {
  type: "predicate";
  name: string;
  /** The arguments between the parentheses, unquoted and trimmed. */
  args: string[];
}

/** A number: true unless it is zero. */
export interface HaproxyTestNumber extends Span {
  type: "number";
  text: string;
  value: boolean;
}

export interface HaproxyTestGroup extends Span {
  type: "group";
  expression: HaproxyTestExpression;
}

// ---------------------------------------------------------------------------------------------
// ACL conditions (`if` / `unless` on rules) and ACL declarations, as HAProxy's src/acl.c reads
// them: a condition is an OR of suites, a suite an implicit AND of terms.

export interface HaproxyCondition extends Span {
  polarity: "if" | "unless";
  polarityWord: HaproxyWord;
  /** The words after `if` / `unless`. */
  words: HaproxyWord[];
  /** Alternatives separated by `or` / `||`; each one holds when all of its terms hold. */
  alternatives: HaproxyConditionSuite[];
}

export interface HaproxyConditionSuite extends Span {
  terms: HaproxyConditionTerm[];
}

export type HaproxyConditionTerm = HaproxyAclReference | HaproxyAnonymousAcl;

/** A named ACL used in a condition, possibly negated with `!`. */
export interface HaproxyAclReference extends Span {
  type: "acl-reference";
  name: string;
  negated: boolean;
  /** The words of the term: `!` words and the name word (`!is_ws` is one word). */
  words: HaproxyWord[];
}

/** `{ fetch [flags] [values] }` written inline in a condition. */
export interface HaproxyAnonymousAcl extends Span {
  type: "anonymous-acl";
  negated: boolean;
  words: HaproxyWord[];
  /** Null when the braces hold nothing. */
  expression: HaproxyAclExpression | null;
}

/** `acl NAME CRITERION [FLAGS] [VALUES]`. */
export interface HaproxyAclDeclaration extends Span {
  name: HaproxyWord | null;
  /** Null when the line has no criterion. */
  expression: HaproxyAclExpression | null;
}

export interface HaproxyAclExpression extends Span {
  criterion: HaproxySampleExpression;
  /** `-i`, `-n`, `-M`, `-m METHOD`, `-f FILE`, `-u ID`, `--`, in order. */
  flags: HaproxyAclFlag[];
  /** The patterns to match. */
  values: HaproxyWord[];
}

export interface HaproxyAclFlag extends Span {
  name: string;
  word: HaproxyWord;
  /** The argument of `-m`, `-f` and `-u`. */
  argument: HaproxyWord | null;
}

/** A sample fetch with its arguments and converters: `req.hdr(host),lower,word(1,:)`. */
export interface HaproxySampleExpression extends Span {
  word: HaproxyWord;
  fetch: HaproxySampleCall;
  converters: HaproxySampleCall[];
}

/** A fetch or converter call; its span is exact when the word has no quotes or escapes. */
export interface HaproxySampleCall extends Span {
  name: string;
  /** The arguments between parentheses as written in the word's value; null without parentheses. */
  args: string[] | null;
}

/**
 * The file as JSON.stringify writes it: every line in full, and the section and `.if` views by
 * line number rather than repeating the lines they hold. (`conditionals` of a line is not
 * written either: its openers are lines of their own.)
 */
export interface HaproxyFileJson {
  type: "file";
  source: SourceFile;
  lines: HaproxyLine[];
  sections: (Span & { keyword: HaproxySectionKeyword; name: string | null; headerLine: number })[];
  conditionals: HaproxyConditionalBlockJson[];
}

export interface HaproxyConditionalBlockJson extends Span {
  branches: (Span & { openerLine: number; blocks: HaproxyConditionalBlockJson[] })[];
  endifLine: number | null;
}

export interface HaproxyFile {
  type: "file";
  source: SourceFile;
  /** Every line of the file in order; the text is the concatenation of their printed forms. */
  lines: HaproxyLine[];
  /** Lines before the first section header. */
  preamble: HaproxyLine[];
  sections: HaproxySection[];
  /** The outermost `.if` blocks, in order; nested blocks are in their branches' children. */
  conditionals: HaproxyConditionalBlock[];
}

export interface HaproxyParseResult {
  file: HaproxyFile;
  /** Empty when the file parsed; a file with problems still has a complete tree. */
  problems: SyntaxProblem[];
}

export interface HaproxyParseOptions {
  /**
   * Environment variables for expanding `"$NAME"` in word values. Parsing never reads the
   * process environment, so results are deterministic; unset variables expand to nothing.
   */
  env?: Record<string, string>;
}
