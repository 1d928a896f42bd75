// Edits that add directives to a route or replace an argument, written the way the file is
// written: its indentation, its line endings, one-line blocks kept on one line.
import type { TextEdit } from "../../../src/engine/finding.js";
import { detectIndentUnit, detectLineEnding, indentationAt } from "../../../src/engine/text-layout.js";
import type { NginxDirective } from "../../../src/nginx/ast.js";
import type { PlacedDirective, RouteScope } from "../../../src/nginx/model/index.js";
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
    const eol = detectLineEnding(text);
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
  const eol = detectLineEnding(text);
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
    const indent = before + detectIndentUnit(text);
    const eol = detectLineEnding(text);
    return { file, range: [lineStart, lineStart], text: lines.map((line) => indent + line + eol).join("") };
  }
  const space = /\s$/.test(before) ? "" : " ";
  return { file, range: [offset, offset], text: space + lines.map((line) => `${line} `).join("") };
}

/**
 * The node in the route's own file that stands for one of its directives: the directive, or the
 * `include` inside the route that brought it in from a snippet. Edits go there rather than into a
 * snippet that other routes may include too.
 */
function nodeInRouteFile(route: RouteScope, directive: PlacedDirective): NginxDirective | null {
  const routeFile = route.block.file;
  if (directive.file === routeFile) return directive.node;
  const { start, end } = route.block.node;
  const include = directive.includedVia.find(
    (via) => via.file === routeFile.source.path && via.directive.start.offset > start.offset && via.directive.end.offset < end.offset,
  );
  return include?.directive ?? null;
}

/**
 * Adds directives to a route where a person would: above its first proxy_set_header, else below
 * its proxy_pass, else at the end of its block. Every rule adds at the same place, so the fixes
 * of one route are applied one per pass, each seeing the others' result.
 */
export function insertIntoRoute(route: RouteScope, lines: readonly string[]): TextEdit | null {
  const { path, text } = route.block.file.source;
  const firstHeader = route.own("proxy_set_header")[0];
  const headerAnchor = firstHeader === undefined ? null : nodeInRouteFile(route, firstHeader);
  if (headerAnchor !== null) return insertLinesBefore(path, text, headerAnchor, lines);
  const pass = route.own("proxy_pass")[0];
  const passAnchor = pass === undefined ? null : nodeInRouteFile(route, pass);
  if (passAnchor !== null) return insertLinesAfter(path, text, passAnchor, lines);
  return insertLinesAtBlockEnd(path, text, route.block.node, lines);
}

/** Replaces the argument at `index` of a directive with `replacement` (written as is). */
export function replaceArgument(directive: PlacedDirective, index: number, replacement: string): TextEdit | null {
  const argument = directive.node.args[index];
  if (argument === undefined) return null;
  return { file: directive.file.source.path, range: [argument.start.offset, argument.end.offset], text: replacement };
}
