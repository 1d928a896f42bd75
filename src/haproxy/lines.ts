// The line nodes the parser builds. They are class instances rather than object literals for one
// reason: a line's `conditionals` must stay out of its JSON (its openers are lines of their own)
// and out of Object.keys, and a getter on the prototype over a private field does that without
// Object.defineProperty on every line, which cost about 7% of the parse of a large file.
//
// The constructors assign the fields in the order the JSON output has always had them (the
// `declare` fields emit no code, so the assignments alone decide that order).
import type { Position } from "../syntax/source.js";
import type {
  HaproxyAclDeclaration,
  HaproxyComment,
  HaproxyCondition,
  HaproxyDirective,
  HaproxyEmptyLine,
  HaproxySectionHeader,
  HaproxySectionKeyword,
  HaproxyStatement,
  HaproxyTestExpression,
  HaproxyWord,
} from "./ast.js";

/** The openers of a line outside every `.if` block: shared by all of them. */
export const NO_OPENERS: readonly HaproxyDirective[] = Object.freeze([]);

/** What every word line has; see HaproxyLineBase. */
export interface LineFields {
  words: HaproxyWord[];
  trailing: string;
  comment: HaproxyComment | null;
  unparsedTail: string;
  eol: string;
  start: Position;
  end: Position;
}

abstract class LineNode {
  declare words: HaproxyWord[];
  declare trailing: string;
  declare comment: HaproxyComment | null;
  declare unparsedTail: string;
  declare eol: string;
  declare start: Position;
  declare end: Position;
  #conditionals: readonly HaproxyDirective[] = NO_OPENERS;

  constructor(type: string, fields: LineFields) {
    (this as { type?: string }).type = type;
    this.words = fields.words;
    this.trailing = fields.trailing;
    this.comment = fields.comment;
    this.unparsedTail = fields.unparsedTail;
    this.eol = fields.eol;
    this.start = fields.start;
    this.end = fields.end;
  }

  /** See HaproxyLineBase.conditionals; set once, when the parser places the line. */
  get conditionals(): readonly HaproxyDirective[] {
    return this.#conditionals;
  }

  set conditionals(openers: readonly HaproxyDirective[]) {
    this.#conditionals = openers;
  }
}

export class EmptyLineNode extends LineNode implements HaproxyEmptyLine {
  declare type: "empty";

  constructor(fields: LineFields) {
    super("empty", fields);
  }
}

export class SectionHeaderNode extends LineNode implements HaproxySectionHeader {
  declare type: "section-header";
  declare keyword: HaproxySectionKeyword;
  declare keywordWord: HaproxyWord;
  declare name: HaproxyWord | null;
  declare from: HaproxyWord | null;
  declare args: HaproxyWord[];

  constructor(
    fields: LineFields,
    keyword: HaproxySectionKeyword,
    keywordWord: HaproxyWord,
    name: HaproxyWord | null,
    from: HaproxyWord | null,
    args: HaproxyWord[],
  ) {
    super("section-header", fields);
    this.keyword = keyword;
    this.keywordWord = keywordWord;
    this.name = name;
    this.from = from;
    this.args = args;
  }
}

export class StatementNode extends LineNode implements HaproxyStatement {
  declare type: "statement";
  declare keyword: string;
  declare keywordWords: HaproxyWord[];
  declare modifier: "no" | "default" | null;
  declare modifierWord: HaproxyWord | null;
  declare args: HaproxyWord[];
  declare condition: HaproxyCondition | null;
  declare acl: HaproxyAclDeclaration | null;

  constructor(
    fields: LineFields,
    keyword: string,
    keywordWords: HaproxyWord[],
    modifierWord: HaproxyWord | null,
    args: HaproxyWord[],
    condition: HaproxyCondition | null,
    acl: HaproxyAclDeclaration | null,
  ) {
    super("statement", fields);
    this.keyword = keyword;
    this.keywordWords = keywordWords;
    this.modifier = modifierWord === null ? null : (modifierWord.value as "no" | "default");
    this.modifierWord = modifierWord;
    this.args = args;
    this.condition = condition;
    this.acl = acl;
  }
}

export class DirectiveNode extends LineNode implements HaproxyDirective {
  declare type: "directive";
  declare name: string;
  declare nameWord: HaproxyWord;
  declare args: HaproxyWord[];
  declare test: HaproxyTestExpression | null;
  declare message: HaproxyWord | null;

  constructor(
    fields: LineFields,
    nameWord: HaproxyWord,
    args: HaproxyWord[],
    test: HaproxyTestExpression | null,
    message: HaproxyWord | null,
  ) {
    super("directive", fields);
    this.name = nameWord.value;
    this.nameWord = nameWord;
    this.args = args;
    this.test = test;
    this.message = message;
  }
}

