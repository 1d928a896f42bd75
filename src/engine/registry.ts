// Checks of the rule list itself, run when the CLI builds it and in the rules' consistency tests.
import { InternalError } from "./errors.js";
import { PARSE_ERROR_RULE_ID } from "./finding.js";
import type { RuleMeta } from "./rule.js";

const RULE_ID = /^[a-z]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Rules by id; a malformed or repeated id is a bug. */
export function indexRules<R extends { meta: RuleMeta<unknown> }>(rules: readonly R[]): Map<string, R> {
  const byId = new Map<string, R>();
  for (const rule of rules) {
    const { id } = rule.meta;
    if (!RULE_ID.test(id) || id === PARSE_ERROR_RULE_ID) {
      throw new InternalError(`rule id ${JSON.stringify(id)} is not of the form dialect/lower-case-words`);
    }
    if (byId.has(id)) throw new InternalError(`rule id ${id} is registered twice`);
    byId.set(id, rule);
  }
  return byId;
}

/**
 * Problems with a rule's declared options: its defaults must pass its own schema, since they are
 * used unchecked when the config gives no options. For the rules' consistency tests.
 */
export async function optionDefaultsProblems(meta: RuleMeta<unknown>): Promise<string[]> {
  if (meta.options === undefined) return [];
  const z = await import("zod");
  const parsed = meta.options.schema(z).safeParse(meta.options.defaults);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${meta.id} defaults: ${issue.path.join(".")}: ${issue.message}`);
}
