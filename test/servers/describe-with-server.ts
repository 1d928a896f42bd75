// The one place that decides what happens to tests that need a real server which is missing:
// skipped with a loud warning on a developer's machine, failed when WSLINT_REQUIRE_SERVERS=1.
import { describe, it } from "vitest";
import { findServer, missingServerBanner, serversRequired, type ServerName } from "./binaries.js";

const warnedAbout = new Set<ServerName>();

export function describeWithServer(name: ServerName, title: string, body: () => void): void {
  if (findServer(name)) {
    describe(title, body);
  } else if (serversRequired()) {
    describe(title, () => {
      it(`needs ${name}`, () => {
        throw new Error(`${name} is not installed, and WSLINT_REQUIRE_SERVERS=1 requires it`);
      });
    });
  } else {
    if (!warnedAbout.has(name)) console.warn(missingServerBanner([name]));
    warnedAbout.add(name);
    describe.skip(`${title} (SKIPPED: ${name} is not installed)`, body);
  }
}

export function describeWithNginx(title: string, body: () => void): void {
  describeWithServer("nginx", title, body);
}

export function describeWithHaproxy(title: string, body: () => void): void {
  describeWithServer("haproxy", title, body);
}
