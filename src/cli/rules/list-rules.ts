// `wslint rules`: every registered rule, nginx first, as a table or as JSON.
import { allRuleMetas } from "../../../rules/index.js";

export async function listRules(format: "text" | "json"): Promise<string> {
  const rules = (await allRuleMetas()).map((meta) => ({
    id: meta.id,
    defaultSeverity: meta.defaultSeverity,
    fixable: meta.fixable,
    description: meta.description,
    docs: meta.docs,
  }));
  if (format === "json") return `${JSON.stringify(rules, null, 2)}\n`;
  if (rules.length === 0) return "no rules are registered\n";
  const idWidth = Math.max(...rules.map((rule) => rule.id.length));
  const severityWidth = Math.max(...rules.map((rule) => rule.defaultSeverity.length));
  const fixableWidth = "fixable".length;
  return rules
    .map((rule) =>
      [rule.id.padEnd(idWidth), rule.defaultSeverity.padEnd(severityWidth), (rule.fixable ? "fixable" : "").padEnd(fixableWidth), rule.description].join("  "),
    )
    .map((line) => `${line}\n`)
    .join("");
}
