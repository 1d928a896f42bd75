// A node of the configuration as nginx sees it: the syntax node, plus the file it is written in
// and the include directives that brought that file here. A file included in two places gives
// two placed nodes for one syntax node.
import type { NginxComment, NginxDirective, NginxFile } from "../ast.js";
import type { NginxInclude } from "../../load/nginx-config.js";
import type { Span } from "../../syntax/source.js";

export interface PlacedDirective {
  readonly node: NginxDirective;
  readonly name: string;
  /** Argument values as nginx reads them: quotes removed, escapes resolved. */
  readonly args: readonly string[];
  /** The file the directive is written in; its positions are offsets into this file. */
  readonly file: NginxFile;
  /** The include directives that spliced `file` in here, outermost first; empty in the main file. */
  readonly includedVia: readonly NginxInclude[];
  /** Position in the configuration as nginx reads it, includes spliced: orders directives across files. */
  readonly order: number;
}

export interface PlacedComment {
  readonly node: NginxComment;
  readonly file: NginxFile;
}

export function placeDirective(
  node: NginxDirective,
  file: NginxFile,
  includedVia: readonly NginxInclude[],
  order: number,
): PlacedDirective {
  return { node, name: node.name, args: node.args.map((word) => word.value), file, includedVia, order };
}

/** `conf.d/app.conf:12`: where a directive or comment is written, for messages. */
export function describeWhere(placed: { node: Span; file: NginxFile }): string {
  return `${placed.file.source.path}:${placed.node.start.line}`;
}

/** The directive as written, arguments quoted when they need it: `proxy_set_header Upgrade $http_upgrade`. */
export function describeDirective(directive: PlacedDirective): string {
  return [directive.name, ...directive.node.args.map((word) => word.raw)].join(" ");
}

/** `$name` or `${name}`: the name is the first or the second group. */
const VARIABLE_REFERENCE = String.raw`\$(?:\{(\w+)\}|(\w+))`;
const ANY_VARIABLE_REFERENCE = new RegExp(VARIABLE_REFERENCE);
const EVERY_VARIABLE_REFERENCE = new RegExp(VARIABLE_REFERENCE, "g");

/** Whether the text refers to a variable: whether variableReferences finds any, without a list. */
export function hasVariableReference(text: string): boolean {
  return text.includes("$") && ANY_VARIABLE_REFERENCE.test(text);
}

/** `$name` and `${name}` references in an argument, without the `$`. */
export function variableReferences(text: string): string[] {
  const names: string[] = [];
  // Most arguments have no variable; skipping the regex for them matters on large files.
  if (!text.includes("$")) return names;
  for (const match of text.matchAll(EVERY_VARIABLE_REFERENCE)) names.push(match[1] ?? match[2]!);
  return names;
}
