import { describe, expect, it } from "vitest";
import { ConnectionFailure } from "./connection.js";
import { diagnose, type DiagnosisInput } from "./diagnose.js";
import { parseProbeTarget } from "./target.js";
import type { DiagnosisCode, ProbeResponse } from "./types.js";

function input(overrides: Partial<DiagnosisInput>): DiagnosisInput {
  return {
    target: parseProbeTarget("wss://app.example/ws"),
    connectTo: "192.0.2.1:443",
    timeoutMs: 10_000,
    failure: null,
    response: null,
    bodyStart: "",
    checks: [],
    exchange: null,
    hold: null,
    ...overrides,
  };
}

function response(status: number, headers: Record<string, string> = {}): ProbeResponse {
  return { httpVersion: "1.1", status, reason: "", headers: Object.entries(headers).map(([name, value]) => ({ name, value })) };
}

describe("diagnose: statuses", () => {
  it.each<[number, DiagnosisCode]>([
    [200, "upgrade-ignored"],
    [301, "redirect"],
    [302, "redirect"],
    [307, "redirect"],
    [308, "redirect"],
    [400, "bad-request"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not-found"],
    [426, "upgrade-required"],
    [502, "bad-gateway"],
    [503, "service-unavailable"],
    [504, "gateway-timeout"],
    [418, "unexpected-status"],
  ])("explains %d as %s", (status, code) => {
    const [diagnosis] = diagnose(input({ response: response(status) }));
    expect(diagnosis?.code).toBe(code);
    expect(diagnosis?.message).toContain(String(status));
  });

  it("names the redirect target", () => {
    const [diagnosis] = diagnose(input({ response: response(308, { Location: "https://app.example/ws/" }) }));
    expect(diagnosis?.message).toContain("https://app.example/ws/");
  });
});

describe("diagnose: connection failures", () => {
  it.each<[ConnectionFailure["phase"], string, DiagnosisCode]>([
    ["dns", "ENOTFOUND", "dns-failure"],
    ["connect", "ECONNREFUSED", "connection-refused"],
    ["connect", "EHOSTUNREACH", "connect-failure"],
    ["connect", "timeout", "handshake-timeout"],
    ["tls", "ERR_SSL_WRONG_VERSION_NUMBER", "tls-wrong-version"],
    ["tls", "CERT_HAS_EXPIRED", "tls-certificate"],
    ["tls", "ECONNRESET", "tls-failure"],
    ["response", "eof", "no-response"],
    ["response", "malformed", "malformed-response"],
  ])("explains %s failing with %s as %s", (phase, errorCode, code) => {
    const failure = new ConnectionFailure(phase, errorCode, `${errorCode} happened`);
    expect(diagnose(input({ failure })).map((diagnosis) => diagnosis.code)).toEqual([code]);
  });

  it("says which phase timed out", () => {
    const [diagnosis] = diagnose(input({ failure: new ConnectionFailure("tls", "timeout", "no progress"), timeoutMs: 2000 }));
    expect(diagnosis?.message).toMatch(/within 2\.00 s .*TLS handshake/);
  });
});
