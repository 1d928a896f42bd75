// The registry of every rule, by dialect. Each dialect's list (`rules/<dialect>/index.ts`, whose
// exported array of rules is taken whatever its name) is imported only when asked for, so linting
// nginx files never loads the HAProxy rules and model, and the other way round. A dialect whose
// list does not exist yet simply has no rules.
import { InternalError } from "../src/engine/errors.js";
import { indexRules } from "../src/engine/registry.js";
import type { Rule, RuleMeta } from "../src/engine/rule.js";
import type { HaproxyNodeKinds } from "../src/haproxy/model/index.js";
import type { Dialect } from "../src/load/dialect.js";
import type { NginxNodeKinds } from "../src/nginx/model/index.js";

export interface RulesByDialect {
  nginx: readonly Rule<NginxNodeKinds, unknown>[];
  haproxy: readonly Rule<HaproxyNodeKinds, unknown>[];
}

const loaded = new Map<Dialect, Promise<readonly Rule<object, unknown>[]>>();

function isRule(value: unknown): value is Rule<object, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { create?: unknown }).create === "function" &&
    typeof (value as { meta?: { id?: unknown } }).meta?.id === "string"
  );
}

async function importDialectRules(dialect: Dialect): Promise<readonly Rule<object, unknown>[]> {
  // A computed specifier: the compiler must not require a list that another engineer has not
  // written yet.
  const list = new URL(`./${dialect}/index.js`, import.meta.url);
  let module: Record<string, unknown>;
  try {
    module = (await import(list.href)) as Record<string, unknown>;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" && String(error).includes(list.pathname);
    if (missing) return [];
    throw error;
  }
  const lists = Object.values(module).filter((value): value is unknown[] => Array.isArray(value) && value.length > 0 && value.every(isRule));
  if (lists.length !== 1) throw new InternalError(`rules/${dialect}/index.ts must export exactly one array of rules, found ${lists.length}`);
  const rules = lists[0] as Rule<object, unknown>[];
  indexRules(rules);
  return rules;
}

export function rulesOf<D extends Dialect>(dialect: D): Promise<RulesByDialect[D]> {
  let rules = loaded.get(dialect);
  if (rules === undefined) {
    rules = importDialectRules(dialect);
    loaded.set(dialect, rules);
  }
  return rules as Promise<RulesByDialect[D]>;
}

/** Every rule's meta, nginx first; the ids are checked to be unique across both dialects. */
export async function allRuleMetas(): Promise<RuleMeta<unknown>[]> {
  const [nginx, haproxy] = await Promise.all([rulesOf("nginx"), rulesOf("haproxy")]);
  const all = [...nginx, ...haproxy];
  indexRules(all);
  return all.map((rule) => rule.meta);
}
