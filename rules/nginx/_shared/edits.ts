// Edits that add directives to a route or replace an argument, written the way the file is
// written: its indentation, its line endings, one-line blocks kept on one line.
import type { TextEdit } from "../../../src/engine/finding.js";
import { indentationAt, textLayout } from "../../../src/engine/text-layout.js";
import type { NginxDirective, NginxFile } from "../../../src/nginx/ast.js";
import type { PlacedDirective, RouteScope, Scope } from "../../../src/nginx/model/index.js";
import type { Span } from "../../../src/syntax/source.js";

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** `lines` on lines of their own above `node`, indented like it. */
export function insertLinesBefore(file: string, text: string, node: Span, lines: readonly string[]): TextEdit {
  const offset = node.start.offset;
  const lineStart = lineStartOf(text, offset);
  const before = text.slice(lineStart, offset);
  if (/^[ \t]*$/.test(before)) {
    const { eol } = textLayout(text);
    return { file, range: [lineStart, lineStart], text: lines.map((line) => before + line + eol).join("") };
  }
  // Something else stands before it on its line: keep the line as one line.
  return { file, range: [offset, offset], text: lines.map((line) => `${line} `).join("") };
}

/** `lines` on lines of their own below `node` (and a comment ending its line), indented like it. */
export function insertLinesAfter(file: string, text: string, node: Span, lines: readonly string[]): TextEdit {
  const end = node.end.offset;
  const newline = text.indexOf("\n", end);
  const restOfLine = text.slice(end, newline === -1 ? text.length : newline);
  if (!/^[ \t]*(#.*)?\r?$/.test(restOfLine)) {
    return { file, range: [end, end], text: lines.map((line) => ` ${line}`).join("") };
  }
  const indent = indentationAt(text, node.start.offset);
  const { eol } = textLayout(text);
  if (newline === -1) return { file, range: [text.length, text.length], text: lines.map((line) => eol + indent + line).join("") };
  return { file, range: [newline + 1, newline + 1], text: lines.map((line) => indent + line + eol).join("") };
}

/** `lines` as the last directives of a block, one level deeper than its closing brace. */
export function insertLinesAtBlockEnd(file: string, text: string, block: NginxDirective, lines: readonly string[]): TextEdit | null {
  const close = block.close;
  // A block a syntax error left open: its file has a parse error and is not fixed anyway.
  if (close === null) return null;
  const offset = close.start.offset;
  const lineStart = lineStartOf(text, offset);
  const before = text.slice(lineStart, offset);
  if (/^[ \t]*$/.test(before)) {
    const { eol, unit } = textLayout(text);
    const indent = before + unit;
    return { file, range: [lineStart, lineStart], text: lines.map((line) => indent + line + eol).join("") };
  }
  const space = /\s$/.test(before) ? "" : " ";
  return { file, range: [offset, offset], text: space + lines.map((line) => `${line} `).join("") };
}

/** A node and the file it is written in, for edits next to it. */
export interface NodeInFile {
  node: NginxDirective;
  file: NginxFile;
}

/**
 * The node in the scope's own file that stands for one of its directives: the directive, or the
 * `include` inside the scope that brought it in from a snippet. Edits go there rather than into a
 * snippet that other scopes may include too. Null for a directive an implied level (a file of
 * bare locations) takes from a snippet.
 */
export function nodeInScopeFile(scope: Scope, directive: PlacedDirective): NodeInFile | null {
  const scopeFile = scope.block?.file ?? null;
  if (directive.file === scopeFile || (scopeFile === null && directive.includedVia.length === 0)) {
    return { node: directive.node, file: directive.file };
  }
  if (scope.block === null || scopeFile === null) return null;
  const { start, end } = scope.block.node;
  const include = directive.includedVia.find(
    (via) => via.file === scopeFile.source.path && via.directive.start.offset > start.offset && via.directive.end.offset < end.offset,
  );
  return include === undefined ? null : { node: include.directive, file: scopeFile };
}

/** Lines above the node that stands for `directive` in the scope's file. */
export function insertLinesAboveInScope(scope: Scope, directive: PlacedDirective, lines: readonly string[]): TextEdit | null {
  const anchor = nodeInScopeFile(scope, directive);
  return anchor === null ? null : insertLinesBefore(anchor.file.source.path, anchor.file.source.text, anchor.node, lines);
}

/**
 * Adds directives to a route where a person would: above its first proxy_set_header, else below
 * its proxy_pass, else at the end of its block. Every rule adds at the same place, so the fixes
 * of one route are applied one per pass, each seeing the others' result.
 */
export function insertIntoRoute(route: RouteScope, lines: readonly string[]): TextEdit | null {
  const firstHeader = route.own("proxy_set_header")[0];
  const aboveHeaders = firstHeader === undefined ? null : insertLinesAboveInScope(route, firstHeader, lines);
  if (aboveHeaders !== null) return aboveHeaders;
  const pass = route.own("proxy_pass")[0];
  const passAnchor = pass === undefined ? null : nodeInScopeFile(route, pass);
  if (passAnchor !== null) return insertLinesAfter(passAnchor.file.source.path, passAnchor.file.source.text, passAnchor.node, lines);
  const { path, text } = route.block.file.source;
  return insertLinesAtBlockEnd(path, text, route.block.node, lines);
}

/** Replaces the argument at `index` of a directive with `replacement` (written as is). */
export function replaceArgument(directive: PlacedDirective, index: number, replacement: string): TextEdit | null {
  const argument = directive.node.args[index];
  if (argument === undefined) return null;
  return { file: directive.file.source.path, range: [argument.start.offset, argument.end.offset], text: replacement };
}
