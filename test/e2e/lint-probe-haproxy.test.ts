// `wslint lint --probe` end to end through a real HAProxy: a backend without `timeout tunnel`
// passes the handshake, but an idle connection held a little longer than the 1 s client and
// server timeouts is cut, and the probe names the finding that says so. `wslint lint --fix`
// inserts `timeout tunnel 1h`; after a reload the held connection survives.
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startWebSocketBackend, type WebSocketBackend } from "../probe/websocket-backend.js";
import { describeWithHaproxy, startHaproxy } from "../servers/index.js";
import { lineOf, makeTempDir, renderFixture, wslint, type TempDir } from "./cli.js";
import { probesOf } from "./report-shapes.js";

// Longer than the fixture's 1 s timeouts, short enough to keep the test fast.
const HOLD = "2s";

describeWithHaproxy("wslint lint --probe through a real HAProxy", () => {
  let backend: WebSocketBackend;
  let dir: TempDir;
  beforeAll(async () => {
    backend = await startWebSocketBackend();
    dir = makeTempDir();
  });
  afterAll(async () => {
    await backend?.stop();
    dir?.remove();
  });

  it("--probe-hold shows the idle cut the static finding predicts; after --fix and a reload the connection survives", async () => {
    const conf = join(dir.path, "haproxy.cfg");
    const haproxy = await startHaproxy((port) => {
      const text = renderFixture("haproxy-short-idle.cfg", { PORT: port, BACKEND: `127.0.0.1:${backend.port}` });
      writeFileSync(conf, text);
      return text;
    });
    const broken = readFileSync(conf, "utf8");
    const backendLine = lineOf(broken, "backend be_ws");

    // Without a hold the handshake passes, and the probe says the finding still stands.
    const handshakeOnly = await wslint(["lint", "--probe", haproxy.url, "haproxy.cfg", "--format", "json"], dir.path);
    expect(handshakeOnly.exitCode, handshakeOnly.stderr).toBe(0);
    const [passed] = probesOf(handshakeOnly.stdout);
    expect(passed).toMatchObject({ route: "backend 'be_ws'", line: backendLine, outcome: "passed", url: `ws://127.0.0.1:${haproxy.port}/ws` });
    expect(passed!.message).toContain(`static analysis still found haproxy/ws-timeout-tunnel at haproxy.cfg:${backendLine}`);
    expect(passed!.message).toContain("shows only with --probe-hold");

    const held = await wslint(["lint", "--probe", haproxy.url, "--probe-hold", HOLD, "haproxy.cfg", "--format", "json"], dir.path);
    expect(held.exitCode, held.stderr).toBe(1);
    const [cut] = probesOf(held.stdout);
    expect(cut).toMatchObject({ line: backendLine, outcome: "failed" });
    expect(cut!.result!.hold).toMatchObject({ survived: false, closure: { by: "eof" } });
    // HAProxy's 1 s timer starts when it relays the 101, a moment before the hold starts.
    expect(cut!.result!.hold!.closedAfterMs).toBeGreaterThan(800);
    expect(cut!.result!.hold!.closedAfterMs).toBeLessThan(2000);
    expect(cut!.message).toMatch(/^handshake passed, but the idle connection was closed after (\d+ ms|1\.\d\d s) of 2\.00 s/);
    expect(cut!.message).toContain(`static analysis found haproxy/ws-timeout-tunnel at haproxy.cfg:${backendLine}`);
    expect(cut!.findings.map((finding) => `${finding.ruleId} ${basename(finding.filePath)}:${finding.line}`)).toEqual([
      `haproxy/ws-timeout-tunnel haproxy.cfg:${backendLine}`,
    ]);
    expect(cut!.diagnosis.join(" ")).toContain("timeout tunnel");

    const fix = await wslint(["lint", "--fix", "haproxy.cfg"], dir.path);
    expect(fix.exitCode, fix.stdout + fix.stderr).toBe(0);
    const fixed = readFileSync(conf, "utf8");
    expect(fixed.slice(fixed.indexOf("backend be_ws"))).toMatch(/\n\s+timeout tunnel 1h\n/);
    // reload() resolves once the master loaded the fixed file and every old worker stopped listening.
    await haproxy.reload(() => fixed);
    expect(readFileSync(haproxy.configFile, "utf8")).toBe(fixed);

    const after = await wslint(["lint", "--probe", haproxy.url, "--probe-hold", HOLD, "haproxy.cfg", "--format", "json"], dir.path);
    expect(after.exitCode, after.stdout + after.stderr).toBe(0);
    const [survived] = probesOf(after.stdout);
    expect(survived).toMatchObject({ outcome: "passed", findings: [], diagnosis: [] });
    expect(survived!.result!.hold).toMatchObject({ survived: true, requestedMs: 2000 });
    expect(survived!.message).toMatch(/^handshake passed \(101 Switching Protocols in \d+ ms\), open after 2\.00 s idle$/);
  });
});
