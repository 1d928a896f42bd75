// The HAProxy rules against a real HAProxy 2.6 and a real WebSocket server: what each rule
// reports does break the handshake or the idle connection, and its fix (or suggestion) repairs it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Finding } from "../../src/engine/finding.js";
import { applyEdits, fixRepeatedly } from "../../src/engine/fix.js";
import { DEFAULT_SETTINGS, type LintSettings, type Rule } from "../../src/engine/rule.js";
import type { HaproxyNodeKinds } from "../../src/haproxy/model/index.js";
import { probeUrl } from "../../src/probe/probe.js";
import type { ProbeResult } from "../../src/probe/types.js";
import { haproxyDialect } from "../../test/rule-tester/haproxy.js";
import { BACKEND_ENDPOINT, startWebSocketBackend, type WebSocketBackend } from "../../test/probe/websocket-backend.js";
import { describeWithHaproxy, freePort, startHaproxy } from "../../test/servers/index.js";
import { wsAclCase } from "./ws-acl-case/index.js";
import { wsH2Backend } from "./ws-h2-backend/index.js";
import { wsHeaderStripping } from "./ws-header-stripping/index.js";
import { wsTimeoutTunnel } from "./ws-timeout-tunnel/index.js";

const scratchDirs: string[] = [];

/** Lints `text` with `rule` alone: its findings, and the text after `--fix`. */
async function lintAndFix(text: string, rule: Rule<HaproxyNodeKinds, unknown>, settings: LintSettings = DEFAULT_SETTINGS) {
  const dir = mkdtempSync(join(tmpdir(), "wslint-haproxy-real-"));
  scratchDirs.push(dir);
  const main = join(dir, "haproxy.cfg");
  const enabled = [{ rule, severity: "error" as const, options: rule.meta.options?.defaults }];
  const lint = (texts: ReadonlyMap<string, string>): Finding[] => {
    for (const [path, content] of texts) writeFileSync(path, content);
    return haproxyDialect.lint(main, enabled, settings);
  };
  const findings = lint(new Map([[main, text]]));
  const fixed = await fixRepeatedly(new Map([[main, text]]), lint);
  return { findings: findings.filter((finding) => finding.ruleId === rule.meta.id), fixed: fixed.texts.get(main)! };
}

/** Starts HAProxy with `text` (its `{{PORT}}` the port HAProxy listens on) and probes the WebSocket endpoint through it. */
async function probeThrough(text: string, options: { holdMs?: number } = {}): Promise<ProbeResult> {
  const haproxy = await startHaproxy((port) => text.replaceAll("{{PORT}}", String(port)));
  try {
    return await probeUrl(`ws://127.0.0.1:${haproxy.port}${BACKEND_ENDPOINT}`, options);
  } finally {
    await haproxy.stop();
  }
}

describeWithHaproxy("the HAProxy rules against a real HAProxy", () => {
  let backend: WebSocketBackend;
  let deadServer: string;
  /** Short timeouts, so that idle connections end within a test. */
  let defaults: string;

  beforeAll(async () => {
    backend = await startWebSocketBackend();
    deadServer = `127.0.0.1:${await freePort()}`;
    defaults = "defaults\n    mode http\n    timeout connect 1s\n    timeout client 1s\n    timeout server 1s\n";
  });
  afterAll(async () => {
    await backend?.stop();
    for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const frontend = (lines = "") => `\nfrontend fe\n    bind 127.0.0.1:{{PORT}}\n${lines}    default_backend be_ws\n`;
  const wsBackend = (options = "") => `\nbackend be_ws\n    server ws 127.0.0.1:${backend.port}${options}\n`;

  it("ws-timeout-tunnel: without a tunnel timeout the idle WebSocket is closed after timeout client; the fixed config keeps it open", async () => {
    const broken = `${defaults}${frontend()}${wsBackend()}`;
    const { findings, fixed } = await lintAndFix(broken, wsTimeoutTunnel as Rule<HaproxyNodeKinds, unknown>);
    expect(findings).toHaveLength(1);

    const before = await probeThrough(broken, { holdMs: 2500 });
    expect(before.response?.status).toBe(101);
    expect(before.hold?.survived).toBe(false);
    expect(before.hold?.closedAfterMs).toBeLessThan(2000);

    const after = await probeThrough(fixed, { holdMs: 2500 });
    expect(after.hold?.survived).toBe(true);
  });

  it("ws-header-stripping: a deleted Connection header fails the handshake; the suggestion repairs it", async () => {
    const broken = `${defaults}${frontend("    http-request del-header Connection\n")}${wsBackend()}`;
    const { findings } = await lintAndFix(broken, wsHeaderStripping);
    expect(findings).toHaveLength(1);
    const suggestion = findings[0]!.suggestions![0]!;

    const before = await probeThrough(broken);
    expect(before.response?.status).not.toBe(101);

    const after = await probeThrough(applyEdits(broken, suggestion.fix));
    expect(after.response?.status).toBe(101);
  });

  it("ws-acl-case: a case-sensitive Connection ACL misses \"Connection: Upgrade\"; the fixed ACL routes it", async () => {
    const routing = `    use_backend be_ws if { hdr(connection) upgrade }\n`;
    const broken = `${defaults}\nfrontend fe\n    bind 127.0.0.1:{{PORT}}\n${routing}    default_backend be_app\n\nbackend be_app\n    server app ${deadServer}\n${wsBackend()}`;
    const { findings, fixed } = await lintAndFix(broken, wsAclCase);
    expect(findings).toHaveLength(1);

    const before = await probeThrough(broken);
    expect(before.response?.status).toBe(503);

    const after = await probeThrough(fixed);
    expect(after.response?.status).toBe(101);
  });

  it("ws-h2-backend: an HTTP/2 server line fails the handshake to an HTTP/1.1 WebSocket server; ws h1 repairs it", async () => {
    const broken = `${defaults}${frontend()}${wsBackend(" proto h2")}`;
    const { findings, fixed } = await lintAndFix(broken, wsH2Backend, { ...DEFAULT_SETTINGS, haproxy: { ...DEFAULT_SETTINGS.haproxy, version: "2.6" } });
    expect(findings).toHaveLength(1);
    expect(fixed).toContain(" proto h2 ws h1\n");

    const before = await probeThrough(broken);
    expect(before.response?.status).not.toBe(101);

    const after = await probeThrough(fixed);
    expect(after.response?.status).toBe(101);
  });
});
