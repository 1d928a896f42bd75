// The nginx version the configuration is meant for, which decides some built-in defaults.

export interface NginxVersion {
  /** As given ("1.25.3"), or null when the user did not say. */
  text: string | null;
  /** [major, minor, patch]; null when unknown. */
  parts: readonly [number, number, number] | null;
}

export const UNKNOWN_VERSION: NginxVersion = { text: null, parts: null };

/** Accepts `X.Y` and `X.Y.Z`; anything else is a usage error the caller reports. */
export function parseNginxVersion(text: string): NginxVersion | null {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (match === null) return null;
  return { text: text.trim(), parts: [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] };
}

/**
 * Whether `version` is at least `since`. An unknown version counts as older than every change
 * the model knows of: most servers in the field run a release from before the newest defaults,
 * and assuming the old defaults makes wslint ask for settings that are harmless on newer nginx.
 */
export function versionAtLeast(version: NginxVersion, since: readonly [number, number, number]): boolean {
  if (version.parts === null) return false;
  for (let i = 0; i < 3; i++) {
    if (version.parts[i] !== since[i]) return version.parts[i]! > since[i]!;
  }
  return true;
}
