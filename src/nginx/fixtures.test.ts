// Every syntax fixture: good ones (accepted by nginx -t) and OpenResty ones parse without problems,
// bad ones fail at the line nginx reports (their first line says `# expect-error: LINE`); all of
// them have exactly one parse and print back byte for byte.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeSource } from "../syntax/source.js";
import type { SyntaxProblem } from "../syntax/problems.js";
import { parseNginx, runNginxGrammar } from "./parse.js";
import { printNginx } from "./print.js";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "nginx", "syntax");

function configs(directory: string): string[] {
  return readdirSync(join(fixtures, directory))
    .filter((name) => name.endsWith(".conf"))
    .map((name) => join(directory, name));
}

function load(path: string) {
  return decodeSource(path, readFileSync(join(fixtures, path)));
}

/** nginx names the line where it noticed the error: the end of the file for errors that reach it. */
function reportedLine(problem: SyntaxProblem, textLength: number): number {
  return problem.end.offset === textLength ? problem.end.line : problem.start.line;
}

describe.each([
  ["good", configs(".")],
  ["OpenResty", configs("openresty")],
])("%s fixtures", (_, paths) => {
  it.each(paths)("%s parses without problems, once, and prints back", (path) => {
    const source = load(path);
    expect(runNginxGrammar(source).parses).toHaveLength(1);
    const result = parseNginx(source);
    expect(result.problems).toEqual([]);
    expect(result.file.unparsed).toBe("");
    expect(printNginx(result.file)).toBe(source.text);
  });
});

describe("bad fixtures", () => {
  const paths = configs("bad");

  it("exist", () => {
    expect(paths.length).toBeGreaterThan(5);
  });

  it.each(paths)("%s fails at the line its first comment names", (path) => {
    const source = load(path);
    const expected = /^# expect-error: (\d+)\n/.exec(source.text);
    expect(expected, "first line must be # expect-error: LINE").not.toBeNull();
    expect(runNginxGrammar(source).parses.length).toBeLessThanOrEqual(1);
    const result = parseNginx(source);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(reportedLine(result.problems[0]!, source.text.length)).toBe(Number(expected![1]));
    expect(printNginx(result.file)).toBe(source.text);
  });
});
