// The `ignore` globs of wslint.config.json: `**` for any number of directories, and `*`, `?`,
// `[...]` within one path segment. A glob is matched against the path relative to the config
// file's directory, and also ignores everything below a directory it matches (`vendor` is
// `vendor/**`).
import { relative, sep } from "node:path";
import { segmentMatcher } from "../load/glob.js";

type SegmentTest = RegExp | "**";

function compile(glob: string): SegmentTest[] {
  return glob
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .map((segment) => (segment === "**" ? "**" : segmentMatcher(segment)));
}

/** Whether the glob matches the first segments of `segments` (a whole path or a directory above it). */
function matchesPrefix(tests: readonly SegmentTest[], segments: readonly string[]): boolean {
  const from = (test: number, segment: number): boolean => {
    if (test === tests.length) return segment > 0;
    const current = tests[test]!;
    if (current === "**") {
      for (let skip = segment; skip <= segments.length; skip++) if (from(test + 1, skip)) return true;
      return false;
    }
    return segment < segments.length && current.test(segments[segment]!) && from(test + 1, segment + 1);
  };
  return from(0, 0);
}

export class IgnoreGlobs {
  private readonly tests: SegmentTest[][];

  constructor(
    globs: readonly string[],
    private readonly directory: string,
  ) {
    this.tests = globs.map(compile);
  }

  /** `absolutePath` is ignored when a glob matches it or one of its directories below the config's. */
  ignores(absolutePath: string): boolean {
    const path = relative(this.directory, absolutePath);
    if (path === "" || path.startsWith("..")) return false;
    const segments = path.split(sep);
    return this.tests.some((tests) => matchesPrefix(tests, segments));
  }
}
