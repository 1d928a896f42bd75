// The WebSocket locations of an nginx configuration, as routes to probe.
import type { LintSettings } from "../../engine/rule.js";
import type { NginxConfig } from "../../load/nginx-config.js";
import { buildNginxModel, describeDirective, type LocationScope } from "../../nginx/model/index.js";
import { PROBE_COMMENT_HINT, probeCommentPaths, type WebSocketRoute } from "./routes.js";

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
  const annotated = probeCommentPaths(location.probePaths);
  if (annotated !== null) return annotated;
  const { modifier, pattern } = location.match;
  switch (modifier) {
    case "~":
    case "~*":
      return { paths: [], noPathBecause: `a regex location names no path to probe; ${PROBE_COMMENT_HINT}` };
    case "@":
      return { paths: [], noPathBecause: `a named location is reached only by internal redirects; ${PROBE_COMMENT_HINT}` };
    default:
      return pattern.startsWith("/")
        ? { paths: [pattern], noPathBecause: null }
        : { paths: [], noPathBecause: `"${pattern}" is not a path; ${PROBE_COMMENT_HINT}` };
  }
}
