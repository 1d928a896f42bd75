import { describe, expect, it } from "vitest";
import type { ProbeCheck, ProbeResult } from "../../probe/types.js";
import { routeUrl, summarize } from "./probe-routes.js";

describe("routeUrl", () => {
  it("appends the route's path to BASE_URL's own path, the prefix the proxy is mounted at", () => {
    expect(routeUrl("ws://127.0.0.1:8080/", "/ws")).toBe("ws://127.0.0.1:8080/ws");
    expect(routeUrl("wss://example.test/app/", "/ws?room=1")).toBe("wss://example.test/app/ws?room=1");
    expect(routeUrl("ws://[::1]:8080/app", "/socket/")).toBe("ws://[::1]:8080/app/socket/");
  });
});

function result(checks: ProbeCheck[], status: number | null, hold: ProbeResult["hold"] = null): ProbeResult {
  return {
    url: "ws://127.0.0.1:8080/ws",
    ok: checks.every((check) => check.passed),
    checks,
    timings: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 2, headersMs: 2, totalMs: 4 },
    request: { connectedTo: "127.0.0.1:8080", requestLine: "GET /ws HTTP/1.1", headers: [] },
    response: status === null ? null : { httpVersion: "1.1", status, reason: status === 101 ? "Switching Protocols" : "Bad Request", headers: [] },
    exchange: null,
    hold,
    diagnosis: [],
  };
}

const pass = (id: ProbeCheck["id"], detail = "ok"): ProbeCheck => ({ id, passed: true, detail });
const fail = (id: ProbeCheck["id"], detail: string): ProbeCheck => ({ id, passed: false, detail });

describe("summarize", () => {
  it("says what the handshake gave", () => {
    expect(summarize(result([pass("connect"), fail("status", "HTTP/1.1 400 Bad Request")], 400))).toBe("handshake returned 400 Bad Request");
    expect(summarize(result([fail("connect", "connect ECONNREFUSED 127.0.0.1:8080")], null))).toBe(
      "connect failed: connect ECONNREFUSED 127.0.0.1:8080",
    );
    expect(summarize(result([pass("status"), fail("accept", "does not match the key")], 101))).toBe("accept failed: does not match the key");
  });

  it("tells a cut idle connection from a held one that survived", () => {
    const checks = [pass("status"), fail("hold", "closed after 1.01 s of 2.00 s: TCP connection closed without a close frame")];
    expect(summarize(result(checks, 101))).toBe(
      "handshake passed, but the idle connection was closed after 1.01 s of 2.00 s: TCP connection closed without a close frame",
    );
    const survived = { requestedMs: 2000, survived: true, closedAfterMs: null, closure: null, messagesReceived: 0, pings: null };
    expect(summarize(result([pass("status"), pass("hold")], 101, survived))).toBe(
      "handshake passed (101 Switching Protocols in 4 ms), open after 2.00 s idle",
    );
  });
});
