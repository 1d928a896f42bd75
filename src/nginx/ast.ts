// The nginx syntax tree. It is lossless: every token keeps its raw text and the whitespace before
// it, so printing the tree (src/nginx/print.ts) gives back the source text exactly, and fixes can
// be minimal edits by offset.
import type { SourceFile, Span } from "../syntax/source.js";
import type { SyntaxProblem } from "../syntax/problems.js";

export type QuoteStyle = '"' | "'" | null;

/** One word as nginx's tokenizer splits it: a directive name or an argument. */
export interface NginxWord extends Span {
  /** The value nginx sees: quotes removed, backslash escapes resolved as nginx resolves them. */
  value: string;
  /** The exact source text, quotes and backslashes included. */
  raw: string;
  quote: QuoteStyle;
  /** Whitespace (and nothing else) between the previous token and this one. */
  leading: string;
}

/** A fixed token (`;`, `{`, `}`) with the whitespace before it. */
export interface NginxPunctuation extends Span {
  leading: string;
}

export interface NginxComment extends Span {
  type: "comment";
  /** The text after `#`, as crossplane reports it (not trimmed). */
  text: string;
  raw: string;
  leading: string;
}

export interface NginxDirective extends Span {
  type: "directive";
  name: string;
  nameWord: NginxWord;
  args: NginxWord[];
  /** Comments that stand between the name and the terminator (`listen 80 # x\n default;`). */
  innerComments: readonly NginxComment[];
  /**
   * `;` for a simple directive; null for a block. Both `semicolon` and `block` are null for a
   * directive that a syntax error cut short (its file then has a problem and `unparsed` text).
   */
  semicolon: NginxPunctuation | null;
  /** Children of a `{ ... }` block; null for a simple directive. */
  block: NginxNode[] | null;
  open: NginxPunctuation | null;
  /** Null for a simple directive, and for a block that a syntax error left open. */
  close: NginxPunctuation | null;
  /**
   * For OpenResty `*_by_lua_block { ... }`: the Lua code between the braces, kept as raw text.
   * `block` is then an empty array and `open`/`close` are the braces.
   */
  luaBody: (Span & { raw: string }) | null;
}

export type NginxNode = NginxDirective | NginxComment;

export interface NginxFile {
  type: "file";
  source: SourceFile;
  children: NginxNode[];
  /** Whitespace after the last token. */
  trailing: string;
  /**
   * The text from the token where a syntax error stopped the parser to the end of the file; empty
   * when the file parsed. Printing the tree gives back the source text either way.
   */
  unparsed: string;
}

export interface NginxParseResult {
  file: NginxFile;
  /** Empty when the file parsed; a file with problems may still have a partial tree. */
  problems: SyntaxProblem[];
}
