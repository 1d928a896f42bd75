import { describe, expect, it } from "vitest";
import { formatNginxDuration, parseNginxDuration } from "./duration.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function milliseconds(text: string, precision?: "milliseconds" | "seconds"): number {
  const result = parseNginxDuration(text, precision);
  if (!result.ok) throw new Error(result.error);
  return result.milliseconds;
}

function errorOf(text: string, precision?: "milliseconds" | "seconds"): string {
  const result = parseNginxDuration(text, precision);
  if (result.ok) throw new Error(`"${text}" parsed as ${result.milliseconds}`);
  return result.error;
}

describe("parseNginxDuration", () => {
  it.each([
    ["60", 60 * SECOND],
    ["60s", 60 * SECOND],
    ["500ms", 500],
    ["10m", 10 * MINUTE],
    ["1h", HOUR],
    ["2d", 2 * DAY],
    ["1w", 7 * DAY],
    ["0", 0],
  ])("reads %s", (text, expected) => {
    expect(milliseconds(text)).toBe(expected);
  });

  it("adds up combined units, with or without spaces between them", () => {
    expect(milliseconds("1h30m")).toBe(HOUR + 30 * MINUTE);
    expect(milliseconds("1h 30m")).toBe(HOUR + 30 * MINUTE);
    expect(milliseconds("1d2h3m4s5ms")).toBe(DAY + 2 * HOUR + 3 * MINUTE + 4 * SECOND + 5);
  });

  it("counts a bare number after units as seconds", () => {
    expect(milliseconds("1m30")).toBe(MINUTE + 30 * SECOND);
  });

  it("accepts months and years only where nginx keeps seconds", () => {
    expect(milliseconds("1M", "seconds")).toBe(30 * DAY);
    expect(milliseconds("1y", "seconds")).toBe(365 * DAY);
    expect(errorOf("1y")).toMatch(/"y" is too long/);
    expect(errorOf("2M")).toMatch(/"M" is too long/);
    expect(errorOf("100ms", "seconds")).toMatch(/"ms" is not allowed/);
  });

  it("rejects units out of order, repeated, or unknown", () => {
    expect(errorOf("30m1h")).toMatch(/out of order or repeated/);
    expect(errorOf("1s1s")).toMatch(/out of order or repeated/);
    expect(errorOf("10x")).toMatch(/unexpected "x"/);
    expect(errorOf("1.5s")).toMatch(/unexpected "\."/);
  });

  it("rejects values without a number, with a leading space, or a unit after a bare number", () => {
    expect(errorOf("")).toMatch(/no number/);
    expect(errorOf("s")).toMatch(/no number/);
    expect(errorOf(" 5s")).toMatch(/unexpected " "/);
    expect(errorOf("30 s")).toMatch(/unexpected "s"/);
    expect(errorOf("5 5")).toMatch(/bare number must come last/);
  });

  it("names the value in its message", () => {
    expect(errorOf("fast")).toBe('"fast" is not a valid nginx time: it has no number');
  });

  it("rejects values too large to count exactly", () => {
    expect(errorOf("99999999999999999w")).toMatch(/too large/);
  });
});

describe("formatNginxDuration", () => {
  it.each(["1h30m", "500ms", "1d", "2m5s", "0s", "1h1ms"])("round-trips %s", (text) => {
    expect(formatNginxDuration(milliseconds(text))).toBe(text);
  });
});
