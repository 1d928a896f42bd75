// `--include-map /etc/nginx=./deploy/nginx`: a config copied off its server still names the
// server's paths in its includes; a mapping rewrites a path prefix to where the files are now.
import { join, normalize } from "node:path";

export interface IncludeMapping {
  /** The path prefix as the configuration names it, without a trailing slash. */
  from: string;
  /** The local directory that stands in for it. */
  to: string;
}

export class IncludeMappingSyntaxError extends Error {}

/** Parses `FROM=TO`; both sides must be non-empty. */
export function parseIncludeMapping(text: string): IncludeMapping {
  const equals = text.indexOf("=");
  const from = equals === -1 ? "" : text.slice(0, equals);
  const to = equals === -1 ? "" : text.slice(equals + 1);
  if (from === "" || to === "") {
    throw new IncludeMappingSyntaxError(
      `--include-map expects FROM=TO (like /etc/nginx=./deploy/nginx), got "${text}"`,
    );
  }
  return { from: stripTrailingSlash(normalize(from)), to: normalize(to) };
}

/**
 * Rewrites `path` by the mapping with the longest `from` that is a whole-segment prefix of it
 * (`/etc/nginx` maps `/etc/nginx/x` but not `/etc/nginx2/x`); unmapped paths come back as they are.
 */
export function applyIncludeMap(path: string, mappings: readonly IncludeMapping[]): string {
  let best: IncludeMapping | null = null;
  for (const mapping of mappings) {
    const matches =
      path === mapping.from || path.startsWith(mapping.from === "/" ? "/" : `${mapping.from}/`);
    if (matches && (best === null || mapping.from.length > best.from.length)) best = mapping;
  }
  if (best === null) return path;
  return join(best.to, path.slice(best.from.length));
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}
