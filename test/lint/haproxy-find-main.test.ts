// An HAProxy file without a global section named on the command line (as pre-commit passes a
// staged conf.d/app.cfg) is read as `haproxy -f haproxy.cfg -f conf.d` reads it, haproxy.cfg found
// above its directory, and only the named files' findings are reported. The files found in such a
// directory are read the same way: with haproxy.cfg in one configuration when the directory linted
// holds it too, for context only when it does not.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findingsOf, lintJson, REPOSITORY, scratchCopy, wslint } from "./helpers.js";

const TREE = "fixtures/lint/haproxy-find-main";
const ETC_HAPROXY = join(TREE, "etc/haproxy");
const APP = "conf.d/app.cfg";
const CHAT = "conf.d/chat.cfg";
const LEGACY = "conf.d/legacy.cfg";
const HAPROXY_CFG = "haproxy.cfg";

/** A scratch copy of the fixture tree, made a git repository so that the search for haproxy.cfg stops at its root; its etc/haproxy. */
function scratchRepository(): string {
  const directory = scratchCopy(TREE);
  mkdirSync(join(directory, ".git"));
  return join(directory, "etc/haproxy");
}

/** A file of the fixture tree as committed. */
const committed = (file: string) => readFileSync(join(REPOSITORY, ETC_HAPROXY, file), "utf8");

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
    // The defaults now give a tunnel timeout too short for WebSockets.
    const shortDefaults = committed("haproxy.cfg").replace("    timeout tunnel 1h\n\n", "    timeout tunnel 10s\n\n");
    writeFileSync(join(etc, "haproxy.cfg"), shortDefaults);
    const fixed = wslint(["lint", "--fix", APP], { cwd: etc });
    expect(fixed.stderr).toBe("");
    expect(fixed.status).toBe(0);
    expect(readFileSync(join(etc, APP), "utf8")).toBe(
      committed(APP).replace("    server app1 127.0.0.1:9000\n", "    server app1 127.0.0.1:9000\n    timeout tunnel 1h\n"),
    );
    // The defaults other proxies share, and the findings of the files not named, are left alone.
    expect(readFileSync(join(etc, "haproxy.cfg"), "utf8")).toBe(shortDefaults);
    for (const file of [CHAT, LEGACY]) expect(readFileSync(join(etc, file), "utf8"), file).toBe(committed(file));
  });
});

const CHAT_STRIPS_UPGRADE: [string, string, number] = [CHAT, "haproxy/ws-header-stripping", 5];
const LEGACY_SHORT_TUNNEL: [string, string, number] = [LEGACY, "haproxy/ws-timeout-tunnel", 9];
const MAIN_MISPLACED_TUNNEL: [string, string, number] = [HAPROXY_CFG, "haproxy/ws-timeout-misplaced", 19];
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

  it("judges a backend of conf.d by the frontend of haproxy.cfg that routes WebSocket handshakes to it", () => {
    // be_stream says nothing of WebSockets itself: only haproxy.cfg's upgrade ACL routes them to it.
    const etc = scratchRepository();
    const routed = "    use_backend be_main_ws if is_websocket\n";
    writeFileSync(join(etc, HAPROXY_CFG), committed(HAPROXY_CFG).replace(routed, `    use_backend be_stream if is_websocket { path_beg /stream/ }\n${routed}`));
    writeFileSync(join(etc, "conf.d/stream.cfg"), "backend be_stream\n    timeout tunnel 5s\n    server stream1 127.0.0.1:9200\n");
    const streamShortTunnel = ["conf.d/stream.cfg", "haproxy/ws-timeout-tunnel", 2];
    for (const paths of [["."], ["conf.d/stream.cfg"]]) {
      const { results } = lintJson(paths, { cwd: etc });
      expect(findingsOf(results, etc), paths.join(" ")).toContainEqual(streamShortTunnel);
    }
    // Read apart, neither file knows that handshakes reach be_stream.
    const apart = lintJson(["--no-find-main-file", "."], { cwd: etc });
    expect(findingsOf(apart.results, etc)).not.toContainEqual(streamShortTunnel);
  });

  it("is the same configuration when haproxy.cfg or a file of conf.d is named beside a directory: each file read once", () => {
    for (const paths of [[".", APP], ["conf.d", HAPROXY_CFG]]) {
      const { run, results } = lintJson(paths, { cwd: resolve(ETC_HAPROXY) });
      expect(run.stderr).toBe("");
      expect(results.map((result) => result.filePath).sort(), paths.join(" ")).toEqual([APP, CHAT, LEGACY, HAPROXY_CFG].map((file) => resolve(ETC_HAPROXY, file)));
      expect(findingsOf(results, ETC_HAPROXY).sort(), paths.join(" ")).toEqual([CHAT_STRIPS_UPGRADE, LEGACY_SHORT_TUNNEL, MAIN_MISPLACED_TUNNEL]);
    }
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
    expect(findingsOf(results, ETC_HAPROXY).sort()).toEqual([...APP_ALONE, LEGACY_SHORT_TUNNEL, MAIN_MISPLACED_TUNNEL]);
  });

  it("when haproxy.cfg does not parse: conf.d is read as before, with a note, and the syntax error is reported once", () => {
    const etc = scratchRepository();
    writeFileSync(join(etc, HAPROXY_CFG), committed(HAPROXY_CFG).replace("    timeout tunnel 1h\n\n", '    timeout tunnel "1h\n\n'));
    const { run, results } = lintJson(["."], { cwd: etc });
    expect(run.stderr).toMatch(/^wslint: conf\.d is linted on its own: haproxy\.cfg is read before it, but haproxy\.cfg:13:\d+: .+\n$/);
    expect(findingsOf(results, etc).sort()).toEqual([...APP_ALONE, LEGACY_SHORT_TUNNEL, [HAPROXY_CFG, "parse-error", 13]]);

    const confD = lintJson(["conf.d"], { cwd: etc });
    expect(confD.run.stderr).toBe(run.stderr);
    expect(findingsOf(confD.results, etc).sort()).toEqual([...APP_ALONE, LEGACY_SHORT_TUNNEL]);
  });

  it.each([
    // conf.d is not read after haproxy.cfg: HAProxy would refuse two global sections anyway.
    {
      when: "a file of conf.d has a global section of its own",
      file: "conf.d/00-global.cfg",
      text: "global\n    maxconn 100\n",
      expected: [...APP_ALONE, LEGACY_SHORT_TUNNEL, MAIN_MISPLACED_TUNNEL],
    },
    // haproxy.cfg is read with extra.cfg as -f DIR, and conf.d after haproxy.cfg for context only.
    {
      when: "haproxy.cfg's directory holds another file -f DIR reads",
      file: "extra.cfg",
      text: "backend be_extra\n    server extra1 127.0.0.1:9200\n",
      expected: [CHAT_STRIPS_UPGRADE, LEGACY_SHORT_TUNNEL, MAIN_MISPLACED_TUNNEL],
    },
  ])("is not one configuration when $when, and reports each finding once", ({ file, text, expected }) => {
    const etc = scratchRepository();
    writeFileSync(join(etc, file), text);
    const { run, results } = lintJson(["."], { cwd: etc });
    expect(run.stderr).toBe("");
    expect(findingsOf(results, etc).sort()).toEqual(expected);
  });

  it("is fixed as one configuration: each backend's tunnel timeout in its own file, and fixing again changes nothing", () => {
    const etc = scratchRepository();
    // The defaults now give a tunnel timeout too short for WebSockets.
    const shortDefaults = committed(HAPROXY_CFG).replace("    timeout tunnel 1h\n\n", "    timeout tunnel 10s\n\n");
    writeFileSync(join(etc, HAPROXY_CFG), shortDefaults);
    const fixed = wslint(["lint", "--fix", "."], { cwd: etc });
    expect(fixed.stderr).toBe("");
    expect(fixed.status).toBe(1);
    const tunnelAfter = (line: string) => `${line}\n    timeout tunnel 1h\n`;
    const expected: Record<string, string> = {
      [HAPROXY_CFG]: shortDefaults.replace("    server main1 127.0.0.1:9100\n", tunnelAfter("    server main1 127.0.0.1:9100")),
      [APP]: committed(APP).replace("    server app1 127.0.0.1:9000\n", tunnelAfter("    server app1 127.0.0.1:9000")),
      [CHAT]: committed(CHAT).replace("    server chat1 127.0.0.1:9002\n", tunnelAfter("    server chat1 127.0.0.1:9002")),
      [LEGACY]: committed(LEGACY).replace("    timeout tunnel 5s\n", "    timeout tunnel 1h\n"),
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
