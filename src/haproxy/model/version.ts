// The HAProxy version a configuration is meant for (`haproxy.version` / `--haproxy-version`),
// which decides `.if version_atleast(...)` branches and which keywords exist (`ws` on servers
// needs 2.5).

export interface HaproxyVersion {
  /** As given ("2.4", "2.8.5"). */
  text: string;
  /** [major, minor, patch]; patch is null when only `X.Y` was given (any patch release of it). */
  parts: readonly [number, number, number | null];
}

/** What the model assumes when the settings name no version: the oldest branch still common in the field. */
export const DEFAULT_HAPROXY_VERSION = "2.4";

/** Accepts `X.Y` and `X.Y.Z`; anything else is a usage error the caller reports. */
export function parseHaproxyVersion(text: string): HaproxyVersion | null {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (match === null) return null;
  return { text: text.trim(), parts: [Number(match[1]), Number(match[2]), match[3] === undefined ? null : Number(match[3])] };
}

/** A version written in a `.if` predicate: `2.5`, `2.4.18`, `2.5-dev3` (before 2.5's release). */
interface PredicateVersion {
  numbers: number[];
  /** `-devN` and other suffixes come before the release they name. */
  prerelease: boolean;
}

function parsePredicateVersion(text: string): PredicateVersion | null {
  const match = /^(\d+(?:\.\d+)*)(-.*)?$/.exec(text.trim());
  if (match === null) return null;
  return { numbers: match[1]!.split(".").map(Number), prerelease: match[2] !== undefined };
}

/**
 * Compares the target version with `text` as `.if version_atleast(text)` does: true, false, or
 * null when the answer depends on the patch release the target leaves open (`2.4` against
 * `2.4.5`) or `text` is not a version.
 */
export function targetAtLeast(target: HaproxyVersion, text: string): boolean | null {
  const wanted = parsePredicateVersion(text);
  if (wanted === null) return null;
  const [major, minor, patch] = target.parts;
  const known = patch === null ? [major, minor] : [major, minor, patch];
  for (let i = 0; i < Math.max(known.length, wanted.numbers.length); i++) {
    const mine = known[i];
    const theirs = wanted.numbers[i] ?? 0;
    // Past what the target pins down: every patch release is at least .0, and only some reach .5.
    if (mine === undefined) return theirs === 0 ? true : null;
    if (mine !== theirs) return mine > theirs;
  }
  // Equal numbers: the target is that release, which is also after its own prereleases.
  return true;
}

export function versionAtLeast(version: HaproxyVersion, since: readonly [number, number]): boolean {
  const [major, minor] = version.parts;
  return major !== since[0] ? major > since[0] : minor >= since[1];
}
