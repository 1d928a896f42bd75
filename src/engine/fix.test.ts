import { describe, expect, it } from "vitest";
import { LineIndex } from "../syntax/source.js";
import { InternalError } from "./errors.js";
import type { Finding, Fix } from "./finding.js";
import { applyEdits, fixRepeatedly, MAX_FIX_PASSES, mergeFixEdits, selectNonOverlappingFixes } from "./fix.js";

// A toy dialect: every occurrence of a word in `rewrites` is a finding whose fix replaces it,
// and a line "!!" is a parse error of its file.
function toyLinter(rewrites: Record<string, string>) {
  let calls = 0;
  const lint = (texts: ReadonlyMap<string, string>): Finding[] => {
    calls += 1;
    const findings: Finding[] = [];
    for (const [file, text] of texts) {
      const lines = new LineIndex(text);
      for (const match of text.matchAll(/!!|\w+/g)) {
        const start = lines.position(match.index);
        const end = lines.position(match.index + match[0].length);
        if (match[0] === "!!") {
          findings.push({ ruleId: "parse-error", severity: "error", message: "bang", file, start, end, fatal: true });
        }
        const replacement = rewrites[match[0]];
        if (replacement === undefined) continue;
        findings.push({
          ruleId: "toy/rewrite",
          severity: "warning",
          message: `${match[0]} -> ${replacement}`,
          file,
          start,
          end,
          fix: [{ file, range: [start.offset, end.offset], text: replacement }],
        });
      }
    }
    return findings;
  };
  return { lint, calls: () => calls };
}

const at = (offset: number) => ({ offset, line: 1, column: offset + 1 });
const finding = (fix: Fix, fatal = false): Finding => ({
  ruleId: "toy/x",
  severity: "error",
  message: "m",
  file: fix[0]?.file ?? "a",
  start: at(0),
  end: at(0),
  fix,
  fatal,
});

describe("mergeFixEdits", () => {
  const texts: Record<string, string> = { a: "0123456789", b: "abcdef" };
  const textOf = (file: string) => texts[file]!;

  it("merges the edits of one file into one edit that keeps the text between them", () => {
    const merged = mergeFixEdits(
      [
        { file: "a", range: [6, 7], text: "X" },
        { file: "b", range: [0, 0], text: ">" },
        { file: "a", range: [1, 2], text: "Y" },
      ],
      textOf,
      "toy/x",
    );
    expect(merged).toHaveLength(2);
    expect(applyEdits(texts.a!, merged.filter((edit) => edit.file === "a"))).toBe("0Y2345X789");
    expect(applyEdits(texts.b!, merged.filter((edit) => edit.file === "b"))).toBe(">abcdef");
  });

  it("refuses overlapping edits and edits out of the file as a bug of the rule", () => {
    const overlapping: Fix = [
      { file: "a", range: [1, 4], text: "" },
      { file: "a", range: [3, 5], text: "" },
    ];
    expect(() => mergeFixEdits(overlapping, textOf, "toy/x")).toThrow(InternalError);
    expect(() => mergeFixEdits(overlapping, textOf, "toy/x")).toThrow(/toy\/x.*overlap/);
    expect(() => mergeFixEdits([{ file: "b", range: [2, 99], text: "" }], textOf, "toy/x")).toThrow(InternalError);
    expect(() => mergeFixEdits([{ file: "b", range: [4, 2], text: "" }], textOf, "toy/x")).toThrow(InternalError);
  });

  it("keeps two insertions at the same offset in the order reported", () => {
    const merged = mergeFixEdits(
      [
        { file: "a", range: [3, 3], text: "x" },
        { file: "a", range: [3, 3], text: "y" },
      ],
      textOf,
      null,
    );
    expect(applyEdits(texts.a!, merged)).toBe("012xy3456789");
  });
});

describe("selectNonOverlappingFixes", () => {
  it("takes fixes in position order and skips those that overlap or touch a taken one", () => {
    const first = finding([{ file: "a", range: [0, 4], text: "" }]);
    const overlapping = finding([{ file: "a", range: [2, 6], text: "" }]);
    const touching = finding([{ file: "a", range: [4, 5], text: "" }]);
    const apart = finding([{ file: "a", range: [8, 9], text: "" }]);
    const otherFile = finding([{ file: "b", range: [0, 4], text: "" }]);
    const taken = selectNonOverlappingFixes([apart, touching, overlapping, otherFile, first]);
    expect(taken).toEqual([first.fix, apart.fix, otherFile.fix]);
  });

  it("takes a multi-file fix whole or not at all", () => {
    const inA = finding([{ file: "a", range: [0, 2], text: "" }]);
    const spanning = finding([
      { file: "b", range: [9, 9], text: "map" },
      { file: "a", range: [1, 1], text: "" },
    ]);
    expect(selectNonOverlappingFixes([inA, spanning])).toEqual([inA.fix]);
  });

  it("never fixes a file with parse errors, nor a fix that reaches into one", () => {
    const parseError = finding([], true);
    parseError.file = "broken";
    delete parseError.fix;
    const inBroken = finding([{ file: "broken", range: [0, 1], text: "" }]);
    const reachingIn = finding([
      { file: "a", range: [0, 1], text: "" },
      { file: "broken", range: [5, 5], text: "x" },
    ]);
    const fine = finding([{ file: "a", range: [5, 6], text: "" }]);
    expect(selectNonOverlappingFixes([parseError, inBroken, reachingIn, fine])).toEqual([fine.fix]);
  });
});

describe("fixRepeatedly", () => {
  it("re-lints after each pass until nothing is fixable, and returns the remaining findings", async () => {
    // foo -> bar -> baz needs two passes; "keep" never changes.
    const toy = toyLinter({ foo: "bar", bar: "baz" });
    const texts = new Map([
      ["a.conf", "foo keep foo\r\nbar\r\n"],
      ["b.conf", "keep\n"],
    ]);
    const result = await fixRepeatedly(texts, toy.lint);
    expect(result.texts.get("a.conf")).toBe("baz keep baz\r\nbaz\r\n");
    expect(result.texts.get("b.conf")).toBe("keep\n");
    expect(result.changedFiles).toEqual(["a.conf"]);
    expect(result.passes).toBe(2);
    expect(result.findings).toEqual([]);
    expect(toy.calls()).toBe(3);
  });

  it("stops after the pass limit when fixes keep undoing each other", async () => {
    const toy = toyLinter({ ping: "pong", pong: "ping" });
    const result = await fixRepeatedly(new Map([["a", "ping"]]), toy.lint);
    expect(result.passes).toBe(MAX_FIX_PASSES);
    expect(result.texts.get("a")).toBe(MAX_FIX_PASSES % 2 === 0 ? "ping" : "pong");
    expect(result.findings).toHaveLength(1);
  });

  it("applies a fix whose edits are in another file, and leaves files with parse errors alone", async () => {
    const lint = (texts: ReadonlyMap<string, string>): Finding[] => {
      const main = texts.get("main.conf")!;
      const findings = toyLinter({}).lint(texts);
      if (!texts.get("http.conf")!.includes("map")) {
        findings.push({ ...finding([{ file: "http.conf", range: [0, 0], text: "map\n" }]), file: "main.conf" });
      }
      if (main.includes("old")) {
        const offset = main.indexOf("old");
        findings.push(finding([{ file: "main.conf", range: [offset, offset + 3], text: "new" }]));
      }
      return findings;
    };
    const result = await fixRepeatedly(
      new Map([
        ["main.conf", "old\n"],
        ["http.conf", "http\n"],
        ["broken.conf", "!!\n"],
      ]),
      lint,
    );
    expect(result.texts.get("http.conf")).toBe("map\nhttp\n");
    expect(result.texts.get("main.conf")).toBe("new\n");
    expect(result.changedFiles).toEqual(["main.conf", "http.conf"]);
    expect(result.findings.map((remaining) => remaining.file)).toEqual(["broken.conf"]);
  });

  it("treats a fix for a file outside the run as a bug", async () => {
    const lint = (): Finding[] => [finding([{ file: "elsewhere", range: [0, 0], text: "x" }])];
    await expect(fixRepeatedly(new Map([["a", ""]]), lint)).rejects.toThrow(InternalError);
  });
});
