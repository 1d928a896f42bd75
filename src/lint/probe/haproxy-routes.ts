// The WebSocket backends and listens of an HAProxy configuration, as routes to probe.
import type { LintSettings } from "../../engine/rule.js";
import type { HaproxyParseResult } from "../../haproxy/ast.js";
import { buildHaproxyModel, type ProxyModel } from "../../haproxy/model/index.js";
import { PROBE_COMMENT_HINT, probeCommentPaths, type WebSocketRoute } from "./routes.js";

/**
 * The WebSocket backends and listens of the files of one HAProxy configuration, in the order
 * HAProxy reads them; none when a file did not parse.
 */
export function haproxyWebSocketRoutes(results: readonly HaproxyParseResult[], settings: LintSettings): WebSocketRoute[] {
  if (results.some((result) => result.problems.length > 0)) return [];
  return buildHaproxyModel(results.map((result) => result.file), settings).websocketRoutes.map(proxyRoute);
}

function proxyRoute(proxy: ProxyModel): WebSocketRoute {
  const header = proxy.header;
  const last = proxy.lines.at(-1) ?? header;
  const { paths, noPathBecause } = probeCommentPaths(proxy.probePaths) ?? routePathsOf(proxy);
  return {
    name: proxy.label(),
    file: proxy.file.source.path,
    extent: { start: header.start, end: last.end },
    head: { start: header.words[0]!.start, end: header.words.at(-1)!.end },
    evidence: proxy.websocketEvidence.map((evidence) => evidence.message),
    paths,
    noPathBecause,
  };
}

/** The literal paths the routes into the proxy test (`path_beg /ws` gives `/ws`). */
function routePathsOf(proxy: ProxyModel): Pick<WebSocketRoute, "paths" | "noPathBecause"> {
  const paths = [...new Set(proxy.routePaths.map((found) => found.path))];
  if (paths.length > 0) return { paths, noPathBecause: null };
  return { paths, noPathBecause: `no route into it tests a literal path (like \`path_beg /ws\`); ${PROBE_COMMENT_HINT}` };
}
