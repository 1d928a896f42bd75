import { describe, expect, it } from "vitest";
import { LineIndex, type Span } from "../syntax/source.js";
import { lintModel } from "./lint.js";
import { DEFAULT_SETTINGS, type Rule } from "./rule.js";
import type { Walk } from "./run-rules.js";

// A toy dialect: each line is a node; '#' starts a comment.
interface LineNode extends Span {
  text: string;
}
const FILE = "toy.conf";
const TEXT = "alpha\nbeta # wslint-disable-line toy/no-beta -- known\nbeta\n# wslint-disable-next-line toy/no-gamma\ndelta\n";
const lines = new LineIndex(TEXT);
const nodes: LineNode[] = [];
for (let offset = 0; offset < TEXT.length; ) {
  const end = TEXT.indexOf("\n", offset);
  const text = TEXT.slice(offset, end).replace(/\s*#.*/, "");
  if (text !== "") nodes.push({ text, start: lines.position(offset), end: lines.position(offset + text.length) });
  offset = end + 1;
}
const comments = [...TEXT.matchAll(/#([^\n]*)/g)].map((match) => ({
  file: FILE,
  text: match[1]!,
  start: lines.position(match.index),
  end: lines.position(match.index + match[0].length),
}));
const walk: Walk<{ line: LineNode }> = (visitor) => nodes.forEach((node) => visitor.enter("line", node));

const forbid = (word: string): Rule<{ line: LineNode }> => ({
  meta: { id: `toy/no-${word}`, description: word, defaultSeverity: "error", fixable: false, docs: "x" },
  create: (context) => ({
    line: (node) => {
      if (node.text === word) context.report({ message: `no ${word}`, file: FILE, span: node });
    },
  }),
});

const base = {
  texts: new Map([[FILE, TEXT]]),
  comments,
  settings: DEFAULT_SETTINGS,
  rules: [forbid("beta"), forbid("alpha")].map((rule) => ({ rule, severity: "error" as const, options: undefined })),
};

describe("lintModel", () => {
  it("runs the rules, applies directives, reports unused ones, and sorts by position", () => {
    const problem = { file: FILE, message: "bad", start: lines.position(0), end: lines.position(1) };
    const result = lintModel({ ...base, walk, problems: [problem], reportUnusedDisableDirectives: true });
    expect(result.findings.map((finding) => [finding.start.line, finding.ruleId, finding.message])).toEqual([
      [1, "parse-error", "bad"],
      [1, "toy/no-alpha", "no alpha"],
      [3, "toy/no-beta", "no beta"],
      [4, null, "Unused wslint-disable-next-line directive (no problems were reported from 'toy/no-gamma')."],
    ]);
    expect(result.suppressed.map(({ finding }) => finding.start.line)).toEqual([2]);
  });

  it("reports only the parse problems when there is no model to check", () => {
    const problem = { file: FILE, message: "bad", start: lines.position(0), end: lines.position(1) };
    const result = lintModel({ ...base, walk: null, problems: [problem], reportUnusedDisableDirectives: false });
    expect(result.findings.map((finding) => [finding.ruleId, finding.fatal])).toEqual([["parse-error", true]]);
  });
});
