import { describe, expect, it } from "vitest";
import { modelOfText } from "../../../fixtures/haproxy/model/load-fixture.js";
import { tunnelTimeouts, tunnelTimeoutsOf } from "./index.js";

const config = (backendTimeouts: string, frontendTimeouts = "    timeout client 30s\n") =>
  modelOfText(
    "defaults\n    mode http\n    timeout connect 5s\n" +
      `frontend fe\n    bind :80\n${frontendTimeouts}    default_backend ws\n` +
      `backend ws\n${backendTimeouts}    server s1 127.0.0.1:1\n`,
  );

describe("the timeouts that end an idle WebSocket", () => {
  it("is the backend's tunnel timeout when it is set", () => {
    const model = config("    timeout server 10s\n    timeout tunnel 1h\n");
    const [timeouts] = tunnelTimeoutsOf(model.backends.get("ws")!);
    expect(timeouts!.idle?.name).toBe("tunnel");
    expect(timeouts!.idle?.value).toBe(3_600_000);
  });

  it("is the shorter of client and server timeouts without one", () => {
    const model = config("    timeout server 10s\n");
    const timeouts = tunnelTimeouts(model.frontends[0]!, model.backends.get("ws")!);
    expect(timeouts.idle?.name).toBe("server");
    expect(timeouts.idle?.value).toBe(10_000);
    expect(timeouts.client.value).toBe(30_000);
  });

  it("ignores a tunnel timeout of zero, as HAProxy does", () => {
    const model = config("    timeout server 2m\n    timeout tunnel 0\n", "    timeout client 45s\n");
    const [timeouts] = tunnelTimeoutsOf(model.backends.get("ws")!);
    expect(timeouts!.idle?.name).toBe("client");
  });

  it("is null when nothing limits the tunnel", () => {
    const [timeouts] = tunnelTimeoutsOf(config("", "").backends.get("ws")!);
    expect(timeouts!.idle).toBeNull();
  });

  it("takes the half-closed timeouts from the frontend and the backend", () => {
    const model = config("    timeout server-fin 3s\n", "    timeout client 30s\n    timeout client-fin 4s\n");
    const [timeouts] = tunnelTimeoutsOf(model.backends.get("ws")!);
    expect([timeouts!.clientFin.value, timeouts!.serverFin.value]).toEqual([4000, 3000]);
  });
});
