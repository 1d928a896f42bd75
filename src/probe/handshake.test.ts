import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  buildHandshakeRequest,
  checkHandshakeResponse,
  computeAcceptValue,
  generateWebSocketKey,
  MalformedResponseError,
  parseResponseHead,
  serializeRequest,
} from "./handshake.js";
import { parseProbeTarget } from "./target.js";
import type { ProbeResponse } from "./types.js";

describe("Sec-WebSocket-Key and Accept", () => {
  it("computes the accept value of the RFC 6455 section 1.3 example", () => {
    // The key/accept pair printed in the RFC itself.
    expect(computeAcceptValue("dGhlIHNhbXBsZSBub25jZQ==")).toBe("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  });

  it("makes a fresh 16-byte key each time", () => {
    const first = generateWebSocketKey();
    expect(Buffer.from(first, "base64")).toHaveLength(16);
    expect(generateWebSocketKey()).not.toBe(first);
  });
});

describe("buildHandshakeRequest", () => {
  const target = parseProbeTarget("wss://chat.example:8443/ws?room=1");

  it("sends every header RFC 6455 section 4.1 requires", () => {
    const request = buildHandshakeRequest(target, { key: "k", origin: "https://app.example", subprotocols: ["v2", "v1"] });
    expect(request.requestLine).toBe("GET /ws?room=1 HTTP/1.1");
    expect(request.headers).toEqual([
      { name: "Host", value: "chat.example:8443" },
      { name: "Upgrade", value: "websocket" },
      { name: "Connection", value: "Upgrade" },
      { name: "Sec-WebSocket-Key", value: "k" },
      { name: "Sec-WebSocket-Version", value: "13" },
      { name: "Origin", value: "https://app.example" },
      { name: "Sec-WebSocket-Protocol", value: "v2, v1" },
    ]);
    expect(serializeRequest(request).toString()).toMatch(/^GET \/ws\?room=1 HTTP\/1\.1\r\nHost: chat\.example:8443\r\n.*\r\n\r\n$/s);
  });

  it("lets -H replace a default header and add new ones", () => {
    const request = buildHandshakeRequest(target, {
      key: "k",
      extraHeaders: [
        { name: "host", value: "other.example" },
        { name: "Authorization", value: "Bearer t" },
      ],
    });
    expect(request.headers.filter((field) => field.name.toLowerCase() === "host")).toEqual([
      { name: "host", value: "other.example" },
    ]);
    expect(request.headers.at(-1)).toEqual({ name: "Authorization", value: "Bearer t" });
  });
});

describe("parseResponseHead", () => {
  it("waits for the blank line, then returns the head and the bytes after it", () => {
    const head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
    expect(parseResponseHead(Buffer.from(head.slice(0, 30)))).toBeNull();
    const parsed = parseResponseHead(Buffer.concat([Buffer.from(head), Buffer.from([0x81, 0x00])]));
    expect(parsed?.response).toEqual({
      httpVersion: "1.1",
      status: 101,
      reason: "Switching Protocols",
      headers: [
        { name: "Upgrade", value: "websocket" },
        { name: "Connection", value: "Upgrade" },
      ],
    });
    expect(parsed?.rest).toEqual(Buffer.from([0x81, 0x00]));
  });

  it("rejects bytes that are not HTTP", () => {
    expect(() => parseResponseHead(Buffer.from("\x15\x03\x01\x00\x02\x02\x0a"))).toThrow(MalformedResponseError);
    expect(() => parseResponseHead(Buffer.from("HTTP/1.1 abc\r\n\r\n"))).toThrow(MalformedResponseError);
  });
});

describe("checkHandshakeResponse", () => {
  const target = parseProbeTarget("ws://example.com/ws");
  const key = generateWebSocketKey();
  const goodAccept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");

  function response(status: number, headers: Record<string, string>): ProbeResponse {
    return {
      httpVersion: "1.1",
      status,
      reason: status === 101 ? "Switching Protocols" : "OK",
      headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
    };
  }
  const goodHeaders = { Upgrade: "WebSocket", Connection: "keep-alive, Upgrade", "Sec-WebSocket-Accept": goodAccept };
  const failedIds = (checks: { id: string; passed: boolean }[]) => checks.filter((check) => !check.passed).map((check) => check.id);

  it("passes a correct 101, with case-insensitive Upgrade and Connection as a token list", () => {
    const checks = checkHandshakeResponse(buildHandshakeRequest(target, { key }), response(101, goodHeaders));
    expect(checks.map((check) => check.id)).toEqual(["status", "upgrade", "connection", "accept", "subprotocol", "extensions"]);
    expect(failedIds(checks)).toEqual([]);
  });

  it("reports only the status when it is not 101", () => {
    const checks = checkHandshakeResponse(buildHandshakeRequest(target, { key }), response(200, {}));
    expect(checks).toEqual([{ id: "status", passed: false, detail: "200 OK" }]);
  });

  it("fails each header check on its own", () => {
    const request = buildHandshakeRequest(target, { key });
    expect(failedIds(checkHandshakeResponse(request, response(101, { ...goodHeaders, Upgrade: "h2c" })))).toEqual(["upgrade"]);
    expect(failedIds(checkHandshakeResponse(request, response(101, { ...goodHeaders, Connection: "upgraded" })))).toEqual([
      "connection",
    ]);
    expect(
      failedIds(checkHandshakeResponse(request, response(101, { ...goodHeaders, "Sec-WebSocket-Accept": computeAcceptValue("x") }))),
    ).toEqual(["accept"]);
  });

  it("fails a subprotocol or extension the client did not offer", () => {
    const offering = buildHandshakeRequest(target, { key, subprotocols: ["chat.v1"] });
    const chosen = (protocol: string) =>
      failedIds(checkHandshakeResponse(offering, response(101, { ...goodHeaders, "Sec-WebSocket-Protocol": protocol })));
    expect(chosen("chat.v1")).toEqual([]);
    expect(chosen("chat.v2")).toEqual(["subprotocol"]);
    expect(chosen("CHAT.V1")).toEqual(["subprotocol"]);
    const extension = { ...goodHeaders, "Sec-WebSocket-Extensions": "permessage-deflate" };
    expect(failedIds(checkHandshakeResponse(offering, response(101, extension)))).toEqual(["extensions"]);
  });
});
