import { describe, expect, it } from "vitest";
import { modelOfFixture } from "../../../fixtures/haproxy/model/load-fixture.js";
import type { ServerModel } from "./index.js";

describe("servers and their options", () => {
  const model = modelOfFixture("servers/servers.cfg");
  const mixed = model.backends.get("be_mixed")!;
  const server = (name: string): ServerModel => {
    const found = mixed.servers.find((candidate) => candidate.name === name);
    if (found === undefined) throw new Error(`no server ${name}`);
    return found;
  };
  const values = (found: ServerModel) => ({
    proto: found.proto?.value ?? null,
    alpn: found.alpn?.value ?? null,
    ws: found.ws?.value ?? null,
    ssl: found.ssl?.value ?? null,
    check: found.check?.value ?? null,
  });

  it("lists servers and server templates in order, with name and address", () => {
    expect(mixed.servers.map((found) => [found.kind, found.name, found.address])).toEqual([
      ["server", "plain", "127.0.0.1:9001"],
      ["server", "h2", "127.0.0.1:9002"],
      ["server", "tls", "127.0.0.1:9443"],
      ["server", "tls_ws", "127.0.0.1:9444"],
      ["server-template", "app", "127.0.0.1:9100"],
    ]);
  });

  it("starts from the defaults section's default-server", () => {
    expect(values(server("plain"))).toEqual({ proto: null, alpn: null, ws: null, ssl: null, check: true });
    expect(server("plain").check?.fromDefaultServer).toBe(true);
  });

  it("lets the server's own options win", () => {
    expect(values(server("h2"))).toEqual({ proto: "h2", alpn: null, ws: null, ssl: null, check: false });
    expect(server("h2").proto?.fromDefaultServer).toBe(false);
  });

  it("applies a default-server line to the servers below it only", () => {
    expect(values(server("tls"))).toEqual({ proto: null, alpn: "h2,http/1.1", ws: null, ssl: true, check: true });
    expect(values(server("tls_ws"))).toEqual({ proto: null, alpn: "h2,http/1.1", ws: "h1", ssl: false, check: true });
    expect(values(server("app")).ws).toBe("auto");
  });

  it("does not take an option's argument for an option (`cookie ssl`)", () => {
    expect(server("tls_ws").ssl?.word.value).toBe("no-ssl");
  });

  it("points at the word and line that set an option", () => {
    const ws = server("tls_ws").ws!;
    expect(ws.statement).toBe(server("tls_ws").statement);
    expect(ws.word.start.line).toBe(ws.statement.node.start.line);
  });

  it("keeps each backend's default-server lines to itself", () => {
    const h2 = model.backends.get("be_h2_default")!;
    expect(h2.servers[0]!.proto?.value).toBe("h2");
    expect(mixed.serverDefaults.proto).toBeNull();
  });
});
