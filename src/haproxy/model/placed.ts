// A line of the configuration as the model sees it: the syntax node, the file it is written in,
// the section it belongs to, and whether HAProxy reads it on every run (see conditional.ts).
import type { HaproxyComment, HaproxyFile, HaproxyStatement } from "../ast.js";
import type { Span } from "../../syntax/source.js";
import type { Reach } from "./conditional.js";
import type { SectionModel } from "./section.js";

export interface PlacedStatement {
  readonly node: HaproxyStatement;
  /** `timeout tunnel`, `http-request set-header`, `use_backend` (see HaproxyStatement.keyword). */
  readonly keyword: string;
  /** Argument values as HAProxy reads them, without the `if`/`unless` condition. */
  readonly args: readonly string[];
  readonly file: HaproxyFile;
  readonly section: SectionModel;
  /** "maybe" inside an `.if` branch the model cannot decide. */
  readonly reach: Exclude<Reach, "never">;
}

export interface PlacedComment {
  readonly node: HaproxyComment;
  readonly file: HaproxyFile;
}

/** `haproxy.cfg:12`: where a line is written, for messages. */
export function describeWhere(placed: { node: Span; file: HaproxyFile }): string {
  return `${placed.file.source.path}:${placed.node.start.line}`;
}

/** The statement as written, without its comment: `timeout tunnel 1h`, `use_backend ws if is_ws`. */
export function describeStatement(statement: PlacedStatement): string {
  return statement.node.words.map((word) => word.raw).join(" ");
}
