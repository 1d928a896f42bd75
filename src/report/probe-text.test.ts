import { describe, expect, it } from "vitest";
import type { Finding } from "../engine/finding.js";
import type { HoldResult, ProbeResult } from "../probe/types.js";
import { probeConclusion, probeMessage } from "./probe-text.js";
import type { RouteProbe } from "./types.js";

const CWD = "/srv/conf";
const at = (line: number) => ({ offset: line * 20, line, column: 5 });

function finding(ruleId: string, line: number): Finding {
  return { ruleId, severity: "error", message: `${ruleId} message`, file: `${CWD}/conf.d/app.conf`, start: at(line), end: at(line) };
}

function probe(outcome: RouteProbe["outcome"], findings: Finding[], hold: HoldResult | null = null): RouteProbe {
  const result: ProbeResult = {
    url: "ws://127.0.0.1:8080/ws",
    ok: outcome === "passed",
    checks: [],
    timings: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 2, headersMs: 2, totalMs: 3 },
    request: { connectedTo: "127.0.0.1:8080", requestLine: "GET /ws HTTP/1.1", headers: [] },
    response: { httpVersion: "1.1", status: outcome === "passed" ? 101 : 400, reason: "", headers: [] },
    exchange: null,
    hold,
    diagnosis: [],
  };
  return {
    route: "location /ws",
    start: at(3),
    end: at(3),
    outcome,
    url: outcome === "skipped" ? null : "ws://127.0.0.1:8080/ws",
    summary: outcome === "failed" ? "handshake returned 400 Bad Request" : "handshake passed",
    diagnosis: [],
    findings,
    result: outcome === "skipped" ? null : result,
  };
}

describe("probe messages", () => {
  it("name the findings that explain a failure, each place once, relative to the working directory", () => {
    const upgrade = finding("nginx/ws-upgrade-header", 12);
    const failed = probe("failed", [upgrade, { ...upgrade }, finding("nginx/ws-http-version", 12)]);
    expect(probeMessage(failed, CWD)).toBe(
      "handshake returned 400 Bad Request; static analysis found nginx/ws-upgrade-header at conf.d/app.conf:12, " +
        "nginx/ws-http-version at conf.d/app.conf:12",
    );
  });

  it("say when no static finding explains a failure", () => {
    expect(probeConclusion(probe("failed", []), CWD)).toMatch(/^no static finding explains it/);
  });

  it("do not blame the findings when the handshake never reached the route", () => {
    const failed = probe("failed", [finding("nginx/ws-http-version", 12)]);
    const unreached = { ...failed, result: { ...failed.result!, response: null } };
    expect(probeConclusion(unreached, CWD)).toBe(
      "the handshake did not reach the route, where static analysis found nginx/ws-http-version at conf.d/app.conf:12",
    );
    expect(probeConclusion({ ...unreached, findings: [] }, CWD)).toBe("");
  });

  it("say that findings remain beside a pass, pointing to --probe-hold only when nothing was held", () => {
    const timeout = finding("haproxy/ws-timeout-tunnel", 20);
    expect(probeConclusion(probe("passed", [timeout]), CWD)).toBe(
      "static analysis still found haproxy/ws-timeout-tunnel at conf.d/app.conf:20: not every problem shows in a live handshake " +
        "(an idle timeout shows only with --probe-hold)",
    );
    const held: HoldResult = { requestedMs: 2000, survived: true, closedAfterMs: null, closure: null, messagesReceived: 0, pings: null };
    expect(probeConclusion(probe("passed", [timeout], held), CWD)).not.toContain("--probe-hold");
  });

  it("add nothing to a clean pass, and say why a route was not probed", () => {
    expect(probeMessage(probe("passed", []), CWD)).toBe("handshake passed");
    expect(probeMessage({ ...probe("skipped", []), summary: "a regex location names no path" }, CWD)).toBe(
      "not probed: a regex location names no path",
    );
  });
});
