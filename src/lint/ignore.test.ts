import { describe, expect, it } from "vitest";
import { IgnoreGlobs } from "./ignore.js";

describe("IgnoreGlobs", () => {
  const globs = new IgnoreGlobs(["vendor", "**/*.example.conf", "sites/old-*.conf", "generated/**"], "/srv/app");

  it.each([
    ["/srv/app/vendor/nginx.conf", true],
    ["/srv/app/vendor/deep/x.cfg", true],
    ["/srv/app/a/b/site.example.conf", true],
    ["/srv/app/site.example.conf", true],
    ["/srv/app/sites/old-chat.conf", true],
    ["/srv/app/generated/lb.cfg", true],
    ["/srv/app/sites/chat.conf", false],
    ["/srv/app/sites/deep/old-chat.conf", false],
    ["/srv/app/vendored/x.conf", false],
    ["/srv/other/vendor/x.conf", false],
  ])("%s ignored: %s", (path, ignored) => {
    expect(globs.ignores(path)).toBe(ignored);
  });

  it("takes a leading dot only from a literal dot, like the include globs", () => {
    const hidden = new IgnoreGlobs(["*.conf"], "/srv/app");
    expect(hidden.ignores("/srv/app/.hidden.conf")).toBe(false);
    expect(new IgnoreGlobs([".*.conf"], "/srv/app").ignores("/srv/app/.hidden.conf")).toBe(true);
  });
});
