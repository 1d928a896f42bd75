// What a `location` matches: its modifier and pattern, the path segments it names, and which
// location nginx picks for a request URI (ngx_http_core_find_location).

export type LocationModifier = "=" | "^~" | "~" | "~*" | "@" | null;

export interface LocationMatch {
  modifier: LocationModifier;
  /** The URI prefix, the exact URI, the regular expression, or the name after `@`. */
  pattern: string;
}

/** Reads `location [modifier] pattern`, including the forms written without a space (`=/x`, `~*\.js$`, `@name`). */
export function parseLocationArgs(args: readonly string[]): LocationMatch {
  if (args.length >= 2) {
    const modifier = args[0]!;
    if (modifier === "=" || modifier === "^~" || modifier === "~" || modifier === "~*") {
      return { modifier, pattern: args[1]! };
    }
  }
  const only = args[0] ?? "";
  if (only.startsWith("@")) return { modifier: "@", pattern: only.slice(1) };
  if (only.startsWith("~*")) return { modifier: "~*", pattern: only.slice(2) };
  if (only.startsWith("~")) return { modifier: "~", pattern: only.slice(1) };
  if (only.startsWith("^~")) return { modifier: "^~", pattern: only.slice(2) };
  if (only.startsWith("=")) return { modifier: "=", pattern: only.slice(1) };
  return { modifier: null, pattern: only };
}

export function isRegexModifier(modifier: LocationModifier): boolean {
  return modifier === "~" || modifier === "~*";
}

/**
 * The path segments a location names. For a prefix or exact location, its `/`-separated parts;
 * for a regex, the `/`-separated parts of its literal runs (`^/(ws|live)/` gives `ws` and `live`,
 * `\.php$` gives `.php`); for a named location, its name.
 */
export function locationSegments(match: LocationMatch): string[] {
  if (match.modifier === "@") return [match.pattern];
  if (isRegexModifier(match.modifier)) return regexLiteralRuns(match.pattern).flatMap(pathSegments);
  return pathSegments(match.pattern);
}

export function pathSegments(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

/**
 * The runs of characters a regex matches literally, split wherever regex syntax stands between
 * them. A quantified character is left out of its run, so `/wss?` gives `/ws`.
 */
function regexLiteralRuns(pattern: string): string[] {
  const runs: string[] = [];
  let run = "";
  const flush = () => {
    if (run !== "") runs.push(run);
    run = "";
  };
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "\\") {
      const next = pattern[i + 1];
      i++;
      // `\.`, `\/`, `\-` stand for themselves; `\d`, `\w`, `\b` and the like are classes.
      if (next !== undefined && !/[A-Za-z0-9]/.test(next)) run += next;
      else flush();
    } else if (char === "[") {
      flush();
      const close = pattern.indexOf("]", i + 2);
      i = close === -1 ? pattern.length : close;
    } else if (char === "(") {
      flush();
      // Skip a group's opening syntax: (?:  (?<name>  (?P<name>  (?i)
      const opening = /^\(\?(?:P?<\w+>|[:=!]|<[=!]|[a-zA-Z-]+\)|[a-zA-Z-]+:)?/.exec(pattern.slice(i));
      if (opening !== null) i += opening[0].length - 1;
    } else if (char === "?" || char === "*" || char === "+" || char === "{") {
      run = run.slice(0, -1);
      flush();
      if (char === "{") {
        const close = pattern.indexOf("}", i);
        i = close === -1 ? pattern.length : close;
      }
    } else if ("^$|).".includes(char)) {
      flush();
    } else {
      run += char;
    }
  }
  flush();
  return runs;
}

/** A location regex as JavaScript can run it, or null when it uses PCRE syntax JavaScript lacks. */
export function compileLocationRegex(pattern: string, caseInsensitive: boolean): RegExp | null {
  let source = pattern.replace(/\(\?P</g, "(?<");
  let flags = caseInsensitive ? "i" : "";
  const inlineFlags = /^\(\?([a-z]+)\)/.exec(source);
  if (inlineFlags !== null && /^[ims]+$/.test(inlineFlags[1]!)) {
    for (const flag of inlineFlags[1]!) if (!flags.includes(flag)) flags += flag;
    source = source.slice(inlineFlags[0].length);
  }
  try {
    return new RegExp(source, flags);
  } catch {
    return null;
  }
}

/** What location selection needs of a location. */
export interface SelectableLocation<L> {
  match: LocationMatch;
  /** Locations nested directly inside it. */
  nested: readonly L[];
  /** Whether the regex matches `uri`; only asked of regex locations. */
  regexMatches(uri: string): boolean;
}

/**
 * The location nginx uses for a request URI among `locations` (one server's, or one location's
 * nested ones): an exact match; otherwise the longest prefix, looked up further among its nested
 * locations; then, unless that prefix is `^~`, the first regex in order that matches, whose
 * nested locations are looked up the same way. Named locations are never chosen.
 */
export function selectLocation<L extends SelectableLocation<L>>(locations: readonly L[], uri: string): L | null {
  return find(locations, uri).location;
}

function find<L extends SelectableLocation<L>>(
  locations: readonly L[],
  uri: string,
): { location: L | null; final: boolean } {
  let longest: L | null = null;
  for (const location of locations) {
    const { modifier, pattern } = location.match;
    if (modifier === "=" && pattern === uri) return { location, final: true };
    if ((modifier === null || modifier === "^~") && uri.startsWith(pattern)) {
      if (longest === null || pattern.length > longest.match.pattern.length) longest = location;
    }
  }
  let best = longest;
  if (longest !== null && longest.nested.length > 0) {
    const nested = find(longest.nested, uri);
    if (nested.final) return nested;
    best = nested.location ?? longest;
  }
  if (longest?.match.modifier === "^~") return { location: best, final: true };
  for (const location of locations) {
    if (!isRegexModifier(location.match.modifier) || !location.regexMatches(uri)) continue;
    const nested = location.nested.length > 0 ? find(location.nested, uri).location : null;
    return { location: nested ?? location, final: true };
  }
  return { location: best, final: false };
}
