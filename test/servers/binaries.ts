// Where the real servers are, and what to do when one is missing. This module must not import
// vitest: the global setup (which runs outside any test file) uses it too.
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

export type ServerName = "nginx" | "haproxy";

const SERVER_NAMES: readonly ServerName[] = ["nginx", "haproxy"];

/** `WSLINT_NGINX=/opt/nginx/sbin/nginx` points the harness at another build. */
const OVERRIDE_VARIABLE: Record<ServerName, string> = {
  nginx: "WSLINT_NGINX",
  haproxy: "WSLINT_HAPROXY",
};

/** Set by .ci/run: in CI a missing server is a failure, not a skip. */
export function serversRequired(): boolean {
  return process.env.WSLINT_REQUIRE_SERVERS === "1";
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const found = new Map<ServerName, string | undefined>();

/** The absolute path of the server binary, or undefined when it is not installed. */
export function findServer(name: ServerName): string | undefined {
  if (found.has(name)) return found.get(name);
  const override = process.env[OVERRIDE_VARIABLE[name]];
  // Debian installs both in /usr/sbin, which is not on every user's PATH.
  const candidates = override
    ? [override]
    : [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), "/usr/sbin", "/usr/local/sbin"].map(
        (dir) => join(dir, name),
      );
  const path = candidates.find(isExecutable);
  found.set(name, path);
  return path;
}

export function missingServers(): ServerName[] {
  return SERVER_NAMES.filter((name) => findServer(name) === undefined);
}

export function missingServerBanner(missing: readonly ServerName[]): string {
  const rule = "!".repeat(78);
  const consequence = serversRequired()
    ? "WSLINT_REQUIRE_SERVERS=1 is set, so this run FAILS."
    : "Their tests are SKIPPED; set WSLINT_REQUIRE_SERVERS=1 to make this an error.";
  return [
    rule,
    `!! wslint: real server(s) not found: ${missing.join(", ")}`,
    `!! Tests that check configs against the real servers cannot run. ${consequence}`,
    `!! Install them (apt-get install nginx-light haproxy) or point ${missing
      .map((name) => OVERRIDE_VARIABLE[name])
      .join(" / ")} at the binaries.`,
    rule,
  ].join("\n");
}
