// The probe against a real nginx, correct and broken locations side by side (fixtures/probe/).
// The statuses asserted here are what nginx 1.22 actually answers in each broken case.
import { afterAll, beforeAll, expect, it } from "vitest";
import { probeUrl } from "../../src/probe/probe.js";
import type { ProbeResult } from "../../src/probe/types.js";
import { describeWithNginx, freePort, startNginx, type RunningServer } from "../servers/index.js";
import { makeSelfSignedCertificate, type SelfSignedCertificate } from "./certificate.js";
import { renderFixture } from "./fixtures.js";
import { listenSilently, type SilentServer } from "./silent-server.js";
import { startWebSocketBackend, type WebSocketBackend } from "./websocket-backend.js";

const failedChecks = (result: ProbeResult) => result.checks.filter((check) => !check.passed).map((check) => check.id);
const diagnosisCodes = (result: ProbeResult) => result.diagnosis.map((diagnosis) => diagnosis.code);

describeWithNginx("probe through nginx", () => {
  let backend: WebSocketBackend;
  let nginx: RunningServer;
  let wsBase: string;
  let lenientBackend: WebSocketBackend;
  let lenientNginx: RunningServer;
  let lenientBase: string;
  let silentBackend: SilentServer;
  beforeAll(async () => {
    backend = await startWebSocketBackend();
    lenientBackend = await startWebSocketBackend({ acceptHttp10Upgrade: true });
    silentBackend = await listenSilently();
    const deadBackend = `127.0.0.1:${await freePort()}`;
    [nginx, lenientNginx] = await Promise.all(
      [backend, lenientBackend].map((target) =>
        startNginx((port) =>
          renderFixture("nginx-routes.conf", {
            PORT: port,
            BACKEND: `127.0.0.1:${target.port}`,
            DEAD_BACKEND: deadBackend,
            SILENT_BACKEND: `127.0.0.1:${silentBackend.port}`,
          }),
        ),
      ),
    );
    wsBase = `ws://127.0.0.1:${nginx!.port}`;
    lenientBase = `ws://127.0.0.1:${lenientNginx!.port}`;
  });
  afterAll(async () => {
    await nginx?.stop();
    await lenientNginx?.stop();
    await backend?.stop();
    await lenientBackend?.stop();
    silentBackend?.close();
  });

  it("passes every check on a correct location and relays a message", async () => {
    const result = await probeUrl(`${wsBase}/ws`, { send: "through nginx", expect: /^through nginx$/ });
    expect(failedChecks(result)).toEqual([]);
    expect(result.exchange).toMatchObject({ received: "through nginx", matched: true });
    expect(result.response?.headers.find((field) => field.name === "Server")?.value).toMatch(/^nginx/);
  });

  it("without proxy_http_version 1.1: nginx relays a strict backend's 400 and the probe names HTTP/1.0", async () => {
    const result = await probeUrl(`${wsBase}/http10/ws`);
    // nginx sent HTTP/1.0 with the Upgrade headers; the backend refused the upgrade for the version.
    expect(backend.requests.at(-1)).toMatchObject({ httpVersion: "1.0", headers: { upgrade: "websocket" } });
    expect(result.response?.status).toBe(400);
    expect(failedChecks(result)).toEqual(["status"]);
    expect(diagnosisCodes(result)).toEqual(["bad-request"]);
    expect(result.diagnosis[0]?.message).toContain("proxy_http_version 1.1");
  });

  it("without proxy_http_version 1.1 but a lenient backend: nginx relays its 101 and the connection works", async () => {
    // What nginx 1.22 really does: it upgrades whenever the backend answers 101, whatever the
    // HTTP version it spoke. The misconfiguration only shows with backends that check.
    const result = await probeUrl(`${lenientBase}/http10/ws`, { send: "over HTTP/1.0 upstream" });
    expect(lenientBackend.requests.at(-1)?.httpVersion).toBe("1.0");
    expect(failedChecks(result)).toEqual([]);
    expect(result.exchange?.received).toBe("over HTTP/1.0 upstream");
  });

  it("without Upgrade/Connection forwarding: the backend sees a plain GET and its 426 comes through", async () => {
    const result = await probeUrl(`${wsBase}/no-upgrade-headers/ws`);
    expect(backend.requests.at(-1)?.headers.upgrade).toBeUndefined();
    expect(result.response?.status).toBe(426);
    expect(diagnosisCodes(result)).toEqual(["upgrade-required"]);
  });

  it("a bare proxy_pass: the backend sees a plain HTTP/1.0 GET and its 426 comes through", async () => {
    const result = await probeUrl(`${wsBase}/bare/ws`);
    expect(backend.requests.at(-1)).toMatchObject({ httpVersion: "1.0", headers: { connection: "close" } });
    expect(backend.requests.at(-1)?.headers.upgrade).toBeUndefined();
    expect(result.response?.status).toBe(426);
    expect(diagnosisCodes(result)).toEqual(["upgrade-required"]);
  });

  it.concurrent("proxy_read_timeout 2s: --hold 4s reports the close at about 2 s and names the idle timeout", async () => {
    const result = await probeUrl(`${wsBase}/short-timeout/ws`, { holdMs: 4000 });
    expect(result.hold?.survived).toBe(false);
    expect(result.hold?.closedAfterMs).toBeGreaterThan(1500);
    expect(result.hold?.closedAfterMs).toBeLessThan(3000);
    expect(failedChecks(result)).toEqual(["hold"]);
    expect(diagnosisCodes(result)).toEqual(["closed-during-hold"]);
    expect(result.diagnosis[0]?.message).toContain("proxy_read_timeout");
  });

  it.concurrent("proxy_read_timeout 2s: --hold 4s --ping 1s survives, every ping answered", async () => {
    const result = await probeUrl(`${wsBase}/short-timeout/ws`, { holdMs: 4000, pingIntervalMs: 1000 });
    expect(result.hold).toMatchObject({ survived: true, pings: { missed: 0 } });
    expect(result.hold?.pings?.sent).toBeGreaterThanOrEqual(3);
    expect(result.ok).toBe(true);
  });

  it("a redirect on the WebSocket path is reported with its Location", async () => {
    const result = await probeUrl(`${wsBase}/moved/ws`);
    expect(result.response?.status).toBe(301);
    expect(diagnosisCodes(result)).toEqual(["redirect"]);
    expect(result.diagnosis[0]?.message).toContain(`/ws`);
    expect(result.diagnosis[0]?.message).toMatch(/Browsers do not follow/);
  });

  it("a path rewritten by proxy_pass gives the backend's 404", async () => {
    const result = await probeUrl(`${wsBase}/rewritten/ws`);
    expect(backend.requests.at(-1)?.url).toBe("/");
    expect(result.response?.status).toBe(404);
    expect(diagnosisCodes(result)).toEqual(["not-found"]);
  });

  it("a dead backend gives 502", async () => {
    const result = await probeUrl(`${wsBase}/dead/ws`);
    expect(result.response?.status).toBe(502);
    expect(diagnosisCodes(result)).toEqual(["bad-gateway"]);
  });

  it("a backend that never answers gives 504 after proxy_read_timeout", async () => {
    const result = await probeUrl(`${wsBase}/silent/ws`);
    expect(result.response?.status).toBe(504);
    expect(result.timings.headersMs).toBeGreaterThanOrEqual(400);
    expect(diagnosisCodes(result)).toEqual(["gateway-timeout"]);
  });

  it("wss:// to nginx's plain HTTP port is explained from OpenSSL's wrong version number", async () => {
    const result = await probeUrl(`wss://127.0.0.1:${nginx.port}/ws`);
    expect(failedChecks(result)).toEqual(["tls"]);
    expect(diagnosisCodes(result)).toEqual(["tls-wrong-version"]);
  });

  it("an SPA fallback answering 200 is reported as an ignored upgrade", async () => {
    const result = await probeUrl(`${wsBase}/spa/ws`);
    expect(result.response?.status).toBe(200);
    expect(diagnosisCodes(result)).toEqual(["upgrade-ignored"]);
    expect(result.diagnosis[0]?.message).toContain("text/html");
    expect(result.response?.headers).toContainEqual({ name: "Set-Cookie", value: "[redacted]" });
    expect(JSON.stringify(result)).not.toContain("spa-cookie-value");
  });
});

describeWithNginx("probe through nginx with TLS", () => {
  let certificate: SelfSignedCertificate;
  let backend: WebSocketBackend;
  let nginx: RunningServer;
  beforeAll(async () => {
    certificate = makeSelfSignedCertificate();
    backend = await startWebSocketBackend();
    nginx = await startNginx((port) =>
      renderFixture("nginx-tls.conf", {
        PORT: port,
        BACKEND: `127.0.0.1:${backend.port}`,
        CERT: certificate.certFile,
        KEY: certificate.keyFile,
      }),
    );
  });
  afterAll(async () => {
    await nginx?.stop();
    await backend?.stop();
    certificate?.remove();
  });

  it("fails on the self-signed certificate without --insecure or --ca, passes with either", async () => {
    const url = `wss://localhost:${nginx.port}/ws`;
    const untrusted = await probeUrl(url);
    expect(failedChecks(untrusted)).toEqual(["tls"]);
    expect(diagnosisCodes(untrusted)).toEqual(["tls-certificate"]);
    expect((await probeUrl(url, { insecure: true })).ok).toBe(true);
    const trusted = await probeUrl(url, { ca: certificate.pem, send: "secure" });
    expect(trusted.ok).toBe(true);
    expect(trusted.timings.tlsMs).not.toBeNull();
  });

  it("ws:// to the TLS port: nginx answers 400 and the probe suggests wss://", async () => {
    const result = await probeUrl(`ws://127.0.0.1:${nginx.port}/ws`);
    expect(result.response?.status).toBe(400);
    expect(diagnosisCodes(result)).toEqual(["bad-request"]);
    expect(result.diagnosis[0]?.message).toContain("wss://");
  });
});
