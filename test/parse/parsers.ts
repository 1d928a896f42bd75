// Both parsers behind one shape, for tests that treat the dialects alike.
import { parseHaproxy } from "../../src/haproxy/parse.js";
import { printHaproxy } from "../../src/haproxy/print.js";
import { parseNginx } from "../../src/nginx/parse.js";
import { printNginx } from "../../src/nginx/print.js";
import type { SyntaxProblem } from "../../src/syntax/problems.js";
import type { SourceFile } from "../../src/syntax/source.js";
import type { Dialect } from "./fixtures.js";

export interface ParsedAndPrinted {
  tree: object;
  problems: SyntaxProblem[];
  printed: string;
}

export function parseAndPrint(dialect: Dialect, source: SourceFile): ParsedAndPrinted {
  if (dialect === "nginx") {
    const { file, problems } = parseNginx(source);
    return { tree: file, problems, printed: printNginx(file) };
  }
  const { file, problems } = parseHaproxy(source);
  return { tree: file, problems, printed: printHaproxy(file) };
}
