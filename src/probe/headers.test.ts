import { describe, expect, it } from "vitest";
import { ProbeUsageError } from "./errors.js";
import { headerListItems, joinedHeader, parseHeaderOption, redactHeaders, REDACTED } from "./headers.js";

describe("parseHeaderOption", () => {
  it("splits at the first colon and trims", () => {
    expect(parseHeaderOption("X-Trace:  a:b ")).toEqual({ name: "X-Trace", value: "a:b" });
    expect(parseHeaderOption("X-Empty:")).toEqual({ name: "X-Empty", value: "" });
  });

  it.each(["no colon", ": value", "Bad Name: v", "X-Line: a\r\nInjected: b"])("rejects %j", (text) => {
    expect(() => parseHeaderOption(text)).toThrow(ProbeUsageError);
  });

  it("does not repeat a secret from a malformed option in the error", () => {
    expect(() => parseHeaderOption("Authorization Bearer s3cr3t")).toThrow(/^(?!.*s3cr3t)/s);
  });
});

describe("redactHeaders", () => {
  it("hides credential headers whatever their case and keeps the rest", () => {
    const redacted = redactHeaders([
      { name: "authorization", value: "Bearer abc" },
      { name: "Cookie", value: "session=1" },
      { name: "Proxy-Authorization", value: "Basic xyz" },
      { name: "Set-Cookie", value: "id=2" },
      { name: "Origin", value: "https://app.example" },
    ]);
    expect(redacted.map((field) => field.value)).toEqual([REDACTED, REDACTED, REDACTED, REDACTED, "https://app.example"]);
  });
});

describe("header lists", () => {
  it("joins repeated headers and drops parameters from items", () => {
    const fields = [
      { name: "Sec-WebSocket-Extensions", value: "permessage-deflate; client_max_window_bits" },
      { name: "sec-websocket-extensions", value: "x-custom" },
    ];
    expect(headerListItems(joinedHeader(fields, "Sec-WebSocket-Extensions"))).toEqual(["permessage-deflate", "x-custom"]);
    expect(headerListItems(undefined)).toEqual([]);
  });
});
