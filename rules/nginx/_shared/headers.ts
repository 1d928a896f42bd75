// Fixes that add proxy_set_header lines to a route without losing the headers it inherits, and
// the `map` that computes the Connection header from the client's Upgrade header.
import type { TextEdit } from "../../../src/engine/finding.js";
import type { HttpScope, LocationScope } from "../../../src/nginx/model/index.js";
import { describeDirective } from "../../../src/nginx/model/index.js";
import { textLayout } from "../../../src/engine/text-layout.js";
import { insertIntoRoute } from "./edits.js";
import { proxiedLocationsOf, proxyHandler } from "./routes.js";
import { connectionVerdict, definitionsOf, isKeyedOnUpgrade, mapEntryForHandshake } from "./variables.js";

/**
 * Adds `proxy_set_header` lines to a route. A route that sets none of its own inherits the list of
 * an outer level, and would lose all of it by setting one header: the inherited lines (except the
 * headers being set) are copied in first, so that the fix changes nothing else.
 */
export function addHeadersToRoute(location: LocationScope, headers: readonly { name: string; value: string }[]): TextEdit | null {
  const newKeys = new Set(headers.map((header) => header.name.toLowerCase()));
  const inherited =
    location.own("proxy_set_header").length > 0
      ? []
      : location
          .effectiveList("proxy_set_header")
          .entries.filter((entry) => !newKeys.has((entry.directive.args[0] ?? "").toLowerCase()))
          .map((entry) => `${describeDirective(entry.directive)};`);
  return insertIntoRoute(location, [...inherited, ...headers.map((header) => `proxy_set_header ${header.name} ${header.value};`)]);
}

export const CONNECTION_UPGRADE_VARIABLE = "connection_upgrade";

const keepaliveByHttp = new WeakMap<HttpScope, boolean>();

/**
 * Whether the map for the Connection header should leave `close` out: some WebSocket route of the
 * http level proxies to an upstream that keeps idle connections open, which `Connection: close`
 * on its other requests would defeat. Decided for the whole http level, since one map serves all
 * of its routes, whichever route's fix inserts it.
 */
export function connectionMapKeepsAlive(http: HttpScope): boolean {
  let answer = keepaliveByHttp.get(http);
  if (answer === undefined) {
    answer = proxiedLocationsOf(http).some(
      (location) => location.isWebSocketRoute && (proxyHandler(location)?.upstream?.keepalive?.connections ?? 0) > 0,
    );
    keepaliveByHttp.set(http, answer);
  }
  return answer;
}

/**
 * `map $http_upgrade $connection_upgrade { default upgrade; '' close; }` as lines. With upstream
 * keepalive, requests without Upgrade send an empty Connection header instead of `close`, so that
 * nginx can keep reusing the upstream connection.
 */
export function connectionMapLines(variable: string, keepalive: boolean): [depth: number, text: string][] {
  return [
    [0, `map $http_upgrade $${variable} {`],
    [1, "default upgrade;"],
    [1, keepalive ? "'' '';" : "'' close;"],
    [0, "}"],
  ];
}

/**
 * Inserts a map block where the http level's new maps go (before its first server, in its own
 * file), written in that file's indentation and line endings. Null for the http level implied
 * by a file of locations, where no map may stand.
 */
export function insertMapBlock(http: HttpScope, lines: readonly (readonly [depth: number, text: string])[]): TextEdit | null {
  const point = http.mapInsertionPoint();
  if (point === null) return null;
  const home = http.block?.file ?? http.directives.find((directive) => directive.file.source.path === point.file)?.file;
  if (home === undefined) return null;
  const text = home.source.text;
  const { eol, unit } = textLayout(text);
  const rendered = lines.map(([depth, line]) => point.indent + unit.repeat(depth) + line + eol);
  const close = http.block?.node.close ?? null;
  const atClosingBrace = close !== null && point.offset >= text.lastIndexOf("\n", close.start.offset - 1) + 1;
  const startsLine = point.offset === 0 || text[point.offset - 1] === "\n";
  // A blank line between the map and the server below it; none before the closing brace.
  const body = rendered.join("") + (atClosingBrace || !startsLine ? "" : eol);
  return { file: point.file, range: [point.offset, point.offset], text: startsLine ? body : eol + body };
}

export function connectionMapEdit(http: HttpScope, variable: string, keepalive: boolean): TextEdit | null {
  return insertMapBlock(http, connectionMapLines(variable, keepalive));
}

/**
 * The map as a fix: only into an http block the linted files hold. Without one (a conf.d
 * fragment) the map belongs in the http block of the main nginx.conf, which wslint did not read
 * and which may define it already; inserting it blindly could define it twice.
 */
export function insertConnectionMap(http: HttpScope, variable: string, keepalive: boolean): TextEdit | null {
  return http.block === null ? null : connectionMapEdit(http, variable, keepalive);
}

/** Whether the http level defines `$connection_upgrade` by a map that sends `upgrade` in a handshake. */
export function hasWorkingConnectionMap(http: HttpScope): boolean {
  const definitions = definitionsOf(http.variables, CONNECTION_UPGRADE_VARIABLE);
  return (
    definitions.length > 0 &&
    definitions.every((definition) => {
      if (definition.map === null || !isKeyedOnUpgrade(definition.map)) return false;
      const entry = mapEntryForHandshake(definition.map);
      return entry !== null && connectionVerdict(http.variables, entry.value).kind === "carries-upgrade";
    })
  );
}
