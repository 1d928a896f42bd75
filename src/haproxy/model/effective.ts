// Effective values of proxy settings and where they come from. A proxy starts from a copy of
// its defaults section (which starts from its own `from` section, and so on), then applies its
// own statements in order; the last one wins. What is copied depends on the proxy's
// capabilities, as proxy_defproxy_cpy() in HAProxy's src/proxy.c does: frontends take the
// client-side timeouts and `default_backend`, backends the server-side timeouts, every proxy
// takes `mode` and the options.
//
// Statements in `.if` branches the model cannot decide may or may not apply: each effective
// value keeps every value that may be in force (`possible`), the one in `value` being what
// applies when all such branches are taken.
import type { PlacedStatement } from "./placed.js";
import { describeWhere } from "./placed.js";
import type { ProxyModel } from "./proxy.js";

export interface SettingOrigin<T> {
  /** Null: not set (HAProxy's built-in default applies). */
  readonly value: T | null;
  /** The statement that set it; null for the built-in default. */
  readonly statement: PlacedStatement | null;
  /** The section the statement is written in: the proxy itself or one of its defaults sections. */
  readonly section: ProxyModel | null;
}

export interface EffectiveSetting<T> extends SettingOrigin<T> {
  /** The value comes from a defaults section. */
  readonly inherited: boolean;
  /** Only one value is possible: no undecided `.if` branch changes it. */
  readonly certain: boolean;
  /** Every value that may be in force, this one last. */
  readonly possible: readonly SettingOrigin<T>[];
}

/** How a statement changes a setting, given what was in force before it; undefined if it does not. */
export type SettingStep<T> = (statement: PlacedStatement, before: SettingOrigin<T>) => T | null | undefined;

/**
 * Follows a setting through the levels (defaults sections, outermost first, then the proxy) and
 * their statements. `levels` are the sections whose statements count, in the order HAProxy
 * applies them.
 */
export function resolveSetting<T>(proxy: ProxyModel, levels: readonly ProxyModel[], step: SettingStep<T>): EffectiveSetting<T> {
  let possible: SettingOrigin<T>[] = [{ value: null, statement: null, section: null }];
  for (const level of levels) {
    for (const statement of level.statements) {
      const after = possible.map((before): SettingOrigin<T> => {
        const value = step(statement, before);
        return value === undefined ? before : { value, statement, section: level };
      });
      if (after.every((origin, index) => origin === possible[index])) continue;
      possible = deduplicate(statement.reach === "always" ? after : [...possible, ...after]);
    }
  }
  const current = possible[possible.length - 1]!;
  return {
    ...current,
    inherited: current.section !== null && current.section !== proxy,
    certain: possible.length === 1,
    possible,
  };
}

function deduplicate<T>(origins: SettingOrigin<T>[]): SettingOrigin<T>[] {
  return origins.filter(
    (origin, index) => origins.findIndex((other) => other.value === origin.value && other.statement === origin.statement) === index,
  );
}

/** `timeout tunnel is set in defaults 'web' at haproxy.cfg:12`, or `... is not set`. */
export function describeOrigin(what: string, origin: SettingOrigin<unknown>): string {
  if (origin.statement === null || origin.section === null) return `${what} is not set`;
  return `${what} is set in ${origin.section.label()} at ${describeWhere(origin.statement)}`;
}
