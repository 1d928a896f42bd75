// What holds for every HAProxy rule together: each is a folder with its code, README and tests,
// registered once; each README's examples do what they say; and a realistic configuration is
// reported and fixed as expected (fixtures/haproxy/rules/).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/engine/finding.js";
import { fixRepeatedly } from "../../src/engine/fix.js";
import { DEFAULT_SETTINGS, type LintSettings } from "../../src/engine/rule.js";
import type { EnabledRule } from "../../src/engine/run-rules.js";
import type { HaproxyNodeKinds } from "../../src/haproxy/model/index.js";
import { haproxyDialect } from "../../test/rule-tester/haproxy.js";
import { describeWithHaproxy, haproxyCheck } from "../../test/servers/index.js";
import { haproxyRules } from "./index.js";

const RULES_DIR = "rules/haproxy";
const FIXTURES = "fixtures/haproxy/rules";
const ON_2_6: LintSettings = { ...DEFAULT_SETTINGS, haproxy: { ...DEFAULT_SETTINGS.haproxy, version: "2.6" } };

const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `text` as the only file of a fresh directory (the tester reads the whole directory). */
function scratchConfig(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "wslint-haproxy-rules-"));
  scratchDirs.push(dir);
  const main = join(dir, "haproxy.cfg");
  writeFileSync(main, text);
  return main;
}

function enabled(rules: typeof haproxyRules): EnabledRule<HaproxyNodeKinds>[] {
  return rules.map((rule) => ({
    rule,
    severity: rule.meta.defaultSeverity === "off" ? "warning" : rule.meta.defaultSeverity,
    options: rule.meta.options?.defaults,
  }));
}

function lintText(text: string, rules = haproxyRules, settings = DEFAULT_SETTINGS): Finding[] {
  return haproxyDialect.lint(scratchConfig(text), enabled(rules), settings);
}

/** `line:column rule-id`, one finding a line, as the fixtures' `.findings` files list them. */
function summary(findings: readonly Finding[]): string {
  return findings.map((finding) => `${finding.start.line}:${finding.start.column} ${finding.ruleId}\n`).join("");
}

function folderOf(ruleId: string): string {
  return ruleId.slice("haproxy/".length);
}

/** The fenced ```haproxy blocks of a README, in order. */
function haproxyExamples(readme: string): string[] {
  return [...readme.matchAll(/^```haproxy\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

describe("the HAProxy rules", () => {
  it("are one folder each, with code, README and tests, all registered", () => {
    const folders = readdirSync(RULES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_"))
      .map((entry) => entry.name)
      .sort();
    expect(haproxyRules.map((rule) => folderOf(rule.meta.id)).sort()).toEqual(folders);
    for (const folder of folders) {
      for (const file of ["index.ts", "README.md", `${folder}.test.ts`]) {
        expect(existsSync(join(RULES_DIR, folder, file)), `${folder}/${file}`).toBe(true);
      }
    }
  });

  for (const rule of haproxyRules) {
    const { meta } = rule;
    describe(meta.id, () => {
      const readme = readFileSync(meta.docs, "utf8");

      it("names its README beside it as its docs", () => {
        expect(meta.docs).toBe(`${RULES_DIR}/${folderOf(meta.id)}/README.md`);
        expect(readme.split("\n")[0]).toBe(`# ${meta.id}`);
      });

      it("states its default severity and whether it fixes in the README", () => {
        expect(readme).toContain(`Default severity: **${meta.defaultSeverity}** · Fixable: **${meta.fixable ? "yes" : "no"}**`);
      });

      it("has a reported and a silent example in the README", () => {
        const examples = haproxyExamples(readme);
        expect(examples).toHaveLength(2);
        const [reported, silent] = examples as [string, string];
        expect(lintText(reported, [rule]).filter((finding) => finding.ruleId === meta.id).length).toBeGreaterThan(0);
        expect(summary(lintText(silent, [rule]))).toBe("");
      });
    });
  }
});

/** Every HAProxy configuration file under `dir`, recursively. */
function haproxyFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return haproxyFilesUnder(path);
    return entry.isFile() && entry.name.endsWith(".cfg") ? [path] : [];
  });
}

describe("every HAProxy fixture of the repository", () => {
  const files = [...haproxyFilesUnder("fixtures/haproxy"), ...haproxyFilesUnder("fixtures/examples/haproxy")];

  it("is linted by all HAProxy rules without a crash", () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      for (const settings of [DEFAULT_SETTINGS, ON_2_6]) {
        expect(() => lintText(readFileSync(file, "utf8"), haproxyRules, settings), file).not.toThrow();
      }
    }
  });
});

describe("a realistic configuration (fixtures/haproxy/rules/chat-platform)", () => {
  const read = (name: string) => readFileSync(join(FIXTURES, "chat-platform", name), "utf8");
  const broken = read("broken.cfg");

  it("gives the expected findings", () => {
    expect(summary(lintText(broken, haproxyRules, ON_2_6))).toBe(read("broken.findings"));
  });

  it("is fixed into the expected configuration, which keeps only the findings without a fix", async () => {
    const main = scratchConfig(broken);
    const lint = (texts: ReadonlyMap<string, string>) => {
      for (const [path, text] of texts) writeFileSync(path, text);
      return haproxyDialect.lint(main, enabled(haproxyRules), ON_2_6);
    };
    const result = await fixRepeatedly(new Map([[main, broken]]), lint);
    expect(result.texts.get(main)).toBe(read("fixed.cfg"));
    expect(summary(result.findings)).toBe(read("fixed.findings"));
    expect(result.findings.every((finding) => finding.fix === undefined)).toBe(true);
  });

  it("keeps CRLF line endings when fixing", async () => {
    const crlf = (text: string) => text.replace(/\n/g, "\r\n");
    const main = scratchConfig(crlf(broken));
    const lint = (texts: ReadonlyMap<string, string>) => {
      for (const [path, text] of texts) writeFileSync(path, text);
      return haproxyDialect.lint(main, enabled(haproxyRules), ON_2_6);
    };
    const result = await fixRepeatedly(new Map([[main, crlf(broken)]]), lint);
    expect(result.texts.get(main)).toBe(crlf(read("fixed.cfg")));
  });
});

describe("a configuration that gets WebSockets right (fixtures/haproxy/rules/clean)", () => {
  it("gives no finding", () => {
    const text = readFileSync(join(FIXTURES, "clean", "haproxy.cfg"), "utf8");
    expect(summary(lintText(text, haproxyRules, ON_2_6))).toBe("");
  });
});

describeWithHaproxy("the HAProxy rule fixtures and README examples pass the real haproxy", () => {
  const files = [
    join(FIXTURES, "chat-platform", "broken.cfg"),
    join(FIXTURES, "chat-platform", "fixed.cfg"),
    join(FIXTURES, "clean", "haproxy.cfg"),
  ];
  for (const file of files) {
    it(file, async () => {
      const verdict = await haproxyCheck({ file });
      expect(verdict.ok, verdict.stderr).toBe(true);
    });
  }
  for (const rule of haproxyRules) {
    it(`the examples of ${rule.meta.id}`, async () => {
      for (const example of haproxyExamples(readFileSync(rule.meta.docs, "utf8"))) {
        const verdict = await haproxyCheck({ text: example });
        expect(verdict.ok, verdict.stderr).toBe(true);
      }
    });
  }
});
