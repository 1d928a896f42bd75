import { describe, expect, it } from "vitest";
import { renderProbeText } from "./render-text.js";
import type { ProbeResult } from "./types.js";

function result(overrides: Partial<ProbeResult>): ProbeResult {
  return {
    url: "ws://example.test/ws",
    ok: true,
    checks: [],
    timings: { dnsMs: null, connectMs: 1.2, tlsMs: null, firstByteMs: 3, headersMs: 3.4, totalMs: 5 },
    request: { connectedTo: "127.0.0.1:80", requestLine: "GET /ws HTTP/1.1", headers: [] },
    response: null,
    exchange: null,
    hold: null,
    diagnosis: [],
    ...overrides,
  };
}

describe("renderProbeText", () => {
  it("prints a heading with the verdict, one aligned line per check and the phases that happened", () => {
    const text = renderProbeText([
      result({
        checks: [
          { id: "connect", passed: true, detail: "127.0.0.1:80" },
          { id: "status", passed: true, detail: "101 Switching Protocols" },
        ],
      }),
    ]);
    expect(text).toBe(
      [
        "✓ ws://example.test/ws",
        "  ✓ TCP connect  127.0.0.1:80",
        "  ✓ status       101 Switching Protocols",
        "  timings: connect 1 ms · first byte 3 ms · headers 3 ms · total 5 ms",
        "",
      ].join("\n"),
    );
  });

  it("wraps each diagnosis under an arrow and sums up several URLs", () => {
    const longMessage = Array.from({ length: 40 }, (_, index) => `word${index}`).join(" ");
    const text = renderProbeText([
      result({ ok: false, checks: [{ id: "hold", passed: false, detail: "closed after 2.00 s" }], diagnosis: [{ code: "closed-during-hold", message: longMessage }] }),
      result({}),
    ]);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("✗ ws://example.test/ws");
    const diagnosisLines = lines.filter((line) => line.startsWith("  → ") || line.startsWith("    "));
    expect(diagnosisLines.length).toBeGreaterThan(1);
    expect(diagnosisLines.every((line) => line.length <= 100)).toBe(true);
    expect(diagnosisLines.map((line) => line.trim().replace(/^→ /, "")).join(" ")).toBe(longMessage);
    expect(lines.at(-1)).toBe("1 of 2 URLs passed");
  });
});
