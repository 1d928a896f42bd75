import type { SyntaxProblem } from "../../src/syntax/problems.js";

/**
 * A problem is on a line when its span covers it: nginx reports an unterminated string at the end
 * of the file, where it gave up, and our parser from the opening quote to that same end.
 */
export function coversLine(problem: SyntaxProblem | undefined, line: number | undefined): boolean {
  return problem !== undefined && line !== undefined && problem.start.line <= line && line <= problem.end.line;
}

/** For assertion messages: `lines 8-11: unterminated quoted string`. */
export function listProblems(problems: readonly SyntaxProblem[]): string {
  if (problems.length === 0) return "no problems";
  return problems.map((problem) => `lines ${problem.start.line}-${problem.end.line}: ${problem.message}`).join("; ");
}
