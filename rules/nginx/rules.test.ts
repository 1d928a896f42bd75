// Consistency of the nginx rules: the list, the folders, the docs and their examples agree.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { indexRules, optionDefaultsProblems } from "../../src/engine/registry.js";
import { DEFAULT_SETTINGS } from "../../src/engine/rule.js";
import { nginxDialect } from "../../test/rule-tester/nginx.js";
import { nginxRules } from "./index.js";

const RULES_DIR = "rules/nginx";
const ruleFolders = readdirSync(RULES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_"))
  .map((entry) => entry.name)
  .sort();

/** The info string and text of every fenced block of a Markdown text. */
function fencedBlocks(markdown: string): { info: string; text: string }[] {
  return [...markdown.matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)].map((match) => ({ info: match[1]!, text: match[2]! }));
}

const scratch = mkdtempSync(join(tmpdir(), "wslint-rule-docs-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the nginx rule list", () => {
  it("has unique, well-formed ids", () => {
    expect(() => indexRules(nginxRules)).not.toThrow();
  });

  it("names one rule per folder, the folder being the id", () => {
    expect(nginxRules.map((rule) => rule.meta.id).sort()).toEqual(ruleFolders.map((folder) => `nginx/${folder}`));
  });

  it("matches the table of rules/nginx/README.md", () => {
    const listed = [...readFileSync(join(RULES_DIR, "README.md"), "utf8").matchAll(/^\| \[(nginx\/[a-z0-9-]+)\]/gm)].map((match) => match[1]);
    expect(listed).toEqual(nginxRules.map((rule) => rule.meta.id));
  });
});

describe.each(nginxRules.map((rule) => [rule.meta.id, rule] as const))("%s", (id, rule) => {
  const folder = join(RULES_DIR, id.slice("nginx/".length));

  it("has its README at meta.docs and its tests beside it", () => {
    expect(rule.meta.docs).toBe(`${folder}/README.md`);
    expect(existsSync(rule.meta.docs)).toBe(true);
    expect(existsSync(join(folder, `${id.slice("nginx/".length)}.test.ts`))).toBe(true);
  });

  it("has option defaults its own schema accepts", async () => {
    expect(await optionDefaultsProblems(rule.meta)).toEqual([]);
  });

  it("has a README whose first nginx example is reported and whose second is not", () => {
    const examples = fencedBlocks(readFileSync(rule.meta.docs, "utf8")).filter((block) => block.info === "nginx");
    expect(examples).toHaveLength(2);
    const enabled = [{ rule, severity: "error" as const, options: rule.meta.options?.defaults }];
    const [failing, passing] = examples.map((example, index) => {
      const path = join(scratch, `${id.replace("/", "-")}-${index}.conf`);
      writeFileSync(path, example.text);
      const findings = nginxDialect.lint(path, enabled, DEFAULT_SETTINGS);
      expect(findings.filter((finding) => finding.fatal).map((finding) => finding.message), "parse errors").toEqual([]);
      return findings.filter((finding) => finding.ruleId === id);
    });
    expect(failing!.length).toBeGreaterThan(0);
    expect(passing!.map((finding) => finding.message)).toEqual([]);
  });
});

describe("the nginx rules on a large configuration", () => {
  it("stay linear: 2,000 servers, each finding something, lint in seconds", () => {
    // Every server gives every rule work: inherited values shared with a plain route, dropped
    // headers, a missing map. A rule that scans the whole configuration per finding takes minutes.
    const server = (port: number) => `    server {
        listen ${port};
        proxy_set_header Host $host;
        location /ws/ {
            proxy_pass http://127.0.0.1:8080;
            proxy_set_header Upgrade $http_upgrade;
        }
        location /api/ {
            proxy_pass http://127.0.0.1:8081;
        }
    }
`;
    const servers = Array.from({ length: 2000 }, (_, index) => server(10000 + index)).join("");
    const path = join(scratch, "large.conf");
    writeFileSync(path, `events {}\nhttp {\n    proxy_http_version 1.0;\n    proxy_read_timeout 30s;\n    proxy_set_header X-Real-IP $remote_addr;\n${servers}}\n`);
    const enabled = nginxRules.map((rule) => ({ rule, severity: "error" as const, options: rule.meta.options?.defaults }));
    const started = performance.now();
    const findings = nginxDialect.lint(path, enabled, DEFAULT_SETTINGS);
    const seconds = (performance.now() - started) / 1000;
    expect(findings.filter((finding) => finding.ruleId === "nginx/ws-connection-header")).toHaveLength(2000);
    expect(seconds).toBeLessThan(30);
  }, 120_000);
});
