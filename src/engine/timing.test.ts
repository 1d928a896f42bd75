import { describe, expect, it } from "vitest";
import { PHASES, startTiming, timed, timedAsync, timingRequested, timingTable } from "./timing.js";

function rowsOf(table: string): Map<string, number> {
  return new Map([...table.matchAll(/^ {2}(.+?) +(\d+\.\d)$/gm)].map((match) => [match[1]!, Number(match[2])]));
}

describe("WSLINT_TIMING", () => {
  it("is asked for by any value but empty and 0", () => {
    expect(timingRequested({ WSLINT_TIMING: "1" })).toBe(true);
    expect(timingRequested({ WSLINT_TIMING: "yes" })).toBe(true);
    expect(timingRequested({ WSLINT_TIMING: "0" })).toBe(false);
    expect(timingRequested({ WSLINT_TIMING: "" })).toBe(false);
    expect(timingRequested({})).toBe(false);
  });

  it("times nothing and prints nothing until started", () => {
    expect(timed("rules", () => 42)).toBe(42);
    expect(timingTable()).toBe("");
  });

  it("adds up each phase, counts a phase that threw, and lists every phase with start-up and total", async () => {
    startTiming();
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    timed("model", () => busy(5));
    timed("model", () => busy(5));
    await timedAsync("read and parse", async () => busy(3));
    expect(() =>
      timed("rules", () => {
        busy(2);
        throw new Error("rule crashed");
      }),
    ).toThrow("rule crashed");
    const rows = rowsOf(timingTable());
    expect([...rows.keys()]).toEqual(["start-up", ...PHASES, "other", "total"]);
    expect(rows.get("model")).toBeGreaterThanOrEqual(10);
    expect(rows.get("read and parse")).toBeGreaterThanOrEqual(3);
    expect(rows.get("rules")).toBeGreaterThanOrEqual(2);
    expect(rows.get("report")).toBe(0);
    const parts = [...rows].filter(([label]) => label !== "total").reduce((sum, [, ms]) => sum + ms, 0);
    expect(rows.get("total")).toBeCloseTo(parts, 0);
  });
});
