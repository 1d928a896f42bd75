// Which rules run, at what severity and with which options: the rule's default, overridden by the
// config file, overridden by --rule on the command line.
import type { Severity } from "../engine/finding.js";
import type { ConfiguredSeverity, RuleMeta } from "../engine/rule.js";
import { didYouMean } from "./did-you-mean.js";
import { severityFromName, type ResolvedConfig } from "./load.js";
import { SEVERITY_NAMES, type SeverityName } from "./schema.js";

export interface RuleOverride {
  ruleId: string;
  severity: ConfiguredSeverity;
}

export type RuleOverrideResult = { ok: true; override: RuleOverride } | { ok: false; message: string };

/** `--rule nginx/ws-read-timeout:warn`; a bad one is a usage error (exit 2). */
export function parseRuleOverride(text: string, knownRuleIds: readonly string[]): RuleOverrideResult {
  const colon = text.lastIndexOf(":");
  const ruleId = colon === -1 ? text : text.slice(0, colon);
  const severity = colon === -1 ? "" : text.slice(colon + 1);
  if (!(SEVERITY_NAMES as readonly string[]).includes(severity)) {
    return { ok: false, message: `--rule ${text}: expected RULE:SEVERITY with a severity of "off", "warn" or "error"` };
  }
  if (!knownRuleIds.includes(ruleId)) {
    return { ok: false, message: `--rule ${text}: unknown rule ${JSON.stringify(ruleId)}${didYouMean(ruleId, knownRuleIds)}` };
  }
  return { ok: true, override: { ruleId, severity: severityFromName(severity as SeverityName) } };
}

export interface RuleToRun<R> {
  rule: R;
  severity: Severity;
  options: unknown;
}

/**
 * The rules to run, in registry order. Pass a dialect's own rules to get its `EnabledRule`s for
 * `runRules`; rules switched off are left out.
 */
export function resolveEnabledRules<R extends { meta: RuleMeta<unknown> }>(
  rules: readonly R[],
  config: ResolvedConfig,
  overrides: readonly RuleOverride[] = [],
): RuleToRun<R>[] {
  const overridden = new Map(overrides.map((override) => [override.ruleId, override.severity]));
  return rules.flatMap((rule) => {
    const setting = config.rules.get(rule.meta.id);
    const severity = overridden.get(rule.meta.id) ?? setting?.severity ?? rule.meta.defaultSeverity;
    if (severity === "off") return [];
    return [{ rule, severity, options: setting?.options ?? rule.meta.options?.defaults }];
  });
}
