import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type RuleMeta } from "../engine/rule.js";
import type { ResolvedConfig } from "./load.js";
import { parseRuleOverride, resolveEnabledRules } from "./rule-settings.js";

const meta = (id: string, defaultSeverity: RuleMeta["defaultSeverity"], defaults?: object): RuleMeta<unknown> => ({
  id,
  description: id,
  defaultSeverity,
  fixable: false,
  docs: `rules/${id}/README.md`,
  ...(defaults === undefined ? {} : { options: { schema: (z) => z.object({}), defaults } }),
});
const rules = [
  { meta: meta("nginx/a", "error", { limit: 1 }) },
  { meta: meta("nginx/b", "warning") },
  { meta: meta("nginx/c", "off") },
];

function configWith(entries: [string, { severity: "error" | "warning" | "off"; options?: unknown }][]): ResolvedConfig {
  return { path: "/x/wslint.config.json", directory: "/x", rules: new Map(entries), settings: DEFAULT_SETTINGS, ignore: [] };
}

describe("resolveEnabledRules", () => {
  it("uses the rule's default severity and options when the config says nothing", () => {
    const enabled = resolveEnabledRules(rules, configWith([]));
    expect(enabled.map(({ rule, severity, options }) => [rule.meta.id, severity, options])).toEqual([
      ["nginx/a", "error", { limit: 1 }],
      ["nginx/b", "warning", undefined],
    ]);
  });

  it("lets the config override defaults, and --rule override the config", () => {
    const config = configWith([
      ["nginx/a", { severity: "warning", options: { limit: 5 } }],
      ["nginx/b", { severity: "off" }],
      ["nginx/c", { severity: "error" }],
    ]);
    const enabled = resolveEnabledRules(rules, config, [
      { ruleId: "nginx/a", severity: "error" },
      { ruleId: "nginx/c", severity: "off" },
    ]);
    expect(enabled.map(({ rule, severity, options }) => [rule.meta.id, severity, options])).toEqual([["nginx/a", "error", { limit: 5 }]]);
  });
});

describe("parseRuleOverride", () => {
  const ids = rules.map((rule) => rule.meta.id);

  it("reads RULE:SEVERITY", () => {
    expect(parseRuleOverride("nginx/b:error", ids)).toEqual({ ok: true, override: { ruleId: "nginx/b", severity: "error" } });
    expect(parseRuleOverride("nginx/a:warn", ids)).toEqual({ ok: true, override: { ruleId: "nginx/a", severity: "warning" } });
  });

  it("explains bad severities and unknown rules", () => {
    expect(parseRuleOverride("nginx/a", ids)).toMatchObject({ ok: false, message: expect.stringContaining("RULE:SEVERITY") });
    expect(parseRuleOverride("nginx/a:fatal", ids)).toMatchObject({ ok: false });
    expect(parseRuleOverride("nginx/d:off", ids)).toEqual({
      ok: false,
      message: '--rule nginx/d:off: unknown rule "nginx/d"; did you mean "nginx/a"?',
    });
  });
});
