// `lint --probe` runs a bounded number of probes at once, each within its timeout: against a
// real TCP server that accepts connections and never answers, eight routes take two rounds of
// four, and every probe ends as a timeout instead of hanging the run.
import { createServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROBE_CONCURRENCY, probeRoutes } from "../../src/lint/probe/probe-routes.js";
import type { WebSocketRoute } from "../../src/lint/probe/routes.js";

const TIMEOUT_MS = 400;

function route(index: number): WebSocketRoute {
  const at = { offset: index * 10, line: index + 1, column: 1 };
  return { name: `location /ws${index}`, file: "site.conf", extent: { start: at, end: at }, head: { start: at, end: at }, evidence: [], paths: [`/ws${index}`], noPathBecause: null };
}

describe("probing many routes", () => {
  const open = new Set<Socket>();
  // When each connection was accepted. (Counting open sockets would race: the server may accept
  // a new probe's connection before it sees the timed-out one close.)
  const acceptedAt: number[] = [];
  const server = createServer((socket) => {
    acceptedAt.push(performance.now());
    open.add(socket);
    socket.on("close", () => open.delete(socket));
  });
  let port: number;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    for (const socket of open) socket.destroy();
    server.close();
  });

  it(`runs ${PROBE_CONCURRENCY} probes at a time, each ended by its timeout`, async () => {
    const routes = Array.from({ length: PROBE_CONCURRENCY * 2 }, (_, index) => route(index));
    const startedAt = performance.now();
    const probed = await probeRoutes(routes, [], { baseUrl: `ws://127.0.0.1:${port}`, probe: { timeoutMs: TIMEOUT_MS } });
    const elapsed = performance.now() - startedAt;

    // The first round connects at once; the next starts when the first round times out.
    const sinceFirst = acceptedAt.map((time) => time - acceptedAt[0]!);
    expect(sinceFirst).toHaveLength(routes.length);
    expect(sinceFirst[PROBE_CONCURRENCY - 1]).toBeLessThan(TIMEOUT_MS / 2);
    expect(sinceFirst[PROBE_CONCURRENCY]).toBeGreaterThanOrEqual(TIMEOUT_MS * 0.9);
    expect(probed.map(({ probe }) => probe.url)).toEqual(routes.map((_, index) => `ws://127.0.0.1:${port}/ws${index}`));
    for (const { probe } of probed) {
      expect(probe.outcome).toBe("failed");
      expect(probe.result!.diagnosis.map((diagnosis) => diagnosis.code)).toEqual(["handshake-timeout"]);
    }
    // Two rounds of timeouts, not one (all at once) and not eight (one at a time).
    expect(elapsed).toBeGreaterThanOrEqual(2 * TIMEOUT_MS);
    expect(elapsed).toBeLessThan(4 * TIMEOUT_MS + 1000);
  });
});
