// haproxy/ws-timeout-misplaced: a timeout written in a section kind HAProxy ignores it in. A
// frontend has no server side, so its `timeout tunnel`, `timeout server` and `timeout server-fin`
// do nothing; a backend has no client side, so its `timeout client` and `timeout client-fin` do
// nothing. HAProxy only warns at start-up, and WebSockets keep the timeouts really in force.
import type { Rule } from "../../../src/engine/rule.js";
import type { HaproxyNodeKinds, PlacedStatement, ProxyModel, TimeoutName } from "../../../src/haproxy/model/index.js";
import { formatHaproxyDuration, PROXY_TIMEOUTS, tunnelTimeouts } from "../../../src/haproxy/model/index.js";
import { evidenceThrough, websocketBackendsOf, wordsSpan } from "../_shared/proxies.js";

/** The timeouts that decide how long a WebSocket lives, by the only side that reads each. */
const TUNNEL_TIMEOUTS: readonly TimeoutName[] = ["tunnel", "server", "server-fin", "client", "client-fin"];

function misplacedTimeout(statement: PlacedStatement, proxy: ProxyModel): TimeoutName | null {
  const match = /^timeout (.+)$/.exec(statement.keyword);
  const name = TUNNEL_TIMEOUTS.find((candidate) => candidate === match?.[1]);
  if (name === undefined) return null;
  const side = PROXY_TIMEOUTS[name];
  return (side === "backend" && proxy.kind === "frontend") || (side === "frontend" && proxy.kind === "backend") ? name : null;
}

/** What the WebSocket traffic of `backend` entering through `frontend` gets instead. */
function inForceInstead(name: TimeoutName, frontend: ProxyModel | null, backend: ProxyModel): string {
  if (name === "tunnel" && frontend !== null) {
    const timeouts = tunnelTimeouts(frontend, backend);
    if (timeouts.tunnel.isSet) return `${backend.label()} uses its own: ${timeouts.tunnel.describe()}`;
    if (timeouts.idle !== null) {
      return `idle WebSocket connections to ${backend.label()} are still closed after ${formatHaproxyDuration(timeouts.idle.value!)} (${timeouts.idle.describe()})`;
    }
    return `it sets no limit on WebSocket connections to ${backend.label()}`;
  }
  const reader = PROXY_TIMEOUTS[name] === "backend" ? backend : frontend;
  if (reader === null) return `it does not apply to the WebSocket traffic of ${backend.label()}`;
  const inForce = reader.effectiveTimeout(name);
  const closed = inForce.isSet
    ? `: ${name.endsWith("-fin") ? "half-closed" : "idle"} connections are closed after ${formatHaproxyDuration(inForce.value!)}`
    : "";
  return `WebSocket connections to ${backend.label()} keep what ${reader.label()} has (${inForce.describe()})${closed}`;
}

export const wsTimeoutMisplaced: Rule<HaproxyNodeKinds> = {
  meta: {
    id: "haproxy/ws-timeout-misplaced",
    description: "Tunnel and server-side timeouts belong in backends, client-side timeouts in frontends: HAProxy ignores them elsewhere.",
    defaultSeverity: "warning",
    fixable: false,
    docs: "rules/haproxy/ws-timeout-misplaced/README.md",
  },
  create(context) {
    return {
      proxy(proxy) {
        let backends: ProxyModel[];
        if (proxy.kind === "frontend") backends = websocketBackendsOf(proxy);
        else if (proxy.kind === "backend" && proxy.isWebSocketRoute) backends = [proxy];
        else return;
        if (backends.length === 0) return;
        const backend = backends[0]!;
        // The frontend the traffic comes from: this one, or the first that routes to this backend.
        const frontend = proxy.kind === "frontend" ? proxy : (backend.routesIn[0]?.from ?? null);

        for (const statement of proxy.statements) {
          const name = misplacedTimeout(statement, proxy);
          if (name === null) continue;
          const readBy = PROXY_TIMEOUTS[name] === "backend" ? "backends" : "frontends";
          const destination =
            proxy.kind === "frontend"
              ? backends.map((target) => target.label()).join(", ")
              : frontend === null
                ? "the frontend that receives these connections"
                : [...new Set(backend.routesIn.map((route) => route.from.label()))].join(", ");
          const written = statement.node.words.map((word) => word.raw).join(" ");
          context.report({
            message:
              `"${written}" in ${proxy.label()} is ignored: HAProxy reads timeout ${name} only in ${readBy}, listens and defaults sections, ` +
              `so ${inForceInstead(name, frontend, backend)}. Move it to ${destination}, or to a defaults section they use.`,
            evidence: evidenceThrough(proxy, backends),
            file: statement.file.source.path,
            span: wordsSpan(statement.node),
          });
        }
      },
    };
  },
};
