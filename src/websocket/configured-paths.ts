// The `websocket.paths` entries of wslint.config.json, as both dialects match them against the
// paths of their routes.

/**
 * A matcher for an entry written as a glob (`*` within a segment, `**` across segments, `?` one
 * character), which takes a route's path with or without its final slash; null for an entry
 * without glob characters, which each dialect compares as a path prefix.
 */
export function configuredPathGlob(entry: string): ((routePath: string) => boolean) | null {
  if (!/[*?]/.test(entry)) return null;
  const pattern = globPattern(entry);
  return (routePath) => pattern.test(routePath) || pattern.test(routePath.replace(/\/$/, ""));
}

function globPattern(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === "*" && glob[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (char === "*") {
      source += "[^/]*";
    } else if (char === "?") {
      source += "[^/]";
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}
