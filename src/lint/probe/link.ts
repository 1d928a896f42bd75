// Which static findings are about which WebSocket route, so that a probe result can name the
// findings that explain it.
import type { Finding } from "../../engine/finding.js";
import type { WebSocketRoute } from "./routes.js";

function lies(finding: Finding, route: WebSocketRoute): boolean {
  return (
    finding.file === route.file &&
    finding.start.offset >= route.extent.start.offset &&
    finding.end.offset <= route.extent.end.offset
  );
}

/**
 * A finding names a route when it carries the route's evidence: the rules give every finding
 * about a route the reasons it is one, introduced by `frontend 'x' routes to backend 'y': ` for
 * a finding about a frontend in front of it.
 */
function names(finding: Finding, route: WebSocketRoute): boolean {
  const lines = finding.evidence ?? [];
  return (
    route.evidence.length > 0 &&
    route.evidence.every((reason) => lines.some((line) => line === reason || line.endsWith(`${route.name}: ${reason}`)))
  );
}

/** Of routes that all contain the finding, the one nested deepest: the smallest. */
function innermost(routes: readonly WebSocketRoute[]): WebSocketRoute {
  return routes.reduce((best, route) =>
    route.extent.end.offset - route.extent.start.offset < best.extent.end.offset - best.extent.start.offset ? route : best,
  );
}

/**
 * The findings of each route: those it names, or that lie inside its block or section. Routes
 * can share evidence (two `location /ws/` in two servers): then a finding that lies inside one
 * of them is that one's; a finding outside all of them is each one's.
 */
export function findingsByRoute(routes: readonly WebSocketRoute[], findings: readonly Finding[]): Map<WebSocketRoute, Finding[]> {
  const linked = new Map(routes.map((route) => [route, [] as Finding[]]));
  for (const finding of findings) {
    const named = routes.filter((route) => names(finding, route));
    const candidates = named.length > 0 ? named : routes;
    const containing = candidates.filter((route) => lies(finding, route));
    const owners = containing.length > 0 ? [innermost(containing)] : named;
    for (const owner of owners) linked.get(owner)!.push(finding);
  }
  return linked;
}
