// An HAProxy file without a global section named on the command line (as pre-commit passes a
// staged conf.d/app.cfg) is read as `haproxy -f haproxy.cfg -f conf.d` reads it, haproxy.cfg found
// above its directory, and only the named files' findings are reported.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findingsOf, lintJson, REPOSITORY, scratchCopy, wslint } from "./helpers.js";

const TREE = "fixtures/lint/haproxy-find-main";
const ETC_HAPROXY = join(TREE, "etc/haproxy");
const APP = "conf.d/app.cfg";
const CHAT = "conf.d/chat.cfg";
const LEGACY = "conf.d/legacy.cfg";

/** A scratch copy of the fixture tree, made a git repository so that the search for haproxy.cfg stops at its root; its etc/haproxy. */
function scratchRepository(): string {
  const directory = scratchCopy(TREE);
  mkdirSync(join(directory, ".git"));
  return join(directory, "etc/haproxy");
}

/** The line of `backend be_app_ws` in app.cfg, where a missing tunnel timeout is reported. */
const APP_BACKEND_LINE = 9;
/** Read alone, app.cfg's WebSocket backend has no tunnel timeout and a 45-second server timeout. */
const APP_ALONE: [string, string, number][] = [[APP, "haproxy/ws-timeout-tunnel", APP_BACKEND_LINE]];

describe("a named HAProxy file without a global section", () => {
  it("is read after the haproxy.cfg above its directory: the RHEL layout, where defaults give the tunnel timeout, passes", () => {
    const { run, results } = lintJson([APP], { cwd: resolve(ETC_HAPROXY) });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(results.map((result) => result.filePath)).toEqual([resolve(ETC_HAPROXY, APP)]);
    expect(findingsOf(results, ETC_HAPROXY)).toEqual([]);
  });

  it("keeps its own problems, at its own lines", () => {
    const chat = lintJson([join(ETC_HAPROXY, CHAT)]);
    expect(chat.run.status).toBe(1);
    expect(findingsOf(chat.results, ETC_HAPROXY)).toEqual([[CHAT, "haproxy/ws-header-stripping", 5]]);
    // A backend's own short tunnel timeout wins over the defaults' hour.
    expect(findingsOf(lintJson([join(ETC_HAPROXY, LEGACY)]).results, ETC_HAPROXY)).toEqual([[LEGACY, "haproxy/ws-timeout-tunnel", 9]]);
  });

  it("is not blamed for haproxy.cfg or the other files of its directory, which are reported when they are linted", () => {
    const named = lintJson([join(ETC_HAPROXY, APP)]);
    expect(findingsOf(named.results, ETC_HAPROXY)).toEqual([]);

    const all = lintJson([join(ETC_HAPROXY, "haproxy.cfg"), join(ETC_HAPROXY, LEGACY)]);
    expect(findingsOf(all.results, ETC_HAPROXY).sort()).toEqual([
      [LEGACY, "haproxy/ws-timeout-tunnel", 9],
      ["haproxy.cfg", "haproxy/ws-timeout-misplaced", 19],
    ]);
  });

  it("named with others of its directory: one reading, each reports its own findings", () => {
    const { results } = lintJson([join(ETC_HAPROXY, CHAT), join(ETC_HAPROXY, LEGACY), join(ETC_HAPROXY, APP)]);
    expect(results.map((result) => result.filePath.slice(resolve(ETC_HAPROXY).length + 1)).sort()).toEqual([APP, CHAT, LEGACY]);
    expect(findingsOf(results, ETC_HAPROXY).sort()).toEqual([
      [CHAT, "haproxy/ws-header-stripping", 5],
      [LEGACY, "haproxy/ws-timeout-tunnel", 9],
    ]);
  });

  it("takes the defaults of a file of its directory that HAProxy reads before it, not of one read after it", () => {
    const etc = scratchRepository();
    writeFileSync(join(etc, "conf.d/00-short.cfg"), "defaults\n    mode http\n    timeout client 30s\n    timeout server 30s\n    timeout tunnel 5s\n");
    const before = lintJson([APP], { cwd: etc });
    expect(findingsOf(before.results, etc)).toEqual(APP_ALONE);
    expect(before.results[0]!.messages[0]!.message).toContain("conf.d/00-short.cfg:5");

    renameSync(join(etc, "conf.d/00-short.cfg"), join(etc, "conf.d/zz-short.cfg"));
    const after = lintJson([APP], { cwd: etc });
    expect(after.run.status).toBe(0);
    expect(findingsOf(after.results, etc)).toEqual([]);
  });

  it("with --no-find-main-file or haproxy.findMainFile false, is linted on its own as before", () => {
    const alone = lintJson(["--no-find-main-file", APP], { cwd: resolve(ETC_HAPROXY) });
    expect(findingsOf(alone.results, ETC_HAPROXY)).toEqual(APP_ALONE);

    const etc = scratchRepository();
    writeFileSync(join(etc, "wslint.config.json"), JSON.stringify({ haproxy: { findMainFile: false } }));
    expect(findingsOf(lintJson([APP], { cwd: etc }).results, etc)).toEqual(APP_ALONE);
    // The command line wins over the file; nginx.findMainFile does not decide for HAProxy.
    expect(lintJson(["--find-main-file", APP], { cwd: etc }).run.status).toBe(0);
    writeFileSync(join(etc, "wslint.config.json"), JSON.stringify({ nginx: { findMainFile: false } }));
    expect(findingsOf(lintJson([APP], { cwd: etc }).results, etc)).toEqual([]);
  });

  it("with no haproxy.cfg above it, or one beside it, is linted on its own, without a note", () => {
    const etc = scratchRepository();
    renameSync(join(etc, "haproxy.cfg"), join(etc, "conf.d/haproxy.cfg"));
    const beside = lintJson([APP], { cwd: etc });
    expect(beside.run.stderr).toBe("");
    expect(findingsOf(beside.results, etc)).toEqual(APP_ALONE);

    rmSync(join(etc, "conf.d/haproxy.cfg"));
    const none = lintJson([APP], { cwd: etc });
    expect(none.run.stderr).toBe("");
    expect(findingsOf(none.results, etc)).toEqual(APP_ALONE);
  });

  it("is looked for no higher than the root of its git repository", () => {
    const etc = join(scratchCopy(TREE), "etc/haproxy");
    expect(lintJson([APP], { cwd: etc }).run.status).toBe(0);
    mkdirSync(join(etc, "conf.d/.git"));
    const { run, results } = lintJson([APP], { cwd: etc });
    expect(run.stderr).toBe("");
    expect(findingsOf(results, etc)).toEqual(APP_ALONE);
  });

  it("is linted on its own, with a note saying why, when haproxy.cfg or another file of its directory does not parse", () => {
    const etc = scratchRepository();
    const haproxyCfg = join(etc, "haproxy.cfg");
    const text = readFileSync(haproxyCfg, "utf8");
    writeFileSync(haproxyCfg, text.replace("    timeout tunnel 1h\n\n", '    timeout tunnel "1h\n\n'));
    const { run, results } = lintJson([APP], { cwd: etc });
    expect(findingsOf(results, etc)).toEqual(APP_ALONE);
    expect(run.stderr).toMatch(/^wslint: conf\.d\/app\.cfg is linted on its own: haproxy\.cfg is read before it, but haproxy\.cfg:13:\d+: .+\n$/);

    writeFileSync(haproxyCfg, text);
    writeFileSync(join(etc, LEGACY), 'backend be_legacy\n    timeout tunnel "5s\n');
    const sibling = lintJson([APP, CHAT], { cwd: etc });
    // Read alone, chat.cfg is in HAProxy's default tcp mode (haproxy.cfg's defaults set http): its
    // http-request rule does not apply, and nothing is reported for it.
    expect(findingsOf(sibling.results, etc)).toEqual(APP_ALONE);
    expect(sibling.run.stderr).toMatch(
      /^wslint: conf\.d\/app\.cfg is linted on its own: haproxy\.cfg is read before it, but conf\.d\/legacy\.cfg:2:\d+: .+\nwslint: conf\.d\/chat\.cfg is linted on its own: .+\n$/,
    );
  });

  it("is fixed in context: its own findings only, the tunnel timeout in its own backend", () => {
    const etc = scratchRepository();
    const before = (file: string) => readFileSync(join(REPOSITORY, ETC_HAPROXY, file), "utf8");
    // The defaults now give a tunnel timeout too short for WebSockets.
    const shortDefaults = before("haproxy.cfg").replace("    timeout tunnel 1h\n\n", "    timeout tunnel 10s\n\n");
    writeFileSync(join(etc, "haproxy.cfg"), shortDefaults);
    const fixed = wslint(["lint", "--fix", APP], { cwd: etc });
    expect(fixed.stderr).toBe("");
    expect(fixed.status).toBe(0);
    expect(readFileSync(join(etc, APP), "utf8")).toBe(
      before(APP).replace("    server app1 127.0.0.1:9000\n", "    server app1 127.0.0.1:9000\n    timeout tunnel 1h\n"),
    );
    // The defaults other proxies share, and the findings of the files not named, are left alone.
    expect(readFileSync(join(etc, "haproxy.cfg"), "utf8")).toBe(shortDefaults);
    for (const file of [CHAT, LEGACY]) expect(readFileSync(join(etc, file), "utf8"), file).toBe(before(file));
  });
});
