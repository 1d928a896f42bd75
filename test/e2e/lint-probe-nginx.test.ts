// `wslint lint --probe` end to end: the built CLI, a real nginx and a real WebSocket backend. A
// broken location fails its handshake and the failure names the findings that explain it; after
// `wslint lint --fix` and an nginx reload the same command passes with nothing left to report.
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSelfSignedCertificate } from "../probe/certificate.js";
import { renderFixture as renderProbeFixture } from "../probe/fixtures.js";
import { startWebSocketBackend, type WebSocketBackend } from "../probe/websocket-backend.js";
import { describeWithNginx, startNginx, type RunningServer } from "../servers/index.js";
import { lineOf, makeTempDir, renderFixture, wslint, type TempDir } from "./cli.js";
import { probesOf, type JsonFileResult } from "./report-shapes.js";

describeWithNginx("wslint lint --probe through a real nginx", () => {
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

  /**
   * Starts nginx on the fixture, written to `file` in the temp dir: what wslint lints is what
   * nginx runs. The harness stops it when the test ends.
   */
  function startNginxOn(fixture: string, file: string): Promise<RunningServer> {
    return startNginx((port) => {
      const text = renderFixture(fixture, { PORT: port, BACKEND: `127.0.0.1:${backend.port}` });
      writeFileSync(join(dir.path, file), text);
      return text;
    });
  }

  it("links the failed handshake to the route's findings; after --fix and a reload the probe passes and lint is clean", async () => {
    const nginx = await startNginxOn("nginx-broken.conf", "site.conf");
    const conf = join(dir.path, "site.conf");
    const broken = readFileSync(conf, "utf8");
    const routeLine = lineOf(broken, "location /ws");

    const before = await wslint(["lint", "--probe", nginx.url, "site.conf", "--format", "json"], dir.path);
    expect(before.exitCode, before.stderr).toBe(1);
    const [failed, ...others] = probesOf(before.stdout);
    expect(others).toEqual([]);
    expect(failed).toMatchObject({ route: "location /ws", line: routeLine, outcome: "failed", url: `ws://127.0.0.1:${nginx.port}/ws` });
    // nginx sent the backend a plain HTTP/1.0 GET, and relayed the backend's refusal.
    expect(backend.requests.at(-1)?.httpVersion).toBe("1.0");
    expect(backend.requests.at(-1)?.headers.upgrade).toBeUndefined();
    const status = failed!.result!.response!;
    expect(status.status).not.toBe(101);
    expect(failed!.message).toMatch(new RegExp(`^handshake returned ${status.status} ${status.reason}; static analysis found `));
    expect(failed!.message).toContain(`nginx/ws-upgrade-header at site.conf:${routeLine}`);
    const linked = failed!.findings.map((finding) => `${finding.ruleId} ${basename(finding.filePath)}:${finding.line}`);
    expect(linked).toEqual(
      expect.arrayContaining([
        `nginx/ws-upgrade-header site.conf:${routeLine}`,
        `nginx/ws-connection-header site.conf:${routeLine}`,
        `nginx/ws-http-version site.conf:${routeLine}`,
      ]),
    );
    // Every finding of the report is this route's, and the probe links each one.
    const [reportBefore] = JSON.parse(before.stdout) as JsonFileResult[];
    expect(failed!.findings.length).toBe(reportBefore!.messages.length);

    const fix = await wslint(["lint", "--fix", "site.conf"], dir.path);
    expect(fix.exitCode, fix.stdout + fix.stderr).toBe(0);
    const fixed = readFileSync(conf, "utf8");
    expect(fixed).not.toBe(broken);
    // reload() runs nginx -t on the fixed file and resolves once new workers serve it.
    await nginx.reload(() => fixed);
    expect(readFileSync(nginx.configFile, "utf8")).toBe(fixed);

    const after = await wslint(["lint", "--probe", nginx.url, "site.conf", "--format", "json"], dir.path);
    expect(after.exitCode, after.stdout + after.stderr).toBe(0);
    const [reportAfter] = JSON.parse(after.stdout) as JsonFileResult[];
    expect(reportAfter!.messages).toEqual([]);
    expect(probesOf(after.stdout)).toEqual([
      expect.objectContaining({ outcome: "passed", line: lineOf(fixed, "location /ws"), findings: [], diagnosis: [] }),
    ]);
    expect(backend.requests.at(-1)).toMatchObject({ httpVersion: "1.1", headers: { upgrade: "websocket" } });
  });

  it("reports the failed probe beside the findings in every format", async () => {
    const nginx = await startNginxOn("nginx-broken.conf", "formats.conf");
    const routeLine = lineOf(readFileSync(join(dir.path, "formats.conf"), "utf8"), "location /ws");
    const formats = ["stylish", "sarif", "github", "gitlab"] as const;
    const runs = await Promise.all(formats.map((format) => wslint(["lint", "--probe", nginx.url, "formats.conf", "--format", format], dir.path)));
    const output = Object.fromEntries(formats.map((format, index) => [format, runs[index]!]));
    for (const run of runs) expect(run.exitCode, run.stderr).toBe(1);

    expect(output.stylish!.stdout).toContain(`  ✗ ${routeLine}:5  probe location /ws: ws://127.0.0.1:${nginx.port}/ws\n      handshake returned `);
    expect(output.stylish!.stdout).toMatch(/\nprobes: 1 failed\n$/);

    const sarif = JSON.parse(output.sarif!.stdout);
    const [probeResult] = sarif.runs[0].results.filter((result: { ruleId: string }) => result.ruleId === "probe/handshake");
    expect(probeResult.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: "formats.conf" }, region: { startLine: routeLine } });
    expect(probeResult.relatedLocations.map((related: any) => `${related.message.text.split(":")[0]} ${related.physicalLocation.region.startLine}`)).toEqual(
      expect.arrayContaining([`nginx/ws-upgrade-header ${routeLine}`, `nginx/ws-http-version ${routeLine}`]),
    );
    expect(sarif.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toContain("probe/handshake");

    expect(output.github!.stdout).toContain(`::error file=formats.conf,line=${routeLine},col=5,`);
    expect(output.github!.stdout).toMatch(/title=probe\/handshake::probe ws:\/\/127\.0\.0\.1:\d+\/ws: handshake returned \d+/);

    const issues = JSON.parse(output.gitlab!.stdout) as { check_name: string; location: { path: string; lines: { begin: number } }; description: string }[];
    const [probeIssue] = issues.filter((issue) => issue.check_name === "probe/handshake");
    expect(probeIssue).toMatchObject({ location: { path: "formats.conf", lines: { begin: routeLine } } });
    expect(probeIssue!.description).toContain(`nginx/ws-upgrade-header at formats.conf:${routeLine}`);
  });

  it("skips a regex location with a note, and probes one that names its path with # wslint: probe", async () => {
    const nginx = await startNginxOn("nginx-regex.conf", "regex.conf");
    const text = readFileSync(join(dir.path, "regex.conf"), "utf8");
    const json = await wslint(["lint", "--probe", nginx.url, "regex.conf", "--format", "json"], dir.path);
    expect(json.exitCode, json.stdout + json.stderr).toBe(0);
    expect(probesOf(json.stdout)).toEqual([
      expect.objectContaining({ route: "location ~ ^/(ws|socket)$", line: lineOf(text, "location ~ ^/(ws|socket)$"), outcome: "passed", url: `ws://127.0.0.1:${nginx.port}/ws` }),
      expect.objectContaining({ route: "location ~* ^/live/[a-z]+$", line: lineOf(text, "location ~* ^/live"), outcome: "skipped", url: null, result: null }),
    ]);
    expect(probesOf(json.stdout)[1]!.message).toMatch(/^not probed: a regex location names no path to probe; name one with a `# wslint: probe \/path` comment$/);
    expect(backend.requests.at(-1)).toMatchObject({ url: "/ws", headers: { upgrade: "websocket" } });

    // SARIF reports problems only: the route that was not probed is named on standard error.
    const sarif = await wslint(["lint", "--probe", nginx.url, "regex.conf", "--format", "sarif"], dir.path);
    expect(sarif.exitCode).toBe(0);
    expect(JSON.parse(sarif.stdout).runs[0].results).toEqual([]);
    expect(sarif.stderr).toBe(`wslint: regex.conf:${lineOf(text, "location ~* ^/live")}: location ~* ^/live/[a-z]+$: not probed: a regex location names no path to probe; name one with a \`# wslint: probe /path\` comment\n`);
  });
});

describeWithNginx("wslint lint --probe options passed to each probe", () => {
  let backend: WebSocketBackend;
  let dir: TempDir;
  let nginx: RunningServer;
  beforeAll(async () => {
    backend = await startWebSocketBackend();
    dir = makeTempDir();
    nginx = await startNginx((port) => {
      const text = renderFixture("nginx-regex.conf", { PORT: port, BACKEND: `127.0.0.1:${backend.port}` });
      writeFileSync(join(dir.path, "site.conf"), text);
      return text;
    });
  });
  afterAll(async () => {
    await nginx?.stop();
    await backend?.stop();
    dir?.remove();
  });

  it("--resolve connects to another address under the URL's host name, and --header reaches the backend", async () => {
    const base = `http://ws.example.test:${nginx.port}`;
    const run = await wslint(
      ["lint", "--probe", base, "--resolve", `ws.example.test:${nginx.port}:127.0.0.1`, "--header", "X-Probe-Run: e2e", "site.conf", "--format", "json"],
      dir.path,
    );
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const [probed] = probesOf(run.stdout);
    expect(probed).toMatchObject({ outcome: "passed", url: `ws://ws.example.test:${nginx.port}/ws` });
    expect(probed!.result!.request.connectedTo).toBe(`127.0.0.1:${nginx.port}`);
    expect(probed!.result!.request.headers).toContainEqual({ name: "Host", value: `ws.example.test:${nginx.port}` });
    expect(backend.requests.at(-1)?.headers["x-probe-run"]).toBe("e2e");
  });

  it("--insecure accepts a self-signed certificate that fails the probe without it", async () => {
    const certificate = makeSelfSignedCertificate();
    try {
      const tls = await startNginx((port) => {
        const text = renderProbeFixture("nginx-tls.conf", { PORT: port, BACKEND: `127.0.0.1:${backend.port}`, CERT: certificate.certFile, KEY: certificate.keyFile });
        writeFileSync(join(dir.path, "tls.conf"), text);
        return text;
      });
      const base = `https://localhost:${tls.port}`;
      const verified = await wslint(["lint", "--probe", base, "tls.conf", "--format", "json"], dir.path);
      expect(verified.exitCode, verified.stderr).toBe(1);
      const [refused] = probesOf(verified.stdout);
      expect(refused).toMatchObject({ outcome: "failed", url: `wss://localhost:${tls.port}/ws` });
      expect(refused!.result!.diagnosis.map((diagnosis) => diagnosis.code)).toEqual(["tls-certificate"]);
      // Nothing answered over HTTP: the route's findings are named, not blamed.
      expect(refused!.message).toMatch(/^tls failed: .*; the handshake did not reach the route, where static analysis found /);

      const insecure = await wslint(["lint", "--probe", base, "--insecure", "tls.conf", "--format", "json"], dir.path);
      expect(insecure.exitCode, insecure.stdout + insecure.stderr).toBe(0);
      expect(probesOf(insecure.stdout)).toEqual([expect.objectContaining({ outcome: "passed", url: `wss://localhost:${tls.port}/ws` })]);
    } finally {
      certificate.remove();
    }
  });
});

describe("wslint lint --probe usage", () => {
  let dir: TempDir;
  beforeAll(() => {
    dir = makeTempDir();
    writeFileSync(join(dir.path, "site.conf"), "server {\n    listen 8080;\n}\n");
  });
  afterAll(() => dir?.remove());

  it.each([
    ["a probe option without --probe", ["--header", "X-A: b"], "--header needs --probe BASE_URL"],
    ["a BASE_URL that is not a URL", ["--probe", "not a url"], "--probe: "],
    ["a BASE_URL with a query", ["--probe", "http://127.0.0.1:8080/?a=b"], "may not have a ?query"],
    ["a bad --probe-hold", ["--probe", "http://127.0.0.1:8080", "--probe-hold", "long"], "--probe-hold: "],
    ["--probe with --fix-dry-run", ["--probe", "http://127.0.0.1:8080", "--fix-dry-run"], "--probe cannot be used with --fix-dry-run"],
  ])("exits 2 for %s", async (_case, args, message) => {
    const run = await wslint(["lint", ...args, "site.conf"], dir.path);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
  });

  it("says so when the configuration has no WebSocket route, and judges the lint alone", async () => {
    const run = await wslint(["lint", "--probe", "http://127.0.0.1:8080", "site.conf"], dir.path);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe("wslint: --probe: the configuration has no WebSocket route to probe\n");
  });
});
