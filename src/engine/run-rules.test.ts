import { describe, expect, it } from "vitest";
import { LineIndex, type Span } from "../syntax/source.js";
import { InternalError } from "./errors.js";
import type { Rule } from "./rule.js";
import { DEFAULT_SETTINGS } from "./rule.js";
import { runRules, type EnabledRule, type Walk } from "./run-rules.js";

// A toy dialect whose model is a list of sections, each holding lines.
interface ToyLine extends Span {
  text: string;
}
interface ToySection extends Span {
  name: string;
  lines: ToyLine[];
}
interface ToyKinds {
  section: ToySection;
  line: ToyLine;
}

const FILE = "toy.conf";
const TEXT = "[a]\nx\ny\n[b]\nz\n";

function toyModel(): ToySection[] {
  const index = new LineIndex(TEXT);
  const sections: ToySection[] = [];
  let offset = 0;
  for (const text of TEXT.split("\n").slice(0, -1)) {
    const span = { start: index.position(offset), end: index.position(offset + text.length) };
    if (text.startsWith("[")) sections.push({ ...span, name: text.slice(1, -1), lines: [] });
    else {
      const section = sections.at(-1)!;
      section.lines.push({ ...span, text });
      section.end = span.end;
    }
    offset += text.length + 1;
  }
  return sections;
}

const walks: string[] = [];
const walkToy: Walk<ToyKinds> = (visitor) => {
  walks.push("walk");
  for (const section of toyModel()) {
    visitor.enter("section", section);
    for (const line of section.lines) {
      visitor.enter("line", line);
      visitor.exit("line", line);
    }
    visitor.exit("section", section);
  }
};

function run(...rules: EnabledRule<ToyKinds>[]) {
  return runRules({ rules, settings: DEFAULT_SETTINGS, texts: new Map([[FILE, TEXT]]), walk: walkToy });
}

function enabled<Options>(rule: Rule<ToyKinds, Options>, options?: Options): EnabledRule<ToyKinds> {
  return { rule, severity: "warning", options };
}

function ruleNamed(id: string, fixable: boolean, create: Rule<ToyKinds>["create"]): Rule<ToyKinds> {
  return { meta: { id, description: id, defaultSeverity: "error", fixable, docs: `rules/${id}/README.md` }, create };
}

describe("runRules", () => {
  it("walks once and calls every rule's enter and exit handlers in document order", () => {
    walks.length = 0;
    const events: string[] = [];
    const sections = ruleNamed("toy/sections", false, () => ({
      section: (section) => events.push(`enter ${section.name}`),
      "section:exit": (section) => events.push(`exit ${section.name}`),
    }));
    const lines = ruleNamed("toy/lines", false, () => ({ line: (line) => events.push(`line ${line.text}`) }));
    run(enabled(sections), enabled(lines));
    expect(walks).toEqual(["walk"]);
    expect(events).toEqual(["enter a", "line x", "line y", "exit a", "enter b", "line z", "exit b"]);
  });

  it("turns reports into findings with the rule's id, configured severity, options and merged fix", () => {
    const rule: Rule<ToyKinds, { letter: string }> = {
      meta: {
        id: "toy/no-letter",
        description: "no letter",
        defaultSeverity: "error",
        fixable: true,
        docs: "rules/toy/no-letter/README.md",
        options: { schema: (z) => z.object({ letter: z.string() }).partial(), defaults: { letter: "x" } },
      },
      create: (context) => ({
        line: (line) => {
          if (line.text !== context.options.letter) return;
          context.report({
            message: `no ${line.text}`,
            file: FILE,
            span: line,
            evidence: ["because"],
            fix: [
              { file: FILE, range: [line.end.offset, line.end.offset], text: "!" },
              { file: FILE, range: [line.start.offset, line.start.offset], text: "¡" },
            ],
          });
        },
      }),
    };
    const findings = run(enabled(rule, { letter: "y" }));
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ ruleId: "toy/no-letter", severity: "warning", message: "no y", file: FILE });
    expect(finding!.start).toMatchObject({ line: 3, column: 1 });
    expect(finding!.evidence).toEqual(["because"]);
    expect(finding!.fix).toEqual([{ file: FILE, range: [6, 7], text: "¡y!" }]);
  });

  it("refuses a fix or suggestions from a rule whose meta does not declare them", () => {
    const fixing = ruleNamed("toy/sneaky", false, (context) => ({
      line: (line) => context.report({ message: "m", file: FILE, span: line, fix: [] }),
    }));
    expect(() => run(enabled(fixing))).toThrow(InternalError);
    expect(() => run(enabled(fixing))).toThrow("rule toy/sneaky: reported a fix but its meta.fixable is false");
    const suggesting = ruleNamed("toy/suggests", true, (context) => ({
      line: (line) => context.report({ message: "m", file: FILE, span: line, suggestions: [] }),
    }));
    expect(() => run(enabled(suggesting))).toThrow(/hasSuggestions/);
  });

  it("names the rule when it asks for a file outside the run", () => {
    const lost = ruleNamed("toy/lost", false, (context) => ({ section: () => void context.sourceText("elsewhere.conf") }));
    expect(() => run(enabled(lost))).toThrow("rule toy/lost: elsewhere.conf is not part of this lint run");
  });

  it("names the rule and the node kind when a rule crashes", () => {
    const crashing = ruleNamed("toy/crash", false, () => ({
      "section:exit": () => {
        throw new TypeError("boom");
      },
    }));
    expect(() => run(enabled(crashing))).toThrow("rule toy/crash: crashed while visiting section:exit: boom");
  });
});
