// Every registered rule, both dialects, is documented where users look: its own document (with
// every topic issue 5 asks for), the README's rule table, and the SARIF report's rule help.
//
// That each document's failing example is reported and its passing example is not is checked per
// dialect, for every rule, by rules/nginx/rules.test.ts and rules/haproxy/rules.test.ts (they
// lint the fenced examples with the dialect's own tester); this file does not repeat it.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RuleMeta } from "../../src/engine/rule.js";
import { DOCS_BASE_ENV, sarifLog } from "../../src/report/sarif.js";
import type { ReportInput } from "../../src/report/types.js";
import { allRuleMetas } from "../../rules/index.js";

const metas = await allRuleMetas();

/** The sections of a Markdown text by `## ` heading, each with the text up to the next one. */
function sections(markdown: string): Map<string, string> {
  const result = new Map<string, string>();
  const parts = markdown.split(/^## /m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf("\n");
    result.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return result;
}

/** The one section whose heading matches, or a failed expectation naming what is missing. */
function section(all: Map<string, string>, heading: RegExp, what: string): string {
  const found = [...all].filter(([title]) => heading.test(title));
  expect(found.map(([title]) => title), `one "## ${what}" section`).toHaveLength(1);
  return found[0]![1];
}

/** What a user sees when the rule's problem bites: an HTTP status, a close code, nginx not starting. */
const SYMPTOM = /\b[1-5]\d\d\b|\b1006\b|refuses? to start|close code/;

function dialectOf(meta: RuleMeta<unknown>): "nginx" | "HAProxy" {
  return meta.id.startsWith("haproxy/") ? "HAProxy" : "nginx";
}

describe("the rule registry", () => {
  it("has rules of both dialects", () => {
    expect(metas.some((meta) => meta.id.startsWith("nginx/"))).toBe(true);
    expect(metas.some((meta) => meta.id.startsWith("haproxy/"))).toBe(true);
  });
});

describe.each(metas.map((meta) => [meta.id, meta] as const))("the document of %s", (id, meta) => {
  const path = meta.docs;
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const all = sections(text);

  it("is the README beside the rule, titled with its id", () => {
    expect(path).toBe(`rules/${id}/README.md`);
    expect(existsSync(path)).toBe(true);
    expect(text.split("\n")[0]).toBe(`# ${id}`);
  });

  it("states the default severity, whether --fix repairs it, and whether it offers suggestions", () => {
    const header = text.split("\n")[2] ?? "";
    expect(header.startsWith(`Default severity: **${meta.defaultSeverity}** · Fixable: **${meta.fixable ? "yes" : "no"}**`), header).toBe(true);
    expect(/suggestion/i.test(header), header).toBe(meta.hasSuggestions === true);
  });

  it("says what it detects", () => {
    expect(section(all, /^What it finds$/, "What it finds").trim().length).toBeGreaterThan(100);
  });

  it("says why it breaks WebSockets, with the symptom a user sees", () => {
    const why = section(all, /^Why it (breaks WebSockets|matters)/, "Why it breaks WebSockets");
    expect(why).toMatch(SYMPTOM);
  });

  it("has a reported and a not-reported example, in that order", () => {
    const examples = section(all, /^Examples$/, "Examples");
    const reported = examples.search(/^Reported\b/m);
    const notReported = examples.search(/^Not reported\b/m);
    expect(reported).toBeGreaterThanOrEqual(0);
    expect(notReported).toBeGreaterThan(reported);
    const fence = dialectOf(meta) === "nginx" ? "```nginx" : "```haproxy";
    expect(examples.slice(reported, notReported)).toContain(fence);
    expect(examples.slice(notReported)).toContain(fence);
  });

  it("documents its options: each one with its default, or says there are none", () => {
    const options = section(all, /^Options$/, "Options");
    const defaults = meta.options?.defaults as Record<string, unknown> | undefined;
    if (defaults === undefined) {
      expect(options.trim()).toMatch(/^None\b/);
      return;
    }
    for (const [name, value] of Object.entries(defaults)) {
      const row = options.split("\n").find((line) => line.startsWith(`| \`${name}\``));
      expect(row, `a table row for option ${name}`).toBeDefined();
      expect(row).toContain(`\`${JSON.stringify(value)}\``);
    }
  });

  it("says what the fix does (or why there is none)", () => {
    const fix = section(all, /^Fix$/, "Fix").trim();
    expect(fix.length).toBeGreaterThan(40);
    if (!meta.fixable) expect(fix).toMatch(/^(None|No automatic fix)\b/);
  });

  it("says which server versions it applies to", () => {
    expect(section(all, new RegExp(`^${dialectOf(meta)} versions$`), `${dialectOf(meta)} versions`).trim().length).toBeGreaterThan(0);
  });

  it("links only to files that exist", () => {
    for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(#[^)]*)?\)/g)) {
      if (URL.canParse(target!)) continue;
      expect(existsSync(normalize(join(dirname(path), target!))), target).toBe(true);
    }
  });
});

interface TableRow {
  id: string;
  link: string;
  cells: string[];
}

/** The rows of the first table under `heading` whose first cell is a link to a rule. */
function ruleTable(markdown: string, heading: string): TableRow[] {
  const start = `\n${markdown}`.indexOf(`\n${heading}\n`);
  expect(start, `${heading} in the README`).toBeGreaterThanOrEqual(0);
  const rest = markdown.slice(start + heading.length + 1);
  const end = rest.search(/^#{1,2} /m);
  const body = end === -1 ? rest : rest.slice(0, end);
  return body
    .split("\n")
    .map((line) => /^\| \[([^\]]+)\]\(([^)]+)\) \|(.*)\|$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ id: match[1]!, link: match[2]!, cells: match[3]!.split("|").map((cell) => cell.trim()) }));
}

describe("the README's Rules section", () => {
  const rows = ruleTable(readFileSync("README.md", "utf8"), "## Rules");

  it("lists exactly the registered rules, in the order wslint rules prints them", () => {
    expect(rows.map((row) => row.id)).toEqual(metas.map((meta) => meta.id));
  });

  it("gives each rule's default severity and fixable flag, and links its document", () => {
    const byId = new Map(metas.map((meta) => [meta.id, meta]));
    for (const row of rows) {
      const meta = byId.get(row.id)!;
      expect(row.link, row.id).toBe(meta.docs);
      expect(row.cells[0], `${row.id} default`).toBe(meta.defaultSeverity);
      expect(row.cells[1], `${row.id} fixable`).toBe(meta.fixable ? "yes" : "no");
      expect(row.cells[2]!.length, `${row.id} says what it finds`).toBeGreaterThan(10);
    }
  });
});

describe("rules/nginx/README.md's table", () => {
  it("gives the default severity of each nginx rule", () => {
    const rows = ruleTable(readFileSync("rules/nginx/README.md", "utf8"), "# nginx rules");
    const nginx = metas.filter((meta) => meta.id.startsWith("nginx/"));
    expect(rows.map((row) => [row.id, row.cells[0]])).toEqual(nginx.map((meta) => [meta.id, meta.defaultSeverity]));
  });
});

describe("the SARIF report's rule help", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const input = (docsBaseUri?: string): ReportInput => ({
    files: [],
    rules: new Map(metas.map((meta) => [meta.id, meta])),
    cwd: process.cwd(),
    tool: { name: "wslint", version: "0.0.0", informationUri: "https://example.com/wslint", ...(docsBaseUri === undefined ? {} : { docsBaseUri }) },
  });

  interface SarifRule {
    id: string;
    helpUri?: string;
    help: { text: string; markdown?: string };
  }
  const sarifRules = (log: Record<string, unknown>) => (log as { runs: { tool: { driver: { rules: SarifRule[] } } }[] }).runs[0]!.tool.driver.rules;

  it("without a docs base: no helpUri, and each rule's document in help.markdown with no relative link left", () => {
    vi.stubEnv(DOCS_BASE_ENV, "");
    const rules = sarifRules(sarifLog(input()));
    expect(rules.map((rule) => rule.id).sort()).toEqual(metas.map((meta) => meta.id).sort());
    for (const rule of rules) {
      const meta = metas.find((candidate) => candidate.id === rule.id)!;
      expect(rule.helpUri, rule.id).toBeUndefined();
      expect(rule.help.text).toContain(meta.docs);
      const document = readFileSync(meta.docs, "utf8");
      const whatItFinds = sections(document).get("What it finds")!.split("\n\n")[0]!;
      expect(rule.help.markdown, rule.id).toContain(whatItFinds.replace(/\[([^\]]+)\]\([^)]+\)/g, "$1"));
      expect(rule.help.markdown).not.toMatch(/\]\((?!https?:)/);
    }
  });

  it("with a base from the environment: an absolute helpUri to the document, links resolved under the base", () => {
    const base = "https://git.example.com/you/wslint/blob/v1.2.3/";
    vi.stubEnv(DOCS_BASE_ENV, base);
    for (const rule of sarifRules(sarifLog(input()))) {
      const meta = metas.find((candidate) => candidate.id === rule.id)!;
      expect(rule.helpUri).toBe(`${base}${meta.docs}`);
      expect(rule.help.text).toContain(rule.helpUri);
      for (const [, target] of rule.help.markdown!.matchAll(/\]\(([^)]+)\)/g)) {
        if (!target!.startsWith(base)) continue;
        expect(existsSync(target!.slice(base.length).replace(/#.*$/, "")), target).toBe(true);
      }
    }
  });

  it("prefers the report's own base, and ignores one that is not an absolute http(s) URL", () => {
    vi.stubEnv(DOCS_BASE_ENV, "https://env.example.com/");
    const fromTool = sarifRules(sarifLog(input("https://tool.example.com/docs")));
    expect(fromTool[0]!.helpUri).toBe(`https://tool.example.com/docs/${metas.find((meta) => meta.id === fromTool[0]!.id)!.docs}`);
    for (const broken of ["rules/", "file:///srv/wslint/", "not a url"]) {
      vi.stubEnv(DOCS_BASE_ENV, broken);
      expect(sarifRules(sarifLog(input())).every((rule) => rule.helpUri === undefined), broken).toBe(true);
    }
  });
});
