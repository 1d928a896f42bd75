// nginx expands `include` patterns with the C library's glob(3), flags 0: `*`, `?` and `[...]`
// within one path segment, backslash escapes, a leading "." only matched by a literal ".", and
// the result sorted. nginx never calls setlocale(), so glob sorts in the C locale: by bytes.
import type { ConfigFileSystem } from "./file-system.js";

/** nginx's own test (strpbrk "*?[") for whether an include argument is a pattern. */
export function hasGlobMagic(path: string): boolean {
  return /[*?[]/.test(path);
}

/** Byte order of the UTF-8 encodings, which is what strcmp() gives glob in the C locale. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** The paths that match `pattern`, in the order nginx includes them. */
export function expandGlob(pattern: string, fileSystem: ConfigFileSystem): string[] {
  const segments = pattern.split("/").filter((segment) => segment !== "");
  let candidates = [pattern.startsWith("/") ? "/" : ""];
  for (const segment of segments) {
    const next: string[] = [];
    if (hasGlobMagic(segment)) {
      const matcher = segmentMatcher(segment);
      for (const base of candidates) {
        for (const name of fileSystem.list(base === "" ? "." : base) ?? []) {
          if (matcher.test(name)) next.push(joinSegment(base, name));
        }
      }
    } else {
      const literal = segment.replace(/\\(.)/gu, "$1");
      for (const base of candidates) next.push(joinSegment(base, literal));
    }
    candidates = next;
  }
  const lastSegment = segments.at(-1) ?? "";
  // Names read from a directory exist; a literal last segment still has to be checked.
  const matches = hasGlobMagic(lastSegment)
    ? candidates
    : candidates.filter((path) => fileSystem.exists(path));
  return matches.sort(compareBytes);
}

function joinSegment(base: string, name: string): string {
  if (base === "") return name;
  return base.endsWith("/") ? base + name : `${base}/${name}`;
}

/** A regular expression for one path segment of a glob pattern, anchored at both ends. */
export function segmentMatcher(segment: string): RegExp {
  // Code points, not UTF-16 units, so that `?` and brackets take a whole character.
  const chars = Array.from(segment);
  // A leading period is only matched by a literal one (POSIX glob without GLOB_PERIOD).
  let source = segment.startsWith(".") || segment.startsWith("\\.") ? "" : "(?!\\.)";
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (char === "*") {
      source += ".*";
    } else if (char === "?") {
      source += ".";
    } else if (char === "\\" && i + 1 < chars.length) {
      i++;
      source += escapeLiteral(chars[i]!);
    } else if (char === "[") {
      const bracket = parseBracket(chars, i);
      if (bracket === null) {
        source += escapeLiteral(char);
      } else {
        source += bracket.source;
        i = bracket.end;
      }
    } else {
      source += escapeLiteral(char);
    }
  }
  return new RegExp(`^${source}$`, "su");
}

/**
 * Parses `[...]` starting at `open`: `!` or `^` negates, a `]` right after the opening (or the
 * negation) is a member, `a-z` is a range. Returns null when the bracket is never closed, and
 * glob then takes the `[` literally.
 */
function parseBracket(chars: string[], open: number): { source: string; end: number } | null {
  let i = open + 1;
  let negated = false;
  if (chars[i] === "!" || chars[i] === "^") {
    negated = true;
    i++;
  }
  const members: string[] = [];
  let first = true;
  while (i < chars.length) {
    let char = chars[i]!;
    if (char === "]" && !first) {
      // An empty class (only reversed ranges) matches nothing, as in glob.
      const body = members.join("");
      if (body === "") return { source: negated ? "." : "(?!)", end: i };
      return { source: negated ? `[^${body}]` : `[${body}]`, end: i };
    }
    first = false;
    if (char === "\\" && i + 1 < chars.length) char = chars[++i]!;
    if (chars[i + 1] === "-" && i + 2 < chars.length && chars[i + 2] !== "]") {
      let last = chars[i + 2]!;
      i += 2;
      if (last === "\\" && i + 1 < chars.length) last = chars[++i]!;
      // A reversed range like z-a matches nothing; RegExp would reject it.
      if (char.codePointAt(0)! <= last.codePointAt(0)!) {
        members.push(`${escapeClassMember(char)}-${escapeClassMember(last)}`);
      }
    } else {
      members.push(escapeClassMember(char));
    }
    i++;
  }
  return null;
}

function escapeLiteral(char: string): string {
  return /[.*+?^${}()|[\]\\]/.test(char) ? `\\${char}` : char;
}

function escapeClassMember(char: string): string {
  return /[\\\]\[^-]/.test(char) ? `\\${char}` : char;
}
