// The WebSocket routes of a linted configuration as `wslint lint --probe` sees them: where each
// is written (its findings lie there), why it is a WebSocket route (its findings carry that
// evidence), and the paths a live handshake can try through it, or why there is none. Each
// dialect finds its own (nginx-routes.ts, haproxy-routes.ts), loaded with that dialect only.
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

/** How the reason for a missing path ends: what the user can do about it. */
export const PROBE_COMMENT_HINT = "name one with a `# wslint: probe /path` comment";

/**
 * The paths `# wslint: probe` comments name, or, when one of them is not a path, no path and
 * why; null when there is no such comment.
 */
export function probeCommentPaths(paths: readonly string[]): Pick<WebSocketRoute, "paths" | "noPathBecause"> | null {
  if (paths.length === 0) return null;
  const notAPath = paths.find((path) => !path.startsWith("/"));
  if (notAPath === undefined) return { paths: [...paths], noPathBecause: null };
  return { paths: [], noPathBecause: `"# wslint: probe ${notAPath}" names no path: a path starts with /` };
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
