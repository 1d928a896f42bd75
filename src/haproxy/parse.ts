// The HAProxy parser: reads the file line by line as HAProxy's config reader does (src/cfgparse.c),
// tokenizes each line with the nearley grammar (grammar/haproxy.ne), then builds the section and
// `.if` views over the lines. A problem on one line never stops the next lines from parsing.
//
// Problems use HAProxy's wording and point where it points. Unlike HAProxy, the parser does not
// evaluate `.if` conditions, so it checks the lines of every branch, including the ones HAProxy
// would skip, and it goes on after the errors that make HAProxy stop reading the file.
import nearley from "nearley";
import grammar, { type LineParse } from "../generated/haproxy-grammar.js";
import { haproxyLexer } from "./lexer.js";
import { byteOrderMarkProblems, type SyntaxProblem } from "../syntax/problems.js";
import type { Position, SourceFile } from "../syntax/source.js";
import {
  HAPROXY_SECTION_KEYWORDS,
  type HaproxyConditionalBlock,
  type HaproxyConditionalBranch,
  type HaproxyDirective,
  type HaproxyFile,
  type HaproxyFileJson,
  type HaproxyConditionalBlockJson,
  type HaproxyLine,
  type HaproxyParseOptions,
  type HaproxyParseResult,
  type HaproxyScopeLine,
  type HaproxySection,
  type HaproxySectionHeader,
  type HaproxySectionKeyword,
  type HaproxyStatement,
  type HaproxyWord,
} from "./ast.js";
import { conditionStart, parseAclDeclaration, parseCondition } from "./conditions.js";
import { acceptsModifier, MODIFIER_NOT_SUPPORTED, splitKeyword, takesCondition } from "./keywords.js";
import { positionInLine, type LineContext } from "./line-context.js";
import { parseTestExpression } from "./test-expression.js";
import { DirectiveNode, EmptyLineNode, NO_OPENERS, SectionHeaderNode, StatementNode, type LineFields } from "./lines.js";
import { LineWordBuilder, type ExpansionContext, type LineProblem } from "./words.js";

const sectionKeywords: ReadonlySet<string> = new Set(HAPROXY_SECTION_KEYWORDS);
const SECTIONS_WITH_FROM: ReadonlySet<string> = new Set(["defaults", "frontend", "backend", "listen"]);
const MESSAGE_DIRECTIVES: ReadonlySet<string> = new Set([".diag", ".notice", ".warning", ".alert"]);

// One parser serves every line: restoring its initial column is much cheaper than building a
// parser per line, and parsing is synchronous, so lines never share it at the same time.
const lineParser = new nearley.Parser(nearley.Grammar.fromCompiled(grammar));
const lineStartColumn = lineParser.save();

/**
 * Tokenizes one line's content (no line ending) with the nearley grammar: every parse it finds.
 * `words` builds the words; by default, as for line 1 of a file without a name or environment.
 */
export function parseLineTokens(text: string, words = new LineWordBuilder({ env: {}, filePath: "", sectionName: null }, new Map())): LineParse[] {
  haproxyLexer.maker = words;
  lineParser.restore(lineStartColumn);
  try {
    lineParser.feed(text);
  } finally {
    // The builder holds the file's string pool: the shared lexer must not keep it alive.
    haproxyLexer.maker = null;
  }
  return lineParser.results as LineParse[];
}

export function parseHaproxy(source: SourceFile, options: HaproxyParseOptions = {}): HaproxyParseResult {
  const builder = new TreeBuilder(source, options);
  const text = source.text;
  let lineStart = 0;
  let lineNumber = 1;
  while (lineStart < text.length) {
    const lineFeed = text.indexOf("\n", lineStart);
    const lineEnd = lineFeed === -1 ? text.length : lineFeed;
    const crlf = lineFeed !== -1 && lineEnd > lineStart && text[lineEnd - 1] === "\r";
    const contentEnd = crlf ? lineEnd - 1 : lineEnd;
    const eol = lineFeed === -1 ? "" : crlf ? "\r\n" : "\n";
    builder.addLine(text.slice(lineStart, contentEnd), eol, { line: lineNumber, startOffset: lineStart });
    lineStart = lineFeed === -1 ? text.length : lineFeed + 1;
    lineNumber++;
  }
  const result = builder.finish();
  return { ...result, problems: [...byteOrderMarkProblems(source, "HAProxy"), ...result.problems] };
}

interface OpenConditional {
  block: HaproxyConditionalBlock;
  branch: HaproxyConditionalBranch;
}


/**
 * HAProxy's limit on `.if` nesting: the line opening the 100th level is refused with "too many
 * nested '.if', max is 100" (seen with HAProxy 2.6, which accepts 99 levels).
 */
const MAX_NESTED_CONDITIONALS = 100;

const CONDITIONAL_DIRECTIVES: ReadonlySet<string> = new Set([".if", ".elif", ".else", ".endif"]);
class TreeBuilder {
  private readonly lines: HaproxyLine[] = [];
  private readonly preamble: HaproxyLine[] = [];
  private readonly sections: HaproxySection[] = [];
  private readonly conditionals: HaproxyConditionalBlock[] = [];
  private readonly openConditionals: OpenConditional[] = [];
  private nestingLimitReached = false;
  /** The openers of `openConditionals`, shared by all the lines of a branch. */
  private openers: readonly HaproxyDirective[] = NO_OPENERS;
  private readonly problems: SyntaxProblem[] = [];
  private readonly expansion: ExpansionContext;
  private readonly words: LineWordBuilder;

  constructor(
    private readonly source: SourceFile,
    options: HaproxyParseOptions,
  ) {
    this.expansion = { env: options.env ?? {}, filePath: source.path, sectionName: null };
    this.words = new LineWordBuilder(this.expansion, new Map());
  }

  addLine(content: string, eol: string, context: LineContext): void {
    const indentLength = countBlanks(content, 0);
    const nul = content.indexOf("\0");
    if (nul !== -1) {
      this.report({
        message: "stray NUL character",
        start: positionInLine(context, nul),
        end: positionInLine(context, nul + 1),
      });
    }

    const line =
      content[indentLength] === "[" ? this.scopeLine(content, eol, indentLength, context) : this.wordLine(content, eol, indentLength, context);
    this.place(line);
  }

  finish(): HaproxyParseResult {
    this.closeSection();
    const lastLine = this.lines[this.lines.length - 1];
    if (lastLine !== undefined) {
      for (const open of this.openConditionals) {
        this.closeBranch(open.branch, lastLine.end);
        open.block.end = lastLine.end;
        if (this.nestingLimitReached) continue;
        this.report({
          message: `non-terminated '.if' block (opened at line ${open.block.start.line})`,
          start: lastLine.end,
          end: lastLine.end,
        });
      }
      if (lastLine.eol === "") {
        this.report({
          message: "missing LF on last line, file might have been truncated",
          start: lastLine.end,
          end: lastLine.end,
        });
      }
    }
    const file: HaproxyFile = {
      type: "file",
      source: this.source,
      lines: this.lines,
      preamble: this.preamble,
      sections: this.sections,
      conditionals: this.conditionals,
    };
    Object.defineProperty(file, "toJSON", { value: () => fileJson(file), enumerable: false });
    return { file, problems: this.problems };
  }

  private report(problem: LineProblem): void {
    this.problems.push({ file: this.source.path, ...problem });
  }

  /** `[name]`: HAProxy reads it without tokenizing and wants nothing after it but a comment. */
  private scopeLine(content: string, eol: string, indentLength: number, context: LineContext): HaproxyScopeLine {
    const readable = content.split("\0", 1)[0]!;
    const close = readable.indexOf("]", indentLength + 1);
    const name = close === -1 ? "" : readable.slice(indentLength + 1, close);
    const afterName = close === -1 ? readable.length : countBlanks(readable, close + 1) + close + 1;
    const problemAtColumn = (message: string, column0: number): void =>
      this.report({ message, start: positionInLine(context, column0), end: positionInLine(context, column0 + 1) });

    const invalid = /[^A-Za-z0-9._:-]/.exec(name);
    if (name === "") problemAtColumn("empty scope name is forbidden", indentLength);
    else if (invalid !== null) {
      problemAtColumn(`character '${invalid[0]}' is not permitted in a scope name`, indentLength + 1 + invalid.index);
    } else if (afterName < readable.length && readable[afterName] !== "#") {
      problemAtColumn(`character '${readable[afterName]}' is not permitted after scope declaration`, afterName);
    }

    const hasComment = name !== "" && readable[afterName] === "#";
    return {
      type: "scope",
      text: content,
      name,
      words: [],
      trailing: "",
      comment: hasComment
        ? {
            text: content.slice(afterName + 1),
            raw: content.slice(afterName),
            start: positionInLine(context, afterName),
            end: positionInLine(context, content.length),
          }
        : null,
      unparsedTail: "",
      eol,
      conditionals: [],
      start: positionInLine(context, 0),
      end: positionInLine(context, content.length),
    };
  }

  private wordLine(content: string, eol: string, indentLength: number, context: LineContext): HaproxyLine {
    const carriageReturn = content.indexOf("\r", indentLength);
    const nul = content.indexOf("\0", indentLength);
    const readEnd = Math.min(carriageReturn === -1 ? content.length : carriageReturn, nul === -1 ? content.length : nul);
    this.words.startLine(context);
    const parsed = parseLineTokens(content.slice(0, readEnd), this.words)[0]!;
    const tokenized = this.words.finish(parsed);
    if (tokenized.problem !== null) this.report(tokenized.problem);

    const words = tokenized.words;
    const first = words[0];
    const last = words[words.length - 1];
    // Most lines end with their last word (or comment) and many start with their first word:
    // they share its Position instead of holding an equal one.
    const endOffset = context.startOffset + content.length;
    const end =
      last !== undefined && last.end.offset === endOffset && tokenized.trailing === "" && tokenized.comment === null
        ? last.end
        : tokenized.comment !== null && tokenized.comment.end.offset === endOffset
          ? tokenized.comment.end
          : positionInLine(context, content.length);
    const start =
      content.length === 0 ? end : first !== undefined && indentLength === 0 ? first.start : positionInLine(context, 0);
    const fields: LineFields = {
      words,
      trailing: tokenized.trailing,
      comment: tokenized.comment,
      unparsedTail: readEnd === content.length ? "" : content.slice(readEnd),
      eol,
      start,
      end,
    };
    // HAProxy skips a line whose first word is empty (`""`) like a blank one.
    if (first === undefined || first.value === "") return new EmptyLineNode(fields);
    if (first.value.startsWith(".")) return this.directive(fields, first);

    const modifierWord = first.value === "no" || first.value === "default" ? first : null;
    const keywordAndArgs = modifierWord === null ? words : words.slice(1);
    const keywordWord = keywordAndArgs[0];
    if (modifierWord !== null && (keywordWord === undefined || !acceptsModifier(keywordWord.value))) {
      this.report({ message: MODIFIER_NOT_SUPPORTED, start: modifierWord.start, end: modifierWord.end });
    }
    if (keywordWord !== undefined && sectionKeywords.has(keywordWord.value)) {
      return this.sectionHeader(fields, keywordWord, keywordAndArgs.slice(1));
    }
    return this.statement(fields, modifierWord, keywordAndArgs);
  }

  private sectionHeader(fields: LineFields, keywordWord: HaproxyWord, args: HaproxyWord[]): HaproxySectionHeader {
    const keyword = keywordWord.value as HaproxySectionKeyword;
    let name: HaproxyWord | null = args[0] ?? null;
    let from: HaproxyWord | null = null;
    if (SECTIONS_WITH_FROM.has(keyword)) {
      if (keyword === "defaults" && name?.value === "from") {
        from = args[1] ?? null;
        name = null;
      } else if (args[1]?.value === "from") {
        from = args[2] ?? null;
      }
    }
    return new SectionHeaderNode(fields, keyword, keywordWord, name, from, args);
  }

  private statement(fields: LineFields, modifierWord: HaproxyWord | null, words: HaproxyWord[]): HaproxyStatement {
    const { keyword, keywordWords, rest } = splitKeyword(words);
    let args = rest;
    let condition: HaproxyStatement["condition"] = null;
    if (takesCondition(keyword)) {
      const conditionIndex = conditionStart(rest);
      if (conditionIndex !== -1) {
        args = rest.slice(0, conditionIndex);
        const parsed = parseCondition(rest.slice(conditionIndex));
        for (const problem of parsed.problems) this.report(problem);
        condition = parsed.node;
      }
    }
    let acl: HaproxyStatement["acl"] = null;
    if (keyword === "acl") {
      const parsed = parseAclDeclaration(rest, keywordWords[0]!);
      for (const problem of parsed.problems) this.report(problem);
      acl = parsed.node;
    }
    return new StatementNode(fields, keyword, keywordWords, modifierWord, args, condition, acl);
  }

  private directive(fields: LineFields, nameWord: HaproxyWord): HaproxyDirective {
    const name = nameWord.value;
    const args = fields.words.slice(1);
    let test: HaproxyDirective["test"] = null;
    let message: HaproxyWord | null = null;
    if (name === ".if" || name === ".elif") {
      const parsed = parseTestExpression(args, fields.trailing !== "");
      if (parsed.problem !== null) this.report({ ...parsed.problem, message: `${parsed.problem.message} in '${name}'` });
      test = parsed.expression;
    } else if (name === ".else" || name === ".endif") {
      this.reportUnexpectedArgument(name, args[0], "");
    } else if (MESSAGE_DIRECTIVES.has(name)) {
      message = args[0] ?? null;
      this.reportUnexpectedArgument(name, args[1], ". Use quotes if the message should contain spaces");
    } else {
      this.report({ message: `unknown directive '${name}'`, start: nameWord.start, end: nameWord.end });
    }
    return new DirectiveNode(fields, nameWord, args, test, message);
  }

  private reportUnexpectedArgument(directive: string, extra: HaproxyWord | undefined, hint: string): void {
    if (extra === undefined) return;
    this.report({ message: `Unexpected argument '${extra.value}' for '${directive}'${hint}`, start: extra.start, end: extra.end });
  }

  /** Adds the line to the file, its section and its conditional branch. */
  private place(line: HaproxyLine): void {
    const previousEnd = this.lines[this.lines.length - 1]?.end ?? line.start;
    this.lines.push(line);
    let openers: readonly HaproxyDirective[];
    if (line.type === "directive") openers = this.placeDirective(line, previousEnd);
    else {
      openers = this.currentOpeners();
      this.currentChildren()?.push(line);
    }
    // The openers are lines of their own: JSON output would repeat them in every line below.
    if (line.type === "scope") Object.defineProperty(line, "conditionals", { value: openers, enumerable: false });
    else line.conditionals = openers;

    if (line.type === "section-header") {
      this.closeSection();
      this.sections.push({
        keyword: line.keyword,
        name: line.name?.value ?? null,
        header: line,
        lines: [],
        statements: [],
        start: line.start,
        end: line.end,
      });
      this.expansion.sectionName = line.name?.value ?? line.keyword;
      return;
    }
    const section = this.sections[this.sections.length - 1];
    if (section === undefined) {
      this.preamble.push(line);
      if (line.type === "statement") {
        // A lone `no` or `default` leaves HAProxy an empty keyword.
        const keywordWord = line.keywordWords[0];
        const located = keywordWord ?? line.modifierWord!;
        this.report({
          message: `unknown keyword '${keywordWord?.value ?? ""}' out of section`,
          start: located.start,
          end: located.end,
        });
      }
      return;
    }
    section.lines.push(line);
    section.end = line.end;
    if (line.type === "statement") section.statements.push(line);
  }

  /** Updates the `.if` structure for a directive line; returns the openers the line is under. */
  private placeDirective(line: HaproxyDirective, previousEnd: Position): readonly HaproxyDirective[] {
    // HAProxy stops at the nesting limit; the conditional lines after it are kept as plain lines.
    if (this.nestingLimitReached && CONDITIONAL_DIRECTIVES.has(line.name)) return this.currentOpeners();
    const top = this.openConditionals[this.openConditionals.length - 1];
    switch (line.name) {
      case ".if": {
        if (this.openConditionals.length + 1 === MAX_NESTED_CONDITIONALS) {
          this.report({ message: `too many nested '.if', max is ${MAX_NESTED_CONDITIONALS}`, start: line.nameWord.start, end: line.nameWord.end });
          this.nestingLimitReached = true;
          return this.currentOpeners();
        }
        const outer = this.currentOpeners();
        const branch: HaproxyConditionalBranch = { opener: line, children: [], start: line.start, end: line.end };
        const block: HaproxyConditionalBlock = { branches: [branch], endif: null, start: line.start, end: line.end };
        (this.currentChildren() ?? this.conditionals).push(block);
        this.openConditionals.push({ block, branch });
        this.updateOpeners();
        return outer;
      }
      case ".elif":
      case ".else": {
        if (top === undefined) {
          this.reportLone(line);
          break;
        }
        if (top.branch.opener.name === ".else") {
          this.report({ message: `'${line.name}' after '.else' is not permitted`, start: line.nameWord.start, end: line.nameWord.end });
        }
        this.closeBranch(top.branch, previousEnd);
        top.branch = { opener: line, children: [], start: line.start, end: line.end };
        top.block.branches.push(top.branch);
        this.updateOpeners();
        return this.currentOpeners().slice(0, -1);
      }
      case ".endif": {
        if (top === undefined) {
          this.reportLone(line);
          break;
        }
        this.closeBranch(top.branch, previousEnd);
        top.block.endif = line;
        top.block.end = line.end;
        this.openConditionals.pop();
        this.updateOpeners();
        return this.currentOpeners();
      }
    }
    this.currentChildren()?.push(line);
    return this.currentOpeners();
  }

  /**
   * Gives the last section exact-size lists: arrays grown by push keep room for at least 17
   * elements, and a large file has thousands of small sections.
   */
  private closeSection(): void {
    const section = this.sections[this.sections.length - 1];
    if (section === undefined) return;
    section.lines = section.lines.slice();
    section.statements = section.statements.slice();
  }

  private reportLone(line: HaproxyDirective): void {
    this.report({ message: `lone '${line.name}' with no matching '.if'`, start: line.nameWord.start, end: line.nameWord.end });
  }

  private closeBranch(branch: HaproxyConditionalBranch, end: Position): void {
    branch.end = end.offset >= branch.opener.end.offset ? end : branch.opener.end;
  }

  private currentOpeners(): readonly HaproxyDirective[] {
    return this.openers;
  }

  /** Call after every change to `openConditionals`. */
  private updateOpeners(): void {
    this.openers = Object.freeze(this.openConditionals.map((open) => open.branch.opener));
  }

  private currentChildren(): (HaproxyLine | HaproxyConditionalBlock)[] | null {
    return this.openConditionals[this.openConditionals.length - 1]?.branch.children ?? null;
  }
}

/** See HaproxyFileJson: the views point at lines by number instead of repeating them. */
function fileJson(file: HaproxyFile): HaproxyFileJson {
  return {
    type: file.type,
    source: file.source,
    lines: file.lines,
    sections: file.sections.map((section) => ({
      keyword: section.keyword,
      name: section.name,
      headerLine: section.header.start.line,
      start: section.start,
      end: section.end,
    })),
    conditionals: file.conditionals.map(blockJson),
  };
}

function blockJson(block: HaproxyConditionalBlock): HaproxyConditionalBlockJson {
  return {
    branches: block.branches.map((branch) => ({
      openerLine: branch.opener.start.line,
      blocks: branch.children.filter((child) => "branches" in child).map(blockJson),
      start: branch.start,
      end: branch.end,
    })),
    endifLine: block.endif?.start.line ?? null,
    start: block.start,
    end: block.end,
  };
}

/** The number of blanks (as C's isspace() sees them on one line) from `from` on. */
function countBlanks(text: string, from: number): number {
  let index = from;
  while (index < text.length && " \t\v\f\r".includes(text[index]!)) index++;
  return index - from;
}
