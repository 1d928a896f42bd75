// Where a variable used in a header gets its value, and what that value can be during a
// WebSocket handshake: the questions the Upgrade and Connection rules ask of maps and `set`.
import type { HttpScope, MapEntry, MapModel, PlacedDirective, Scope } from "../../../src/nginx/model/index.js";
import { isBuiltinVariable, variableReferences } from "../../../src/nginx/model/index.js";

export type VariableDefinition =
  | { kind: "map"; map: MapModel }
  /** set, geo, split_clients, perl_set, js_set, auth_request_set; `value` is null when not a plain text. */
  | { kind: "setter"; directive: PlacedDirective; value: string | null };

/** The argument that names the variable a setter directive defines, and the one holding its value. */
const SETTERS: Readonly<Record<string, { name: (args: readonly string[]) => string | undefined; value: number | null }>> = {
  set: { name: (args) => args[0], value: 1 },
  auth_request_set: { name: (args) => args[0], value: 1 },
  perl_set: { name: (args) => args[0], value: null },
  js_set: { name: (args) => args[0], value: null },
  geo: { name: (args) => args.at(-1), value: null },
  split_clients: { name: (args) => args[1], value: null },
};

const SETTER_ENTRIES = Object.entries(SETTERS);

function scopesOf(http: HttpScope): Scope[] {
  const scopes: Scope[] = [http];
  for (const server of http.servers) {
    scopes.push(server, ...server.ifs);
    for (const location of server.allLocations) scopes.push(location, ...location.ifs, ...location.limitExcepts);
  }
  return scopes;
}

/** Every variable the http level defines, by name; built once per http level and kept. */
const definitionsByHttp = new WeakMap<HttpScope, Map<string, VariableDefinition[]>>();

function indexDefinitions(http: HttpScope): Map<string, VariableDefinition[]> {
  const byName = new Map<string, VariableDefinition[]>();
  const add = (name: string, definition: VariableDefinition) => {
    const list = byName.get(name);
    if (list === undefined) byName.set(name, [definition]);
    else list.push(definition);
  };
  for (const map of http.maps) add(map.variable, { kind: "map", map });
  for (const scope of scopesOf(http)) {
    for (const [directiveName, setter] of SETTER_ENTRIES) {
      for (const directive of scope.own(directiveName)) {
        const name = setter.name(directive.args)?.replace(/^\$/, "");
        if (name === undefined) continue;
        add(name, { kind: "setter", directive, value: setter.value === null ? null : (directive.args[setter.value] ?? "") });
      }
    }
  }
  return byName;
}

/** The places the http level defines `$name` (given without `$`). */
export function definitionsOf(http: HttpScope, name: string): VariableDefinition[] {
  let byName = definitionsByHttp.get(http);
  if (byName === undefined) {
    byName = indexDefinitions(http);
    definitionsByHttp.set(http, byName);
  }
  return byName.get(name) ?? [];
}

/** Whether `$name` exists: built into nginx or defined by the configuration. */
export function variableExists(http: HttpScope, name: string): boolean {
  return isBuiltinVariable(name) || definitionsOf(http, name).length > 0;
}

/**
 * Whether a value holds the client's Upgrade header, or the literal `websocket`: directly
 * ($http_upgrade), or through maps and `set`s computed from it.
 */
export function forwardsUpgrade(http: HttpScope, value: string, seen = new Set<string>()): boolean {
  if (value.trim().toLowerCase() === "websocket") return true;
  return variableReferences(value).some((name) => {
    if (name === "http_upgrade") return true;
    if (seen.has(name)) return false;
    seen.add(name);
    return definitionsOf(http, name).some((definition) =>
      definition.kind === "map"
        ? forwardsUpgrade(http, definition.map.source, seen) ||
          [definition.map.default, ...definition.map.entries].some((entry) => entry !== null && forwardsUpgrade(http, entry.value, seen))
        : definition.value !== null && forwardsUpgrade(http, definition.value, seen),
    );
  });
}

/** How a Connection value fares in a WebSocket handshake. */
export type ConnectionVerdict =
  | { kind: "carries-upgrade" }
  /** The value comes from a map: judged by nginx/ws-connection-map. */
  | { kind: "map"; variable: string; map: MapModel }
  /** A variable nothing defines: nginx refuses to start; reported by nginx/ws-connection-map. */
  | { kind: "undefined"; variable: string }
  | { kind: "cannot-carry-upgrade" };

/** Whether the text without its variables names the `upgrade` connection option. */
function literalNamesUpgrade(value: string): boolean {
  const literal = value.replace(/\$(?:\{\w+\}|\w+)/g, " ");
  return literal.split(/[\s,]+/).some((token) => token.toLowerCase() === "upgrade");
}

/**
 * Whether `Connection: value` can carry `upgrade` during a handshake. `$http_connection` is the
 * client's own header, which a WebSocket client always sends with `Upgrade` in it.
 */
export function connectionVerdict(http: HttpScope, value: string, seen = new Set<string>()): ConnectionVerdict {
  if (literalNamesUpgrade(value)) return { kind: "carries-upgrade" };
  let verdict: ConnectionVerdict = { kind: "cannot-carry-upgrade" };
  for (const name of variableReferences(value)) {
    if (name === "http_connection") return { kind: "carries-upgrade" };
    if (isBuiltinVariable(name) || seen.has(name)) continue;
    seen.add(name);
    const definitions = definitionsOf(http, name);
    const map = definitions.find((definition) => definition.kind === "map");
    if (map !== undefined) {
      verdict = { kind: "map", variable: name, map: map.map };
      continue;
    }
    if (definitions.length === 0) {
      verdict = { kind: "undefined", variable: name };
      continue;
    }
    // A variable from `set` is judged by what it is set to. One computed by a module (js_set,
    // geo, ...) cannot be judged here, and is given the benefit of the doubt.
    const values = definitions.map((definition) => (definition.kind === "setter" ? definition.value : null));
    if (values.some((set) => set === null)) return { kind: "carries-upgrade" };
    if (values.every((set) => connectionVerdict(http, set!, seen).kind === "carries-upgrade")) return { kind: "carries-upgrade" };
  }
  return verdict;
}

/**
 * The entry a map picks for a WebSocket handshake (`Upgrade: websocket`), for a map keyed on
 * $http_upgrade: a string key (nginx compares them without case), else the first regex that
 * matches, else the default; null when there is no default (the value is then empty).
 */
export function mapEntryForHandshake(map: MapModel): MapEntry | null {
  const handshake = "websocket";
  const exact = map.entries.find((entry) => !entry.regex && entry.key.toLowerCase() === handshake);
  if (exact !== undefined) return exact;
  const regex = map.entries.find((entry) => entry.regex && safeRegexTest(entry, handshake));
  return regex ?? map.default;
}

function safeRegexTest(entry: MapEntry, text: string): boolean {
  try {
    return new RegExp(entry.key, entry.caseInsensitive ? "i" : "").test(text);
  } catch {
    // A PCRE construct JavaScript does not know: the map's other entries decide.
    return false;
  }
}

export function isKeyedOnUpgrade(map: MapModel): boolean {
  return map.source === "$http_upgrade" || map.source === "${http_upgrade}";
}
