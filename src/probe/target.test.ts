import { describe, expect, it } from "vitest";
import { ProbeUsageError } from "./errors.js";
import { parseProbeTarget, parseResolveOption } from "./target.js";

describe("parseProbeTarget", () => {
  it("maps http(s) to ws(s) and keeps path and query", () => {
    const target = parseProbeTarget("https://example.com/socket?room=1");
    expect(target).toMatchObject({
      url: "wss://example.com/socket?room=1",
      secure: true,
      host: "example.com",
      port: 443,
      hostHeader: "example.com",
      requestPath: "/socket?room=1",
      connectAddresses: null,
    });
  });

  it("puts the port in the Host header only when it is not the default", () => {
    expect(parseProbeTarget("ws://example.com:8080/").hostHeader).toBe("example.com:8080");
    expect(parseProbeTarget("ws://example.com:80/").hostHeader).toBe("example.com");
    expect(parseProbeTarget("wss://example.com:80/").hostHeader).toBe("example.com:80");
    expect(parseProbeTarget("wss://example.com:443/").hostHeader).toBe("example.com");
  });

  it("keeps IPv6 brackets in Host but not in the connect host", () => {
    const target = parseProbeTarget("ws://[::1]:9000/ws");
    expect(target.host).toBe("::1");
    expect(target.hostHeader).toBe("[::1]:9000");
  });

  it("uses a --resolve entry only for the same host and port", () => {
    const overrides = [parseResolveOption("example.com:443:127.0.0.1")];
    expect(parseProbeTarget("wss://example.com/", overrides).connectAddresses).toEqual(["127.0.0.1"]);
    expect(parseProbeTarget("wss://example.com:8443/", overrides).connectAddresses).toBeNull();
    expect(parseProbeTarget("wss://other.example/", overrides).connectAddresses).toBeNull();
  });

  it.each([
    ["not a url", /not a URL/],
    ["ftp://example.com/", /scheme/],
    ["ws://example.com/#x", /fragment/],
    ["ws://user:secret@example.com/", /credentials/],
  ])("rejects %s", (text, message) => {
    expect(() => parseProbeTarget(text)).toThrow(ProbeUsageError);
    expect(() => parseProbeTarget(text)).toThrow(message);
  });

  it("does not echo URL credentials in the error", () => {
    expect(() => parseProbeTarget("ws://user:secret@example.com/")).toThrow(/^(?!.*secret)/s);
  });
});

describe("parseResolveOption", () => {
  it("reads IPv4, bracketed IPv6 and lists of addresses", () => {
    expect(parseResolveOption("example.com:443:10.0.0.1")).toEqual({ host: "example.com", port: 443, addresses: ["10.0.0.1"] });
    expect(parseResolveOption("example.com:443:[::1]")).toEqual({ host: "example.com", port: 443, addresses: ["::1"] });
    expect(parseResolveOption("example.com:443:[::1],10.0.0.1").addresses).toEqual(["::1", "10.0.0.1"]);
  });

  it.each(["example.com:443", "example.com:443:not-an-ip", "example.com:443:10.0.0.1,", "example.com:99999:127.0.0.1", ":443:127.0.0.1"])(
    "rejects %s",
    (text) => {
      expect(() => parseResolveOption(text)).toThrow(ProbeUsageError);
    },
  );
});
