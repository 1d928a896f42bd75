// The probe against real servers of our own: the echo backend (plain and behind Node's TLS),
// misbehaving variants of it, and addresses where nothing answers. No proxy in between.
import { readFileSync } from "node:fs";
import { connect, type AddressInfo } from "node:net";
import { createServer as createTlsServer, type Server as TlsServer } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeAcceptValue } from "../../src/probe/handshake.js";
import { probeUrl } from "../../src/probe/probe.js";
import type { ProbeResult } from "../../src/probe/types.js";
import { makeSelfSignedCertificate, type SelfSignedCertificate } from "./certificate.js";
import { listenSilently } from "./silent-server.js";
import {
  BACKEND_ENDPOINT,
  HANG_UP_CLOSE_CODE,
  HANG_UP_REASON,
  startWebSocketBackend,
  type WebSocketBackend,
} from "./websocket-backend.js";

const failedChecks = (result: ProbeResult) => result.checks.filter((check) => !check.passed).map((check) => check.id);
const diagnosisCodes = (result: ProbeResult) => result.diagnosis.map((diagnosis) => diagnosis.code);

let backend: WebSocketBackend;
beforeAll(async () => {
  backend = await startWebSocketBackend();
});
afterAll(() => backend.stop());

describe("a correct WebSocket server", () => {
  it("passes every check and sends the RFC 6455 opening handshake", async () => {
    const result = await probeUrl(`${backend.url}${BACKEND_ENDPOINT}?room=1`, { origin: "https://app.example", timeoutMs: 2000 });
    expect(failedChecks(result)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checks.map((check) => check.id)).toEqual(["connect", "status", "upgrade", "connection", "accept", "subprotocol", "extensions"]);
    const seen = backend.requests.at(-1)!;
    expect(seen.httpVersion).toBe("1.1");
    expect(seen.url).toBe(`${BACKEND_ENDPOINT}?room=1`);
    expect(seen.headers).toMatchObject({
      host: `127.0.0.1:${backend.port}`,
      upgrade: "websocket",
      connection: "Upgrade",
      "sec-websocket-version": "13",
      origin: "https://app.example",
    });
    expect(Buffer.from(seen.headers["sec-websocket-key"] as string, "base64")).toHaveLength(16);
    expect(result.timings.connectMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.headersMs).toBeGreaterThanOrEqual(result.timings.firstByteMs!);
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.headersMs!);
    expect(result.timings.dnsMs).toBeNull();
    expect(result.timings.tlsMs).toBeNull();
  });

  it("uses a fresh key for every handshake", async () => {
    await probeUrl(`${backend.url}${BACKEND_ENDPOINT}`);
    await probeUrl(`${backend.url}${BACKEND_ENDPOINT}`);
    const [first, second] = backend.requests.slice(-2).map((request) => request.headers["sec-websocket-key"]);
    expect(first).not.toBe(second);
  });

  it("tries the next address when one refuses, as curl does", async () => {
    // 127.0.0.2 is loopback too, but the backend listens on 127.0.0.1 only.
    const result = await probeUrl(`ws://multi.test:${backend.port}${BACKEND_ENDPOINT}`, {
      resolve: [{ host: "multi.test", port: backend.port, addresses: ["127.0.0.2", "127.0.0.1"] }],
    });
    expect(result.ok).toBe(true);
    expect(result.request.connectedTo).toBe(`127.0.0.1:${backend.port}`);
  });

  it("times the DNS lookup of a host name", async () => {
    const result = await probeUrl(`ws://localhost:${backend.port}${BACKEND_ENDPOINT}`);
    expect(result.checks[0]).toMatchObject({ id: "dns", passed: true });
    expect(result.timings.dnsMs).not.toBeNull();
  });

  it("round-trips one message with --send and --expect", async () => {
    const text = `hello ${Math.random()}`;
    const result = await probeUrl(`${backend.url}${BACKEND_ENDPOINT}`, { send: text, expect: /^hello 0\.\d+$/ });
    expect(result.exchange).toMatchObject({ sent: text, received: text, matched: true });
    expect(result.checks.at(-1)).toMatchObject({ id: "exchange", passed: true });
  });

  it("fails the exchange when the reply does not match --expect", async () => {
    const result = await probeUrl(`${backend.url}${BACKEND_ENDPOINT}`, { send: "ping?", expect: /^pong$/ });
    expect(result.exchange).toMatchObject({ received: "ping?", matched: false });
    expect(failedChecks(result)).toEqual(["exchange"]);
    expect(diagnosisCodes(result)).toEqual(["exchange-failed"]);
  });

  it("keeps an idle connection for --hold and counts pongs for --ping", async () => {
    const result = await probeUrl(`${backend.url}${BACKEND_ENDPOINT}`, { holdMs: 500, pingIntervalMs: 150 });
    expect(result.hold).toMatchObject({ survived: true, closedAfterMs: null });
    expect(result.hold?.pings?.sent).toBeGreaterThanOrEqual(2);
    expect(result.hold?.pings).toMatchObject({ missed: 0 });
    expect(result.hold?.pings?.pongs).toBe(result.hold?.pings?.sent);
    expect(result.ok).toBe(true);
  });
});

describe("handshake answers a browser rejects", () => {
  it("reports a wrong Sec-WebSocket-Accept", async () => {
    const liar = await startWebSocketBackend({ acceptValue: () => computeAcceptValue("a different key") });
    try {
      const result = await probeUrl(`${liar.url}${BACKEND_ENDPOINT}`, { send: "never sent" });
      expect(failedChecks(result)).toEqual(["accept"]);
      expect(result.checks.find((check) => check.id === "status")?.passed).toBe(true);
      expect(diagnosisCodes(result)).toEqual(["bad-accept"]);
      // A failed handshake ends the probe: no message goes out.
      expect(result.exchange).toBeNull();
    } finally {
      await liar.stop();
    }
  });

  it("reports a subprotocol that was not offered, and accepts one that was", async () => {
    const chooser = await startWebSocketBackend({ subprotocol: "chat.v2" });
    try {
      const unoffered = await probeUrl(`${chooser.url}${BACKEND_ENDPOINT}`, { subprotocols: ["chat.v1"] });
      expect(failedChecks(unoffered)).toEqual(["subprotocol"]);
      expect(diagnosisCodes(unoffered)).toEqual(["unoffered-subprotocol"]);
      const noneOffered = await probeUrl(`${chooser.url}${BACKEND_ENDPOINT}`);
      expect(failedChecks(noneOffered)).toEqual(["subprotocol"]);
      const offered = await probeUrl(`${chooser.url}${BACKEND_ENDPOINT}`, { subprotocols: ["chat.v1", "chat.v2"] });
      expect(offered.ok).toBe(true);
      expect(chooser.requests.at(-1)?.headers["sec-websocket-protocol"]).toBe("chat.v1, chat.v2");
    } finally {
      await chooser.stop();
    }
  });
});

describe("servers that refuse or drop the connection", () => {
  it("reports 403 for an Origin the backend does not allow, and passes with the right one", async () => {
    const guarded = await startWebSocketBackend({ allowedOrigins: ["https://app.example"] });
    try {
      const wrongOrigin = await probeUrl(`${guarded.url}${BACKEND_ENDPOINT}`, { origin: "https://evil.example" });
      expect(wrongOrigin.response?.status).toBe(403);
      expect(diagnosisCodes(wrongOrigin)).toEqual(["forbidden"]);
      expect(wrongOrigin.diagnosis[0]?.message).toContain("--origin");
      expect((await probeUrl(`${guarded.url}${BACKEND_ENDPOINT}`, { origin: "https://app.example" })).ok).toBe(true);
    } finally {
      await guarded.stop();
    }
  });

  it("reports who closed a held connection: a close frame with its code and reason", async () => {
    const leaving = await startWebSocketBackend({ hangUp: { afterMs: 200, with: "close-frame" } });
    try {
      const result = await probeUrl(`${leaving.url}${BACKEND_ENDPOINT}`, { holdMs: 2000 });
      expect(result.hold?.closure).toEqual({ by: "close-frame", code: HANG_UP_CLOSE_CODE, reason: HANG_UP_REASON, error: null });
      expect(result.hold?.closedAfterMs).toBeGreaterThanOrEqual(150);
      expect(result.hold?.closedAfterMs).toBeLessThan(1000);
      expect(diagnosisCodes(result)).toEqual(["closed-during-hold"]);
      expect(result.diagnosis[0]?.message).toMatch(/backend application/);
      expect(result.checks.find((check) => check.id === "hold")?.detail).toContain(`code ${HANG_UP_CLOSE_CODE}`);
    } finally {
      await leaving.stop();
    }
  });

  it("reports who closed a held connection: a TCP reset", async () => {
    const resetting = await startWebSocketBackend({ hangUp: { afterMs: 200, with: "reset" } });
    try {
      const result = await probeUrl(`${resetting.url}${BACKEND_ENDPOINT}`, { holdMs: 2000 });
      expect(result.hold).toMatchObject({ survived: false, closure: { by: "tcp-reset" } });
    } finally {
      await resetting.stop();
    }
  });

  it("counts pings the backend does not answer", async () => {
    const deaf = await startWebSocketBackend({ answerPings: false });
    try {
      const result = await probeUrl(`${deaf.url}${BACKEND_ENDPOINT}`, { holdMs: 400, pingIntervalMs: 100 });
      expect(result.hold?.survived).toBe(true);
      expect(result.hold?.pings?.pongs).toBe(0);
      expect(result.hold?.pings?.missed).toBe(result.hold?.pings?.sent);
      expect(result.checks.filter((check) => !check.passed).map((check) => check.id)).toEqual(["pings"]);
      expect(diagnosisCodes(result)).toEqual(["pongs-missed"]);
    } finally {
      await deaf.stop();
    }
  });
});

describe("nothing to talk to", () => {
  it("reports a DNS failure", async () => {
    const result = await probeUrl("ws://no-such-host.invalid/ws", { timeoutMs: 5000 });
    expect(result.ok).toBe(false);
    expect(failedChecks(result)).toEqual(["dns"]);
    expect(diagnosisCodes(result)).toEqual(["dns-failure"]);
    expect(result.diagnosis[0]?.message).toContain("no-such-host.invalid");
  });

  it("reports a refused connection", async () => {
    const gone = await startWebSocketBackend();
    await gone.stop();
    const result = await probeUrl(`${gone.url}${BACKEND_ENDPOINT}`);
    expect(failedChecks(result)).toEqual(["connect"]);
    expect(diagnosisCodes(result)).toEqual(["connection-refused"]);
    expect(result.diagnosis[0]?.message).toContain(`127.0.0.1:${gone.port}`);
  });

  it("times out on a server that accepts but never answers, within the timeout", async () => {
    const silent = await listenSilently();
    try {
      const startedAt = performance.now();
      const result = await probeUrl(`ws://127.0.0.1:${silent.port}/ws`, { timeoutMs: 300 });
      expect(performance.now() - startedAt).toBeLessThan(2000);
      expect(failedChecks(result)).toEqual(["response"]);
      expect(diagnosisCodes(result)).toEqual(["handshake-timeout"]);
    } finally {
      silent.close();
    }
  });
});

describe("answers that are not HTTP", () => {
  it("reports a connection closed without a response", async () => {
    const hangingUp = await listenSilently("");
    try {
      const result = await probeUrl(`ws://127.0.0.1:${hangingUp.port}/ws`);
      expect(failedChecks(result)).toEqual(["response"]);
      expect(diagnosisCodes(result)).toEqual(["no-response"]);
    } finally {
      hangingUp.close();
    }
  });

  it("reports an answer in another protocol", async () => {
    const ssh = await listenSilently("SSH-2.0-OpenSSH_9.2\r\n");
    try {
      const result = await probeUrl(`ws://127.0.0.1:${ssh.port}/ws`);
      expect(failedChecks(result)).toEqual(["response"]);
      expect(diagnosisCodes(result)).toEqual(["malformed-response"]);
      expect(result.diagnosis[0]?.message).toContain("SSH-2.0");
    } finally {
      ssh.close();
    }
  });
});

describe("credentials", () => {
  it("sends Authorization and Cookie but never shows their values", async () => {
    const secrets = { authorization: `Bearer tok-${Math.random()}`, cookie: `session=${Math.random()}` };
    const result = await probeUrl(`${backend.url}${BACKEND_ENDPOINT}`, {
      headers: [
        { name: "Authorization", value: secrets.authorization },
        { name: "Cookie", value: secrets.cookie },
        { name: "Proxy-Authorization", value: secrets.authorization },
      ],
    });
    expect(backend.requests.at(-1)?.headers).toMatchObject(secrets);
    const everything = JSON.stringify(result);
    expect(everything).not.toContain(secrets.authorization);
    expect(everything).not.toContain(secrets.cookie);
    expect(result.request.headers.find((field) => field.name === "Cookie")?.value).toBe("[redacted]");
  });
});

describe("TLS", () => {
  let certificate: SelfSignedCertificate;
  let tlsFront: TlsServer;
  let tlsPort: number;
  beforeAll(async () => {
    certificate = makeSelfSignedCertificate();
    // A TLS terminator in front of the plain backend, like a proxy with `ssl` would be.
    tlsFront = createTlsServer({ cert: certificate.pem, key: readKey(certificate) }, (clear) => {
      const upstream = connect(backend.port, "127.0.0.1");
      clear.pipe(upstream).pipe(clear);
      clear.on("error", () => upstream.destroy());
      upstream.on("error", () => clear.destroy());
    });
    await new Promise<void>((resolve) => tlsFront.listen(0, "127.0.0.1", resolve));
    tlsPort = (tlsFront.address() as AddressInfo).port;
  });
  afterAll(() => {
    tlsFront.close();
    certificate.remove();
  });

  it("rejects a self-signed certificate by default", async () => {
    const result = await probeUrl(`wss://localhost:${tlsPort}${BACKEND_ENDPOINT}`);
    expect(failedChecks(result)).toEqual(["tls"]);
    expect(diagnosisCodes(result)).toEqual(["tls-certificate"]);
    expect(result.timings.tlsMs).not.toBeNull();
  });

  it("passes with --insecure and with --ca", async () => {
    const insecure = await probeUrl(`wss://localhost:${tlsPort}${BACKEND_ENDPOINT}`, { insecure: true });
    expect(failedChecks(insecure)).toEqual([]);
    const trusted = await probeUrl(`wss://localhost:${tlsPort}${BACKEND_ENDPOINT}`, { ca: certificate.pem, send: "over tls" });
    expect(failedChecks(trusted)).toEqual([]);
    expect(trusted.exchange?.received).toBe("over tls");
    expect(trusted.checks.find((check) => check.id === "tls")?.detail).toMatch(/^TLSv1\.[23], certificate verified$/);
  });

  it("connects to the --resolve address but uses the URL's host for Host and the certificate", async () => {
    const result = await probeUrl(`wss://probe.test:${tlsPort}${BACKEND_ENDPOINT}`, {
      ca: certificate.pem,
      resolve: [{ host: "probe.test", port: tlsPort, addresses: ["127.0.0.1"] }],
    });
    expect(failedChecks(result)).toEqual([]);
    expect(result.request.connectedTo).toBe(`127.0.0.1:${tlsPort}`);
    expect(backend.requests.at(-1)?.headers.host).toBe(`probe.test:${tlsPort}`);
  });

  it("fails the certificate check when --servername names a host it is not valid for", async () => {
    const result = await probeUrl(`wss://localhost:${tlsPort}${BACKEND_ENDPOINT}`, { ca: certificate.pem, servername: "other.test" });
    expect(failedChecks(result)).toEqual(["tls"]);
    expect(result.checks.find((check) => check.id === "tls")?.detail).toContain("other.test");
  });

  it("explains OpenSSL's wrong version number for wss:// to a plain port", async () => {
    const result = await probeUrl(`wss://127.0.0.1:${backend.port}${BACKEND_ENDPOINT}`);
    expect(failedChecks(result)).toEqual(["tls"]);
    expect(diagnosisCodes(result)).toEqual(["tls-wrong-version"]);
    expect(result.checks.find((check) => check.id === "tls")?.detail).toContain("wrong version number");
  });
});

function readKey(certificate: SelfSignedCertificate): string {
  return readFileSync(certificate.keyFile, "utf8");
}
