// The registry of every rule, by dialect. Each dialect's list is imported only when asked for, so
// linting nginx files never loads the HAProxy rules and model, and the other way round.
import { indexRules } from "../src/engine/registry.js";
import type { Rule, RuleMeta } from "../src/engine/rule.js";
import type { HaproxyNodeKinds } from "../src/haproxy/model/index.js";
import type { Dialect } from "../src/load/dialect.js";
import type { NginxNodeKinds } from "../src/nginx/model/index.js";

export interface RulesByDialect {
  nginx: readonly Rule<NginxNodeKinds, unknown>[];
  haproxy: readonly Rule<HaproxyNodeKinds, unknown>[];
}

/** Imports a list the first time it is asked for, and checks its ids (form, no repeats). */
function onFirstUse<R extends { meta: RuleMeta<unknown> }>(load: () => Promise<readonly R[]>): () => Promise<readonly R[]> {
  let rules: Promise<readonly R[]> | undefined;
  return () =>
    (rules ??= load().then((list) => {
      indexRules(list);
      return list;
    }));
}

const importers: { [D in Dialect]: () => Promise<RulesByDialect[D]> } = {
  nginx: onFirstUse(async () => (await import("./nginx/index.js")).nginxRules),
  haproxy: onFirstUse(async () => (await import("./haproxy/index.js")).haproxyRules),
};

/** One dialect's rules, in the order `wslint rules` lists them. */
export function rulesOf<D extends Dialect>(dialect: D): Promise<RulesByDialect[D]> {
  return importers[dialect]();
}

/** Every rule's meta, nginx first; ids are checked to be unique across both dialects. */
export async function allRuleMetas(): Promise<RuleMeta<unknown>[]> {
  const [nginx, haproxy] = await Promise.all([rulesOf("nginx"), rulesOf("haproxy")]);
  const metas = [...nginx, ...haproxy].map((rule) => rule.meta);
  indexRules(metas.map((meta) => ({ meta })));
  return metas;
}
