// The probe against a real HAProxy 2.6 in HTTP mode: idle timeouts of upgraded connections, and
// a backend that is down (fixtures/probe/haproxy-*.cfg).
import { afterAll, beforeAll, expect, it } from "vitest";
import { probeUrl } from "../../src/probe/probe.js";
import type { ProbeResult } from "../../src/probe/types.js";
import { describeWithHaproxy, freePort, startHaproxy, type RunningServer } from "../servers/index.js";
import { renderFixture } from "./fixtures.js";
import { BACKEND_ENDPOINT, startWebSocketBackend, type WebSocketBackend } from "./websocket-backend.js";

const failedChecks = (result: ProbeResult) => result.checks.filter((check) => !check.passed).map((check) => check.id);
const diagnosisCodes = (result: ProbeResult) => result.diagnosis.map((diagnosis) => diagnosis.code);

describeWithHaproxy("probe through HAProxy", () => {
  let backend: WebSocketBackend;
  const haproxy: Record<string, RunningServer> = {};
  const fixtures = ["haproxy-tunnel-timeout.cfg", "haproxy-client-server-timeout.cfg", "haproxy-backend-down.cfg"];
  const urlFor = (fixture: string) => `ws://127.0.0.1:${haproxy[fixture]!.port}${BACKEND_ENDPOINT}`;

  beforeAll(async () => {
    backend = await startWebSocketBackend();
    const deadBackend = `127.0.0.1:${await freePort()}`;
    const started = await Promise.all(
      fixtures.map((fixture) =>
        startHaproxy((port) => renderFixture(fixture, { PORT: port, BACKEND: `127.0.0.1:${backend.port}`, DEAD_BACKEND: deadBackend })),
      ),
    );
    fixtures.forEach((fixture, index) => (haproxy[fixture] = started[index]!));
  });
  afterAll(async () => {
    await Promise.all(Object.values(haproxy).map((server) => server.stop()));
    await backend?.stop();
  });

  for (const fixture of ["haproxy-tunnel-timeout.cfg", "haproxy-client-server-timeout.cfg"]) {
    it.concurrent(`${fixture}: --hold 4s reports the close at about 2 s and names timeout tunnel`, async () => {
      const result = await probeUrl(urlFor(fixture), { holdMs: 4000, send: "hello", expect: /hello/ });
      expect(result.exchange?.matched).toBe(true);
      expect(result.hold?.survived).toBe(false);
      expect(result.hold?.closedAfterMs).toBeGreaterThan(1500);
      expect(result.hold?.closedAfterMs).toBeLessThan(3000);
      expect(failedChecks(result)).toEqual(["hold"]);
      expect(diagnosisCodes(result)).toEqual(["closed-during-hold"]);
      expect(result.diagnosis[0]?.message).toContain("timeout tunnel");
    });

    it.concurrent(`${fixture}: --hold 4s --ping 1s survives`, async () => {
      const result = await probeUrl(urlFor(fixture), { holdMs: 4000, pingIntervalMs: 1000 });
      expect(result.hold).toMatchObject({ survived: true, pings: { missed: 0 } });
      expect(result.ok).toBe(true);
    });
  }

  it("a backend that is down gives 503", async () => {
    const result = await probeUrl(urlFor("haproxy-backend-down.cfg"), { timeoutMs: 5000 });
    expect(result.response?.status).toBe(503);
    expect(failedChecks(result)).toEqual(["status"]);
    expect(diagnosisCodes(result)).toEqual(["service-unavailable"]);
  });
});
