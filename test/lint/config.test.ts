// Settings from wslint.config.json and the command line, wslint rules and wslint config --schema.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { BROKEN_NGINX, lintJson, ruleIdsIn, scratchCopy, wslint } from "./helpers.js";

const CHAT = "conf.d/chat.conf";

function copyWithConfig(config: unknown): string {
  const directory = scratchCopy(BROKEN_NGINX);
  writeFileSync(join(directory, "wslint.config.json"), JSON.stringify(config));
  return directory;
}

function severities(results: ReturnType<typeof lintJson>["results"], ruleId: string): number[] {
  return results.flatMap((result) => result.messages.filter((message) => message.ruleId === ruleId).map((message) => message.severity));
}

describe("settings", () => {
  it("the config file's rules override the defaults, and --rule overrides the config", () => {
    const directory = copyWithConfig({ rules: { "nginx/ws-read-timeout": "off", "nginx/ws-upgrade-header": "warn" } });
    const configured = lintJson([directory]).results;
    expect(ruleIdsIn(configured, CHAT)).not.toContain("nginx/ws-read-timeout");
    expect(severities(configured, "nginx/ws-upgrade-header")).toEqual([1, 1]);
    const overridden = lintJson(["--rule", "nginx/ws-read-timeout:error", "--rule", "nginx/ws-upgrade-header:off", directory]).results;
    expect(severities(overridden, "nginx/ws-read-timeout")).toEqual([2, 2]);
    expect(ruleIdsIn(overridden, CHAT)).not.toContain("nginx/ws-upgrade-header");
  });

  it("--nginx-version overrides nginx.version of the config file", () => {
    // nginx 1.29.7 proxies with HTTP/1.1 by default; before it, HTTP/1.0.
    const directory = copyWithConfig({ nginx: { version: "1.29.7" } });
    expect(ruleIdsIn(lintJson([directory]).results, CHAT)).not.toContain("nginx/ws-http-version");
    expect(ruleIdsIn(lintJson(["--nginx-version", "1.24.0", directory]).results, CHAT)).toContain("nginx/ws-http-version");
  });

  it("--config uses that file for every linted file", () => {
    const elsewhere = scratchCopy();
    const config = join(elsewhere, "strict.json");
    writeFileSync(config, JSON.stringify({ rules: { "nginx/ws-http-version": "off" } }));
    expect(ruleIdsIn(lintJson(["--config", config, BROKEN_NGINX]).results, CHAT)).not.toContain("nginx/ws-http-version");
    const missing = wslint(["lint", "--config", join(elsewhere, "missing.json"), BROKEN_NGINX]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`cannot read config file ${join(elsewhere, "missing.json")}`);
  });

  it("a config file that is not JSON is an error with its line and column", () => {
    const directory = scratchCopy(BROKEN_NGINX);
    writeFileSync(join(directory, "wslint.config.json"), '{\n  "rules": {,}\n}\n');
    const run = wslint(["lint", directory]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/wslint\.config\.json: invalid JSON: .*\(line 2, column \d+\)/);
  });

  it("an invalid config file stops wslint with exit 2 and the path of every bad key", () => {
    const directory = copyWithConfig({ rules: { "nginx/ws-upgrade-header": "loud" }, nginx: { version: "latest" } });
    const run = wslint(["lint", directory]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`invalid config file ${join(directory, "wslint.config.json")}:`);
    expect(run.stderr).toContain('rules["nginx/ws-upgrade-header"]: expected "off", "warn" or "error"');
    expect(run.stderr).toContain('nginx.version: expected a version like "1.25.3"');
  });

  it("an unknown rule id gets a did-you-mean, in the config file and in --rule", () => {
    const directory = copyWithConfig({ rules: { "nginx/ws-upgrade-headr": "off" } });
    const fromConfig = wslint(["lint", directory]);
    expect(fromConfig.status).toBe(2);
    expect(fromConfig.stderr).toContain('rules["nginx/ws-upgrade-headr"]: unknown rule; did you mean "nginx/ws-upgrade-header"?');
    const fromFlag = wslint(["lint", "--rule", "ws-http-versoin:off", BROKEN_NGINX]);
    expect(fromFlag.status).toBe(2);
    expect(fromFlag.stderr).toContain('unknown rule "ws-http-versoin"; did you mean "nginx/ws-http-version"?');
  });
});

describe("wslint rules", () => {
  const listed = JSON.parse(wslint(["rules", "--format", "json"]).stdout) as { id: string; defaultSeverity: string; fixable: boolean; description: string }[];

  it("lists every rule with its default severity, whether it is fixable, and a description", () => {
    expect(listed.map((rule) => rule.id)).toEqual(expect.arrayContaining(["nginx/ws-upgrade-header", "nginx/ws-http-version"]));
    for (const rule of listed) {
      expect(["error", "warning", "off"]).toContain(rule.defaultSeverity);
      expect(typeof rule.fixable).toBe("boolean");
      expect(rule.description).toMatch(/\.$/);
    }
    const text = wslint(["rules"]).stdout.trimEnd().split("\n");
    expect(text).toHaveLength(listed.length);
    listed.forEach((rule, index) => {
      expect(text[index]).toMatch(new RegExp(`^${rule.id} +${rule.defaultSeverity} +${rule.fixable ? "fixable" : ""} +`));
      expect(text[index]!.endsWith(rule.description)).toBe(true);
    });
  });

  it("the rules that report on the broken example are listed", () => {
    const reported = lintJson([BROKEN_NGINX]).results.flatMap((result) => result.messages.map((message) => message.ruleId));
    for (const id of reported) expect(listed.map((rule) => rule.id)).toContain(id);
  });
});

describe("wslint config --schema", () => {
  it("prints a JSON Schema that accepts a valid config and rejects an invalid one", () => {
    const run = wslint(["config", "--schema"]);
    expect(run.status).toBe(0);
    const schema = JSON.parse(run.stdout);
    const ids = (JSON.parse(wslint(["rules", "--format", "json"]).stdout) as { id: string }[]).map((rule) => rule.id);
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual([...ids].sort());
    const validate = new Ajv2020.default({ strict: false }).compile(schema);
    expect(validate({ rules: { "nginx/ws-upgrade-header": "warn" }, nginx: { version: "1.24.0" }, ignore: ["vendor/**"] })).toBe(true);
    expect(validate({ rules: { "nginx/ws-upgrade-header": "loud" } })).toBe(false);
    expect(validate({ colour: true })).toBe(false);
  });

  it("wslint config without --schema is a usage error", () => {
    expect(wslint(["config"]).status).toBe(2);
  });
});
