// Properties that must hold for any input: no exception, an exact round trip, exactly one parse
// per line (an ambiguous grammar is a bug), a problem never hides the following lines, and no
// slowdown worse than linear on large files or long lines.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseHaproxy, parseLineTokens } from "./parse.js";
import { printHaproxy } from "./print.js";
import { parseText, statementAt } from "./test-helpers.js";
import { sourceFromText } from "../syntax/source.js";

/** Characters that matter to HAProxy's tokenizer, plus a few ordinary and non-ASCII ones. */
const configCharacter = fc.constantFrom(
  ..." \t\r\n\v\f\0#\"'\\$${}[]()!,.-:x0aAé€if".split(""),
  "or",
  "||",
  "&&",
  ".if ",
  ".elif ",
  ".else",
  ".endif",
  "backend ",
  "acl ",
  "no ",
  "default ",
  "global",
  "[",
  "]",
  "http-request deny if ",
  "{ ",
  " }",
);
const configText = fc.string({ unit: configCharacter, maxLength: 200 });
const FUZZ = { seed: 20261129, numRuns: 400 };

describe("any input", () => {
  it("parses without throwing and prints back exactly", () => {
    fc.assert(
      fc.property(configText, (text) => {
        const { file, problems } = parseHaproxy(sourceFromText("fuzz.cfg", text));
        expect(printHaproxy(file)).toBe(text);
        for (const problem of problems) {
          expect(problem.start.offset).toBeGreaterThanOrEqual(0);
          expect(problem.end.offset).toBeLessThanOrEqual(text.length);
          expect(problem.message).not.toMatch(/based on:|Unexpected .* token/);
        }
      }),
      FUZZ,
    );
  });

  it("has exactly one parse for every line", () => {
    fc.assert(
      fc.property(configText, (text) => {
        for (const line of text.split("\n")) {
          const content = line.split(/[\r\0]/, 1)[0]!;
          expect(parseLineTokens(content)).toHaveLength(1);
        }
      }),
      FUZZ,
    );
  });

  it("has exactly one parse for the fixture-like lines too", () => {
    for (const line of [
      "",
      "no",
      "   ",
      "# comment",
      "  maxconn 10  # c",
      `  description "a b"'c'd\\ e`,
      `  description "unterminated`,
      "  http-request deny if { path_beg /x } !a || b",
    ]) {
      expect(parseLineTokens(line)).toHaveLength(1);
    }
  });

  it("keeps parsing after a broken line", () => {
    const result = parseText(`global\n  description "open\n  maxconn \\x\n  nbthread 4\n`);
    expect(result.problems.map((problem) => problem.start.line)).toEqual([2, 3]);
    expect(statementAt(result, 4).args[0]!.value).toBe("4");
  });
});

describe("large inputs", () => {
  function cpuMilliseconds(run: () => void): number {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  }

  function backends(count: number): string {
    let text = "global\n  maxconn 1000\ndefaults\n  mode http\n  timeout tunnel 1h\n";
    for (let index = 0; index < count; index++) {
      text +=
        `backend be_${index}\n  option http-server-close\n` +
        `  http-request set-header X-Forwarded-Proto https if { ssl_fc }\n` +
        `  server s${index} 10.0.${index % 250}.1:8080 check inter 2s\n`;
    }
    return text;
  }

  it("parses 5,000 backends in time linear in their number", () => {
    const small = sourceFromText("small.cfg", backends(1250));
    const large = sourceFromText("large.cfg", backends(5000));
    parseHaproxy(small);
    const smallTime = Math.max(cpuMilliseconds(() => parseHaproxy(small)), 1);
    let sections = 0;
    const largeTime = cpuMilliseconds(() => {
      sections = parseHaproxy(large).file.sections.length;
    });
    expect(sections).toBe(5002);
    // Four times the input may take up to about four times as long; quadratic work would be 16.
    expect(largeTime / smallTime).toBeLessThan(8);
  });

  it("parses a line in time linear in its number of words", () => {
    const line = (count: number) => sourceFromText("line.cfg", `global\n  description ${"word ".repeat(count)}\n`);
    // Both lines are long enough that garbage collections fall inside their parse: a line of a
    // few thousand words parses in about a millisecond, often between two collections, and
    // then looks several times cheaper per word than a longer one (measured: 8,000 words at
    // 0.22 µs a word, 16,000 at 0.33, 64,000 at 0.33). The best of three runs, so that one
    // full collection in one run does not decide either.
    const short = line(16_000);
    const long = line(64_000);
    parseHaproxy(short);
    const bestOf = (run: () => void) => Math.min(...Array.from({ length: 3 }, () => cpuMilliseconds(run)));
    const shortTime = Math.max(bestOf(() => parseHaproxy(short)), 1);
    const longTime = bestOf(() => parseHaproxy(long));
    expect(longTime / shortTime).toBeLessThan(8);
  });

  it("parses a 100,000-character line, with many words or one", () => {
    const manyWords = `global\n  description ${"word ".repeat(20_000)}\n`;
    const oneWord = `global\n  description "${"x".repeat(100_000)}"\n`;
    const many = parseText(manyWords);
    expect(many.problems.map((problem) => problem.message)).toEqual(["too many words, truncating after word 64"]);
    expect(printHaproxy(many.file)).toBe(manyWords);
    const one = parseText(oneWord);
    expect(one.problems).toEqual([]);
    expect(statementAt(one, 2).args[0]!.value).toHaveLength(100_000);
  });
});
