import { describe, expect, it } from "vitest";
import { colorEnabled, paint } from "./color.js";

describe("colorEnabled", () => {
  it("follows --color / --no-color before anything else", () => {
    expect(colorEnabled({ flag: true, env: { NO_COLOR: "1" }, isTTY: false })).toBe(true);
    expect(colorEnabled({ flag: false, env: { FORCE_COLOR: "1" }, isTTY: true })).toBe(false);
  });

  it("then FORCE_COLOR, then NO_COLOR, then whether stdout is a terminal", () => {
    expect(colorEnabled({ env: { FORCE_COLOR: "1", NO_COLOR: "1" }, isTTY: false })).toBe(true);
    expect(colorEnabled({ env: { FORCE_COLOR: "0" }, isTTY: true })).toBe(false);
    expect(colorEnabled({ env: { NO_COLOR: "1" }, isTTY: true })).toBe(false);
    expect(colorEnabled({ env: { NO_COLOR: "" }, isTTY: true })).toBe(true);
    expect(colorEnabled({ env: {}, isTTY: true })).toBe(true);
    expect(colorEnabled({ env: { TERM: "dumb" }, isTTY: true })).toBe(false);
    expect(colorEnabled({ env: {}, isTTY: false })).toBe(false);
  });
});

describe("paint", () => {
  it("wraps text in SGR codes only when enabled", () => {
    expect(paint(true).red("x")).toBe("\u001b[31mx\u001b[39m");
    expect(paint(true).bold("x")).toBe("\u001b[1mx\u001b[22m");
    expect(paint(false).red("x")).toBe("x");
  });
});
