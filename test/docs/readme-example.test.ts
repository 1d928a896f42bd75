// The README's example output is what its first set-up command really prints: the lines before
// the `  ...` line are the report's first lines, the lines after it its last ones.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLI, wslint } from "../cli/run-wslint.js";

const readme = readFileSync("README.md", "utf8");
const setUp = readme.slice(readme.indexOf("\n## Set up\n"), readme.indexOf("\n## ", readme.indexOf("\n## Set up\n") + 1));
const ELISION = "  ...";

/** Lines without trailing blanks, the working directory taken out of any absolute path. */
function normalised(text: string): string[] {
  const lines = text.split(process.cwd() + "/").join("").split("\n").map((line) => line.trimEnd());
  while (lines.at(-1) === "") lines.pop();
  return lines;
}

describe("the README's example output", () => {
  const command = /```sh\n(npm ci && node [^\n]+)\n```/.exec(setUp)?.[1];
  const example = /```text\n([^]*?)```/.exec(setUp)?.[1];

  it("follows the set-up command it was made with", () => {
    expect(command).toBeDefined();
    expect(example).toBeDefined();
    expect(setUp.indexOf(example!)).toBeGreaterThan(setUp.indexOf(command!));
  });

  it("is the start and the end of a real run of that command", () => {
    const args = command!.replace(`npm ci && node ${CLI} `, "").split(" ");
    const run = wslint([...args, "--no-color"]);
    expect(run.stderr).toBe("");
    const real = normalised(run.stdout);
    const shown = normalised(example!);
    const cut = shown.indexOf(ELISION);
    expect(cut, "the example shortens the report with a `  ...` line").toBeGreaterThan(0);
    const head = shown.slice(0, cut);
    const tail = shown.slice(cut + 1);
    expect(tail.length).toBeGreaterThan(0);
    expect(real.slice(0, head.length)).toEqual(head);
    expect(real.slice(real.length - tail.length)).toEqual(tail);
    expect(real.length, "the run has findings the example leaves out").toBeGreaterThan(head.length + tail.length);
  });
});
