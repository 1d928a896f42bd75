import { describe, expect, it } from "vitest";
import { formatMilliseconds, parseDuration } from "./duration.js";
import { ProbeUsageError } from "./errors.js";

describe("parseDuration", () => {
  it.each([
    ["500ms", 500],
    ["75s", 75_000],
    ["2m", 120_000],
    ["1h", 3_600_000],
    ["10", 10_000],
    ["1.5", 1500],
    ["0.25s", 250],
  ])("reads %s as %d ms", (text, expected) => {
    expect(parseDuration(text, "--hold")).toBe(expected);
  });

  it.each(["", "abc", "10x", "-5s", "s", "1 2s", "0", "0ms"])("rejects %j as a usage error naming the option", (text) => {
    expect(() => parseDuration(text, "--hold")).toThrow(ProbeUsageError);
    expect(() => parseDuration(text, "--hold")).toThrow(/--hold/);
  });
});

describe("formatMilliseconds", () => {
  it("uses milliseconds below one second and seconds with two decimals above", () => {
    expect(formatMilliseconds(35.4)).toBe("35 ms");
    expect(formatMilliseconds(2004)).toBe("2.00 s");
  });
});
