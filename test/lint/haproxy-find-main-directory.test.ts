// The files found in a directory without a global section (conf.d) are read as `haproxy -f
// haproxy.cfg -f conf.d` reads them, haproxy.cfg found above the directory: with haproxy.cfg in
// one configuration when the directory linted holds it too, for context only when it does not.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findingsOf, lintJson, REPOSITORY, scratchCopy, wslint } from "./helpers.js";

const TREE = "fixtures/lint/haproxy-find-main";
const ETC_HAPROXY = join(TREE, "etc/haproxy");
const APP = "conf.d/app.cfg";
const CHAT = "conf.d/chat.cfg";
const LEGACY = "conf.d/legacy.cfg";
const HAPROXY_CFG = "haproxy.cfg";

const CHAT_STRIPS_UPGRADE: [string, string, number] = [CHAT, "haproxy/ws-header-stripping", 5];
const LEGACY_SHORT_TUNNEL: [string, string, number] = [LEGACY, "haproxy/ws-timeout-tunnel", 9];
const MAIN_MISPLACED_TUNNEL: [string, string, number] = [HAPROXY_CFG, "haproxy/ws-timeout-misplaced", 19];
/** Read without haproxy.cfg's defaults, app.cfg's WebSocket backend has no tunnel timeout. */
const APP_ALONE: [string, string, number] = [APP, "haproxy/ws-timeout-tunnel", 9];

/** A scratch copy of the fixture tree, made a git repository so that the search for haproxy.cfg stops at its root; its etc/haproxy. */
function scratchRepository(): string {
  const directory = scratchCopy(TREE);
  mkdirSync(join(directory, ".git"));
  return join(directory, "etc/haproxy");
}

const original = (file: string) => readFileSync(join(REPOSITORY, ETC_HAPROXY, file), "utf8");

describe("an HAProxy directory holding haproxy.cfg and conf.d", () => {
  it("is one configuration, haproxy -f haproxy.cfg -f conf.d: each finding once, conf.d judged with haproxy.cfg's defaults", () => {
    const { run, results } = lintJson([ETC_HAPROXY]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(results.map((result) => result.filePath).sort()).toEqual([APP, CHAT, LEGACY, HAPROXY_CFG].map((file) => resolve(ETC_HAPROXY, file)));
    // app.cfg takes the defaults' tunnel timeout; chat.cfg runs in the defaults' http mode, where
    // deleting the Upgrade header is an error.
    expect(findingsOf(results, ETC_HAPROXY).sort()).toEqual([CHAT_STRIPS_UPGRADE, LEGACY_SHORT_TUNNEL, MAIN_MISPLACED_TUNNEL]);
  });

  it("reads a file of conf.d also named on the command line once, in that configuration", () => {
    const { run, results } = lintJson([".", APP], { cwd: resolve(ETC_HAPROXY) });
    expect(run.stderr).toBe("");
    expect(findingsOf(results, ETC_HAPROXY).sort()).toEqual([CHAT_STRIPS_UPGRADE, LEGACY_SHORT_TUNNEL, MAIN_MISPLACED_TUNNEL]);
  });

  it("named as conf.d alone: conf.d is read after haproxy.cfg, whose own findings are not reported", () => {
    const { run, results } = lintJson([join(ETC_HAPROXY, "conf.d")]);
    expect(run.stderr).toBe("");
    expect(results.map((result) => result.filePath).sort()).toEqual([APP, CHAT, LEGACY].map((file) => resolve(ETC_HAPROXY, file)));
    expect(findingsOf(results, ETC_HAPROXY).sort()).toEqual([CHAT_STRIPS_UPGRADE, LEGACY_SHORT_TUNNEL]);
  });

  it("with --no-find-main-file, is two configurations as before: haproxy.cfg's directory and conf.d", () => {
    const { results } = lintJson(["--no-find-main-file", ETC_HAPROXY]);
    // Read alone, conf.d is in tcp mode (chat.cfg's http-request rule does not apply) without a tunnel timeout.
    expect(findingsOf(results, ETC_HAPROXY).sort()).toEqual([APP_ALONE, LEGACY_SHORT_TUNNEL, MAIN_MISPLACED_TUNNEL]);
  });

  it("when haproxy.cfg does not parse: conf.d is read as before, with a note, and the syntax error is reported once", () => {
    const etc = scratchRepository();
    writeFileSync(join(etc, HAPROXY_CFG), original(HAPROXY_CFG).replace("    timeout tunnel 1h\n\n", '    timeout tunnel "1h\n\n'));
    const { run, results } = lintJson(["."], { cwd: etc });
    expect(run.stderr).toMatch(/^wslint: conf\.d is linted on its own: haproxy\.cfg is read before it, but haproxy\.cfg:13:\d+: .+\n$/);
    expect(findingsOf(results, etc).sort()).toEqual([APP_ALONE, LEGACY_SHORT_TUNNEL, [HAPROXY_CFG, "parse-error", 13]]);

    const confD = lintJson(["conf.d"], { cwd: etc });
    expect(confD.run.stderr).toBe(run.stderr);
    expect(findingsOf(confD.results, etc).sort()).toEqual([APP_ALONE, LEGACY_SHORT_TUNNEL]);
  });

  it("is not merged when a file of the subdirectory has a global section of its own", () => {
    const etc = scratchRepository();
    writeFileSync(join(etc, "conf.d/00-global.cfg"), "global\n    maxconn 100\n");
    const { run, results } = lintJson(["."], { cwd: etc });
    expect(run.stderr).toBe("");
    expect(findingsOf(results, etc).sort()).toEqual([APP_ALONE, LEGACY_SHORT_TUNNEL, MAIN_MISPLACED_TUNNEL]);
  });

  it("when haproxy.cfg's directory holds other files HAProxy reads with -f DIR: conf.d reads haproxy.cfg for context, each finding still once", () => {
    const etc = scratchRepository();
    writeFileSync(join(etc, "extra.cfg"), "backend be_extra\n    server extra1 127.0.0.1:9200\n");
    const { run, results } = lintJson(["."], { cwd: etc });
    expect(run.stderr).toBe("");
    expect(findingsOf(results, etc).sort()).toEqual([CHAT_STRIPS_UPGRADE, LEGACY_SHORT_TUNNEL, MAIN_MISPLACED_TUNNEL]);
  });

  it("is fixed as one configuration: each backend's tunnel timeout in its own file, and fixing again changes nothing", () => {
    const etc = scratchRepository();
    // The defaults now give a tunnel timeout too short for WebSockets.
    const shortDefaults = original(HAPROXY_CFG).replace("    timeout tunnel 1h\n\n", "    timeout tunnel 10s\n\n");
    writeFileSync(join(etc, HAPROXY_CFG), shortDefaults);
    const fixed = wslint(["lint", "--fix", "."], { cwd: etc });
    expect(fixed.stderr).toBe("");
    expect(fixed.status).toBe(1);
    const tunnelAfter = (line: string) => `${line}\n    timeout tunnel 1h\n`;
    const expected: Record<string, string> = {
      [HAPROXY_CFG]: shortDefaults.replace("    server main1 127.0.0.1:9100\n", tunnelAfter("    server main1 127.0.0.1:9100")),
      [APP]: original(APP).replace("    server app1 127.0.0.1:9000\n", tunnelAfter("    server app1 127.0.0.1:9000")),
      [CHAT]: original(CHAT).replace("    server chat1 127.0.0.1:9002\n", tunnelAfter("    server chat1 127.0.0.1:9002")),
      [LEGACY]: original(LEGACY).replace("    timeout tunnel 5s\n", "    timeout tunnel 1h\n"),
    };
    for (const [file, text] of Object.entries(expected)) expect(readFileSync(join(etc, file), "utf8"), file).toBe(text);
    // What remains is not fixable: the misplaced frontend timeout and the stripped Upgrade header.
    const after = lintJson(["."], { cwd: etc });
    expect(findingsOf(after.results, etc).sort()).toEqual([CHAT_STRIPS_UPGRADE, MAIN_MISPLACED_TUNNEL]);

    const again = wslint(["lint", "--fix-dry-run", "."], { cwd: etc });
    expect(again.stdout).toBe("");
    expect(again.stderr).toBe("");
  });
});
