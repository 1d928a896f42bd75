// Every --format on the bundled broken example, through the built CLI.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BROKEN_NGINX, lintJson, REPOSITORY, sarifValidator, scratchCopy, wslint, type JsonResult } from "./helpers.js";

const CHAT = `${BROKEN_NGINX}/conf.d/chat.conf`;
const MAIN = `${BROKEN_NGINX}/nginx.conf`;

function allMessages(results: readonly JsonResult[]) {
  return results.flatMap((result) => result.messages.map((message) => ({ ...message, filePath: result.filePath })));
}

describe("lint --format json", () => {
  const { run, results } = lintJson([BROKEN_NGINX]);

  it("has ESLint's shape: one result per file read, with counts that add up", () => {
    expect(run.status).toBe(1);
    expect(results.map((result) => result.filePath).sort()).toEqual([join(REPOSITORY, CHAT), join(REPOSITORY, MAIN)]);
    for (const result of results) {
      expect(Object.keys(result)).toEqual(
        expect.arrayContaining(["filePath", "messages", "suppressedMessages", "errorCount", "fatalErrorCount", "warningCount", "fixableErrorCount", "fixableWarningCount"]),
      );
      expect(result.errorCount).toBe(result.messages.filter((message) => message.severity === 2).length);
      expect(result.warningCount).toBe(result.messages.filter((message) => message.severity === 1).length);
      expect(result.fixableErrorCount + result.fixableWarningCount).toBeLessThanOrEqual(result.messages.length);
    }
  });

  it("names the included file its findings are in, at the lines of that file", () => {
    const chat = results.find((result) => result.filePath.endsWith(CHAT))!;
    const lines = readFileSync(CHAT, "utf8").split("\n");
    expect(chat.messages.length).toBeGreaterThan(0);
    expect(chat.source).toBe(readFileSync(CHAT, "utf8"));
    for (const message of chat.messages) {
      expect(message.ruleId).toMatch(/^nginx\//);
      expect(lines[message.line - 1]!.slice(message.column - 1)).toMatch(/^location /);
    }
    expect(new Set(chat.messages.map((message) => message.ruleId))).toEqual(
      new Set(["nginx/ws-http-version", "nginx/ws-upgrade-header", "nginx/ws-connection-header", "nginx/ws-read-timeout"]),
    );
  });
});

describe("lint --format stylish", () => {
  it("shows each finding with its line and a summary that matches the JSON counts", () => {
    const { results } = lintJson([BROKEN_NGINX]);
    const run = wslint(["lint", BROKEN_NGINX]);
    expect(run.status).toBe(1);
    const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
    const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
    expect(run.stdout).toContain(CHAT);
    expect(run.stdout).toContain(`✖ ${errors + warnings} problems (${errors} errors, ${warnings} warnings)`);
    expect(run.stdout).toContain("    5 |     location /ws/ {");
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("colours with --color and prints nothing for a clean configuration", () => {
    expect(wslint(["lint", "--color", BROKEN_NGINX]).stdout).toContain("\u001b[31m");
    const clean = wslint(["lint", "fixtures/examples/nginx/nginx.conf"]);
    expect(clean).toMatchObject({ status: 0, stdout: "", stderr: "" });
  });
});

describe("lint --format sarif", () => {
  it("is valid SARIF 2.1.0 with one result per finding and every rule described", () => {
    const run = wslint(["lint", "--format", "sarif", BROKEN_NGINX]);
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const messages = allMessages(lintJson([BROKEN_NGINX]).results);
    const [sarifRun] = log.runs;
    expect(sarifRun.results).toHaveLength(messages.length);
    const described = sarifRun.tool.driver.rules.map((rule: { id: string }) => rule.id);
    for (const result of sarifRun.results) {
      expect(described).toContain(result.ruleId);
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(CHAT);
    }
  });
});

describe("lint --format github and gitlab", () => {
  it("github: one annotation per finding at its file and line", () => {
    const run = wslint(["lint", "--format", "github", BROKEN_NGINX]);
    const messages = allMessages(lintJson([BROKEN_NGINX]).results);
    const annotations = run.stdout.trimEnd().split("\n");
    expect(annotations).toHaveLength(messages.length);
    for (const message of messages) {
      const level = message.severity === 2 ? "error" : "warning";
      expect(annotations).toContainEqual(expect.stringMatching(new RegExp(`^::${level} file=${CHAT},line=${message.line},col=${message.column},`)));
    }
  });

  it("gitlab: a Code Quality issue per finding with distinct fingerprints", () => {
    const issues = JSON.parse(wslint(["lint", "--format", "gitlab", BROKEN_NGINX]).stdout) as { fingerprint: string; check_name: string; location: { path: string } }[];
    expect(issues).toHaveLength(allMessages(lintJson([BROKEN_NGINX]).results).length);
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length);
    expect(issues.every((issue) => issue.location.path === CHAT && issue.check_name.startsWith("nginx/"))).toBe(true);
  });
});

describe("lint -o FILE", () => {
  it("writes the report to the file and nothing to standard output", () => {
    const output = join(scratchCopy(), "report.json");
    const run = wslint(["lint", "--format", "json", "-o", output, BROKEN_NGINX]);
    expect(run).toMatchObject({ status: 1, stdout: "" });
    expect(JSON.parse(readFileSync(output, "utf8"))).toEqual(lintJson([BROKEN_NGINX]).results);
  });
});
