import { describe, expect, it } from "vitest";
import { formatHaproxyDuration, MAX_HAPROXY_TIMER_MS, parseHaproxyDuration } from "./duration.js";

describe("parseHaproxyDuration", () => {
  it.each([
    ["1500", 1500],
    ["0", 0],
    ["250ms", 250],
    ["30s", 30_000],
    ["5m", 300_000],
    ["2h", 7_200_000],
    ["1d", 86_400_000],
    ["1000us", 1],
    // Rounded up to whole milliseconds, as HAProxy does.
    ["1500us", 2],
    ["1us", 1],
  ])("%s is %d ms", (text, milliseconds) => {
    expect(parseHaproxyDuration(text)).toEqual({ ok: true, milliseconds, ignoredSuffix: null });
  });

  it("keeps what HAProxy 2.x ignores after the unit, with a warning", () => {
    expect(parseHaproxyDuration("10sx")).toEqual({ ok: true, milliseconds: 10_000, ignoredSuffix: "x" });
    // One unit only: 1h30m is one hour to HAProxy, not ninety minutes.
    expect(parseHaproxyDuration("1h30m")).toEqual({ ok: true, milliseconds: 3_600_000, ignoredSuffix: "30m" });
  });

  it.each([
    ["", /it is empty/],
    ["s", /unexpected character 's'/],
    ["1.5s", /unexpected character '\.'/],
    ["10 s", /unexpected character ' '/],
    ["-1s", /unexpected character '-'/],
    ["25d", /timer overflow/],
  ])("rejects %j", (text, error) => {
    const result = parseHaproxyDuration(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  it("accepts the largest timer HAProxy does", () => {
    expect(parseHaproxyDuration(String(MAX_HAPROXY_TIMER_MS))).toMatchObject({ ok: true, milliseconds: MAX_HAPROXY_TIMER_MS });
    expect(parseHaproxyDuration(String(MAX_HAPROXY_TIMER_MS + 1)).ok).toBe(false);
  });
});

describe("formatHaproxyDuration", () => {
  it.each([
    [3_600_000, "1h"],
    [90_000, "90s"],
    [1500, "1500ms"],
    [86_400_000, "1d"],
    [0, "0"],
  ])("%d ms is written %s", (milliseconds, text) => {
    expect(formatHaproxyDuration(milliseconds)).toBe(text);
    const parsed = parseHaproxyDuration(text);
    expect(parsed.ok && parsed.milliseconds).toBe(milliseconds);
  });
});
