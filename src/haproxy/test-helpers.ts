// Helpers shared by the HAProxy parser tests (src/haproxy/*.test.ts); nothing else uses them.
import { sourceFromText } from "../syntax/source.js";
import type {
  HaproxyDirective,
  HaproxyLine,
  HaproxyParseOptions,
  HaproxyParseResult,
  HaproxySectionHeader,
  HaproxyStatement,
} from "./ast.js";
import { parseHaproxy } from "./parse.js";

export function parseText(text: string, options?: HaproxyParseOptions): HaproxyParseResult {
  return parseHaproxy(sourceFromText("test.cfg", text), options);
}

/** The line with this 1-based number. */
export function lineAt(result: HaproxyParseResult, line: number): HaproxyLine {
  const found = result.file.lines[line - 1];
  if (found === undefined) throw new Error(`no line ${line}`);
  return found;
}

export function statementAt(result: HaproxyParseResult, line: number): HaproxyStatement {
  const found = lineAt(result, line);
  if (found.type !== "statement") throw new Error(`line ${line} is a ${found.type}, not a statement`);
  return found;
}

export function directiveAt(result: HaproxyParseResult, line: number): HaproxyDirective {
  const found = lineAt(result, line);
  if (found.type !== "directive") throw new Error(`line ${line} is a ${found.type}, not a directive`);
  return found;
}

export function headerAt(result: HaproxyParseResult, line: number): HaproxySectionHeader {
  const found = lineAt(result, line);
  if (found.type !== "section-header") throw new Error(`line ${line} is a ${found.type}, not a section header`);
  return found;
}

/** Problems as `line:column message`, for compact assertions. */
export function problemList(result: HaproxyParseResult): string[] {
  return result.problems.map((problem) => `${problem.start.line}:${problem.start.column} ${problem.message}`);
}

export function values(line: HaproxyLine): string[] {
  return line.words.map((word) => word.value);
}
