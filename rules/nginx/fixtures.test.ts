// The nginx rules together, end to end, over the configurations in fixtures/nginx/rules: the
// findings each must give, what one --fix run turns the broken app into, and nginx's verdicts.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixRepeatedly } from "../../src/engine/fix.js";
import { DEFAULT_SETTINGS } from "../../src/engine/rule.js";
import type { EnabledRule } from "../../src/engine/run-rules.js";
import type { NginxNodeKinds } from "../../src/nginx/model/index.js";
import { nginxDialect } from "../../test/rule-tester/nginx.js";
import { describeWithNginx } from "../../test/servers/index.js";
import { nginxRules } from "./index.js";

const FIXTURES = "fixtures/nginx/rules";

const defaultRules: EnabledRule<NginxNodeKinds>[] = nginxRules.flatMap((rule) => {
  const severity = rule.meta.defaultSeverity;
  return severity === "off" ? [] : [{ rule, severity, options: rule.meta.options?.defaults }];
});

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of a fixture configuration, so that fixing it leaves the fixture alone. */
function copyOf(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), "wslint-rule-fixture-"));
  copies.push(dir);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile())
    .sort();
}

function textsUnder(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((path) => [relative(dir, path), readFileSync(path, "utf8")]));
}

function lintFindings(dir: string, main: string): string[] {
  return nginxDialect
    .lint(join(dir, main), defaultRules, DEFAULT_SETTINGS)
    .map((finding) => `${relative(dir, finding.file)}:${finding.start.line}:${finding.start.column} ${finding.ruleId}`);
}

function expectedFindings(name: string): string[] {
  return readFileSync(join(FIXTURES, `${name}.findings.txt`), "utf8").split("\n").filter((line) => line !== "");
}

async function fixAll(dir: string, main: string) {
  const texts = new Map(filesUnder(dir).map((path) => [path, readFileSync(path, "utf8")]));
  return fixRepeatedly(texts, (current) => {
    for (const [path, text] of current) writeFileSync(path, text);
    return nginxDialect.lint(join(dir, main), defaultRules, DEFAULT_SETTINGS);
  });
}

describe("nginx rules over the fixture configurations", () => {
  it.each([
    ["broken-app", "nginx.conf"],
    ["broken-app-fixed", "nginx.conf"],
    ["conf-d-fragment", "chat.conf"],
  ])("%s gives the findings its .findings.txt lists", (name, main) => {
    expect(lintFindings(copyOf(name), main)).toEqual(expectedFindings(name));
  });

  it("one --fix run turns broken-app into broken-app-fixed", async () => {
    const dir = copyOf("broken-app");
    await fixAll(dir, "nginx.conf");
    expect(textsUnder(dir)).toEqual(textsUnder(join(FIXTURES, "broken-app-fixed")));
  });

  it("a conf.d fragment is not changed: its map belongs in a file wslint did not read", async () => {
    const dir = copyOf("conf-d-fragment");
    const result = await fixAll(dir, "chat.conf");
    expect(result.changedFiles).toEqual([]);
    expect(result.findings.map((finding) => finding.suggestions?.length)).toEqual([1]);
  });
});

describeWithNginx("nginx -t on the fixture configurations", () => {
  const check = (dir: string) => nginxDialect.server!.check(join(dir, "nginx.conf"));

  it("refuses broken-app for its unknown variable", async () => {
    const verdict = await check(copyOf("broken-app"));
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toBe('unknown "connection_upgrade" variable');
  });

  it("accepts broken-app-fixed", async () => {
    const verdict = await check(copyOf("broken-app-fixed"));
    expect(verdict.ok, verdict.stderr).toBe(true);
  });
});
