// Where a variable used in a header gets its value, and what that value can be during a
// WebSocket handshake: the questions the Upgrade and Connection rules ask of maps and `set`.
import type { MapEntry, MapModel, VariableDefinition, VariableIndex } from "../../../src/nginx/model/index.js";
import { isBuiltinVariable, variableReferences } from "../../../src/nginx/model/index.js";

/** The places the http level defines `$name` (given without `$`): stream variables are another module's. */
export function definitionsOf(variables: VariableIndex, name: string): VariableDefinition[] {
  return variables.definitions(name).filter((definition) => definition.protocol === "http");
}

/**
 * The value a `set` or `auth_request_set` gives, as written; null for a variable nginx or a module
 * computes per request (map, geo, split_clients, perl_set, js_set, a regex capture).
 */
function writtenValue(definition: VariableDefinition): string | null {
  return definition.origin === "set" || definition.origin === "auth_request_set" ? (definition.directive.args[1] ?? "") : null;
}

/**
 * Remembers a question's answers by value, per variable index: every WebSocket route of a
 * configuration asks it, and they mostly send the same few header values.
 */
function answeredOnce<Answer>(
  answer: (variables: VariableIndex, value: string) => Answer,
): (variables: VariableIndex, value: string) => Answer {
  const answersByIndex = new WeakMap<VariableIndex, Map<string, Answer>>();
  return (variables, value) => {
    let answers = answersByIndex.get(variables);
    if (answers === undefined) {
      answers = new Map();
      answersByIndex.set(variables, answers);
    }
    let known = answers.get(value);
    if (known === undefined) {
      known = answer(variables, value);
      answers.set(value, known);
    }
    return known;
  };
}

/**
 * Whether a value holds the client's Upgrade header, or the literal `websocket`: directly
 * ($http_upgrade), or through maps and `set`s computed from it.
 */
export const forwardsUpgrade = answeredOnce((variables, value) => valueForwardsUpgrade(variables, value, new Set()));

function valueForwardsUpgrade(variables: VariableIndex, value: string, seen: Set<string>): boolean {
  if (value.trim().toLowerCase() === "websocket") return true;
  return variableReferences(value).some((name) => {
    if (name === "http_upgrade") return true;
    if (seen.has(name)) return false;
    seen.add(name);
    return definitionsOf(variables, name).some((definition) => {
      const { map } = definition;
      if (map !== null) {
        return (
          valueForwardsUpgrade(variables, map.source, seen) ||
          [map.default, ...map.entries].some((entry) => entry !== null && valueForwardsUpgrade(variables, entry.value, seen))
        );
      }
      const value = writtenValue(definition);
      return value !== null && valueForwardsUpgrade(variables, value, seen);
    });
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
export const connectionVerdict = answeredOnce((variables, value) => judgeConnection(variables, value, new Set()));

function judgeConnection(variables: VariableIndex, value: string, seen: Set<string>): ConnectionVerdict {
  if (literalNamesUpgrade(value)) return { kind: "carries-upgrade" };
  let verdict: ConnectionVerdict = { kind: "cannot-carry-upgrade" };
  for (const name of variableReferences(value)) {
    if (name === "http_connection") return { kind: "carries-upgrade" };
    if (isBuiltinVariable(name) || seen.has(name)) continue;
    seen.add(name);
    const definitions = definitionsOf(variables, name);
    const map = definitions.find((definition) => definition.map !== null)?.map ?? null;
    if (map !== null) {
      verdict = { kind: "map", variable: name, map };
      continue;
    }
    if (definitions.length === 0) {
      verdict = { kind: "undefined", variable: name };
      continue;
    }
    // A variable from `set` is judged by what it is set to. One computed per request (js_set,
    // geo, a regex capture, ...) cannot be judged here, and is given the benefit of the doubt.
    const values = definitions.map(writtenValue);
    if (values.some((set) => set === null)) return { kind: "carries-upgrade" };
    if (values.every((set) => judgeConnection(variables, set!, seen).kind === "carries-upgrade")) return { kind: "carries-upgrade" };
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

/**
 * Whether what `value` comes to may hang on text wslint could not read: it uses a variable that
 * nothing read defines while an include in an http block could not be read (the definition may be
 * there), or one computed by a map with an unreadable include (the entry that matters may be
 * there), directly or through the maps and `set`s it is computed from. Definitions that were read
 * are judged as written.
 */
export const dependsOnUnreadText = answeredOnce((variables, value) => valueDependsOnUnreadText(variables, value, new Set()));

function valueDependsOnUnreadText(variables: VariableIndex, value: string, seen: Set<string>): boolean {
  return variableReferences(value).some((name) => {
    if (isBuiltinVariable(name) || seen.has(name)) return false;
    seen.add(name);
    const definitions = definitionsOf(variables, name);
    if (definitions.length === 0) return !variables.isComplete("http");
    return definitions.some((definition) => {
      const { map } = definition;
      if (map !== null) {
        return (
          map.hasUnreadableInclude ||
          [map.default, ...map.entries].some((entry) => entry !== null && valueDependsOnUnreadText(variables, entry.value, seen))
        );
      }
      const written = writtenValue(definition);
      return written !== null && valueDependsOnUnreadText(variables, written, seen);
    });
  });
}
