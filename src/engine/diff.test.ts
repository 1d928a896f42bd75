import { describe, expect, it } from "vitest";
import { unifiedDiff } from "./diff.js";

// Rebuilds both sides from a unified diff: "-" and " " lines give the old text of each hunk,
// "+" and " " the new one; text outside hunks is taken from the old file by the headers.
function applyUnifiedDiff(before: string, patch: string): string {
  const oldLines = before.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const result: string[] = [];
  let consumed = 0;
  const lines = patch.split("\n").slice(2, -1);
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[i]!);
    if (header !== null) {
      const count = header[2] === undefined ? 1 : Number(header[2]);
      const start = count === 0 ? Number(header[1]) : Number(header[1]) - 1;
      result.push(...oldLines.slice(consumed, start));
      consumed = start;
      continue;
    }
    const line = lines[i]!;
    const noNewline = lines[i + 1] === "\\ No newline at end of file";
    const text = line.slice(1) + (noNewline ? "" : "\n");
    if (noNewline) i++;
    if (line[0] === "-" || line[0] === " ") {
      expect(oldLines[consumed]).toBe(text);
      consumed++;
    }
    if (line[0] === "+" || line[0] === " ") result.push(text);
  }
  return result.join("") + oldLines.slice(consumed).join("");
}

function lcsLength(a: string[], b: string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i]![j] = a[i - 1] === b[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!);
    }
  }
  return table[a.length]![b.length]!;
}

function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

describe("unifiedDiff", () => {
  it("prints a hunk with three lines of context", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    const after = "a\nb\nc\nd\nE\nf\ng\nh\n";
    expect(unifiedDiff("a/x.conf", "b/x.conf", before, after)).toBe(
      ["--- a/x.conf", "+++ b/x.conf", "@@ -2,7 +2,7 @@", " b", " c", " d", "-e", "+E", " f", " g", " h", ""].join("\n"),
    );
  });

  it("is empty for equal texts", () => {
    expect(unifiedDiff("a", "b", "same\n", "same\n")).toBe("");
  });

  it("marks a missing final newline and keeps CRLF changes visible", () => {
    expect(unifiedDiff("a", "b", "x\ny", "x\ny\n")).toBe("--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+y\n");
    expect(unifiedDiff("a", "b", "x\r\n", "x\n")).toBe("--- a\n+++ b\n@@ -1 +1 @@\n-x\r\n+x\n");
  });

  it("names the line before an insertion into an empty side, as diff(1) does", () => {
    expect(unifiedDiff("a", "b", "", "new\n")).toBe("--- a\n+++ b\n@@ -0,0 +1 @@\n+new\n");
  });

  it("round-trips and is minimal on random edits", () => {
    const random = seededRandom(42);
    for (let round = 0; round < 300; round++) {
      const lineCount = Math.floor(random() * 30);
      const pick = () => "abcde"[Math.floor(random() * 5)]! + "\n";
      const before = Array.from({ length: lineCount }, pick);
      const after = before.flatMap((line) => {
        const roll = random();
        return roll < 0.1 ? [] : roll < 0.2 ? [pick(), line] : roll < 0.3 ? [pick()] : [line];
      });
      const patch = unifiedDiff("a", "b", before.join(""), after.join(""));
      expect(applyUnifiedDiff(before.join(""), patch)).toBe(after.join(""));
      const changedLines = patch.split("\n").filter((line) => /^[-+](?![-+]{2} )/.test(line)).length;
      expect(changedLines).toBe(before.length + after.length - 2 * lcsLength(before, after));
    }
  });
});
