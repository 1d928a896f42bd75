// Every fixture under fixtures/haproxy/syntax: good ones (accepted by `haproxy -c`) parse without
// problems, bad ones report a problem on the line their `# expect-error: LINE` header names
// (the line `haproxy -c` reports), and all of them print back byte for byte.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeSource } from "../syntax/source.js";
import { parseHaproxy } from "./parse.js";
import { printHaproxy } from "./print.js";

const fixtureDir = join(import.meta.dirname, "..", "..", "fixtures", "haproxy", "syntax");
const cfgFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith(".cfg")).sort();
const good = cfgFiles(fixtureDir);
const bad = cfgFiles(join(fixtureDir, "bad"));

function load(path: string) {
  return decodeSource(path, readFileSync(path));
}

describe("good fixtures", () => {
  it("has fixtures", () => {
    expect(good.length).toBeGreaterThanOrEqual(8);
  });

  it.each(good)("%s parses without problems and prints back", (name) => {
    const source = load(join(fixtureDir, name));
    const { file, problems } = parseHaproxy(source);
    expect(problems).toEqual([]);
    expect(printHaproxy(file)).toBe(source.text);
  });
});

describe("bad fixtures", () => {
  it("has fixtures", () => {
    expect(bad.length).toBeGreaterThanOrEqual(20);
  });

  it.each(bad)("%s reports a problem on the line haproxy reports", (name) => {
    const source = load(join(fixtureDir, "bad", name));
    const expected = /^# expect-error: (\d+)/.exec(source.text);
    expect(expected, "the fixture starts with # expect-error: LINE").not.toBeNull();
    const { file, problems } = parseHaproxy(source);
    expect(problems.map((problem) => problem.start.line)).toContain(Number(expected![1]));
    expect(problems.every((problem) => problem.file === source.path && problem.message.length > 0)).toBe(true);
    expect(printHaproxy(file)).toBe(source.text);
  });
});
