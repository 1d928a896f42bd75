// The WebSocket routes of a linted configuration as `wslint lint --probe` sees them: where each
// is written (its findings lie there), why it is a WebSocket route (its findings carry that
// evidence), and the paths a live handshake can try through it, or why there is none.
import type { HaproxyParseResult } from "../../haproxy/ast.js";
import { buildHaproxyModel, type ProxyModel } from "../../haproxy/model/index.js";
import type { LintSettings } from "../../engine/rule.js";
import type { NginxConfig } from "../../load/nginx-config.js";
import { buildNginxModel, describeDirective, type LocationScope } from "../../nginx/model/index.js";
import type { Span } from "../../syntax/source.js";

export interface WebSocketRoute {
  /**
   * How the configuration names it: `location /ws`, `backend 'be_ws'` (as a finding about a
   * frontend names the backend it routes to).
   */
  name: string;
  /** The file it is written in. */
  file: string;
  /** The whole location block or section: a finding inside it is about this route. */
  extent: Span;
  /** Its first line (`location /ws {`, `backend be_ws`), where a report about it points. */
  head: Span;
  /** Why it was taken for a WebSocket route, as the route's findings carry it in `evidence`. */
  evidence: string[];
  /** Paths to probe through it, each starting with `/`; empty when none is known. */
  paths: string[];
  /** Why no path is known; null when `paths` has some. */
  noPathBecause: string | null;
}

const PROBE_COMMENT = "name one with a `# wslint: probe /path` comment";

/** The WebSocket locations of an nginx configuration; none when a file did not parse (lint reports that instead). */
export function nginxWebSocketRoutes(config: NginxConfig, settings: LintSettings): WebSocketRoute[] {
  if ([...config.files.values()].some((result) => result.problems.length > 0)) return [];
  return buildNginxModel(config, settings).websocketRoutes.map(locationRoute);
}

function locationRoute(location: LocationScope): WebSocketRoute {
  const node = location.block.node;
  const name = describeDirective(location.block);
  const { paths, noPathBecause } = locationPaths(location);
  return {
    name,
    file: location.block.file.source.path,
    extent: { start: node.start, end: node.end },
    head: { start: node.start, end: (node.args.at(-1) ?? node.nameWord).end },
    evidence: location.websocketEvidence.map((evidence) => evidence.message),
    paths,
    noPathBecause,
  };
}

/** `# wslint: probe` paths win; else the path an exact or prefix location names. */
function locationPaths(location: LocationScope): Pick<WebSocketRoute, "paths" | "noPathBecause"> {
  if (location.probePaths.length > 0) return { paths: location.probePaths, noPathBecause: null };
  const { modifier, pattern } = location.match;
  switch (modifier) {
    case "~":
    case "~*":
      return { paths: [], noPathBecause: `a regex location names no path to probe; ${PROBE_COMMENT}` };
    case "@":
      return { paths: [], noPathBecause: `a named location is reached only by internal redirects; ${PROBE_COMMENT}` };
    default:
      return pattern.startsWith("/")
        ? { paths: [pattern], noPathBecause: null }
        : { paths: [], noPathBecause: `"${pattern}" is not a path; ${PROBE_COMMENT}` };
  }
}

/** The WebSocket backends and listens of an HAProxy file; none when it did not parse. */
export function haproxyWebSocketRoutes(result: HaproxyParseResult, settings: LintSettings): WebSocketRoute[] {
  if (result.problems.length > 0) return [];
  return buildHaproxyModel([result.file], settings).websocketRoutes.map(proxyRoute);
}

function proxyRoute(proxy: ProxyModel): WebSocketRoute {
  const header = proxy.header;
  const last = proxy.lines.at(-1) ?? header;
  const paths = proxy.probePaths.length > 0 ? proxy.probePaths : [...new Set(proxy.routePaths.map((found) => found.path))];
  return {
    name: proxy.label(),
    file: proxy.file.source.path,
    extent: { start: header.start, end: last.end },
    head: { start: header.words[0]!.start, end: header.words.at(-1)!.end },
    evidence: proxy.websocketEvidence.map((evidence) => evidence.message),
    paths,
    noPathBecause:
      paths.length > 0 ? null : `no route into it tests a literal path (like \`path_beg /ws\`); ${PROBE_COMMENT}`,
  };
}

/**
 * A file included in two places gives the same location twice (once per server that includes
 * it): it is one route in the file, probed once.
 */
export function uniqueRoutes(routes: readonly WebSocketRoute[]): WebSocketRoute[] {
  const seen = new Set<string>();
  return routes.filter((route) => {
    const key = `${route.file}\0${route.extent.start.offset}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
