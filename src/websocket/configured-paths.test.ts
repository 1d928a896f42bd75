import { describe, expect, it } from "vitest";
import { configuredPathGlob } from "./configured-paths.js";

describe("configuredPathGlob", () => {
  it("is null for an entry without glob characters: each dialect compares those as prefixes", () => {
    expect(configuredPathGlob("/live/feed")).toBeNull();
  });

  it("matches * within a segment, ** across segments and ? as one character", () => {
    const oneSegment = configuredPathGlob("/api/*/ws")!;
    expect(oneSegment("/api/v1/ws")).toBe(true);
    expect(oneSegment("/api/v1/v2/ws")).toBe(false);
    expect(configuredPathGlob("/api/**/ws")!("/api/v1/v2/ws")).toBe(true);
    const oneCharacter = configuredPathGlob("/v?/ws")!;
    expect(oneCharacter("/v1/ws")).toBe(true);
    expect(oneCharacter("/v10/ws")).toBe(false);
  });

  it("takes a route's path with or without its final slash, and nothing longer", () => {
    const glob = configuredPathGlob("/real*")!;
    expect(glob("/realtime")).toBe(true);
    expect(glob("/realtime/")).toBe(true);
    expect(glob("/realtime/feed")).toBe(false);
  });

  it("reads the other characters literally", () => {
    const glob = configuredPathGlob("/socket.io/*")!;
    expect(glob("/socket.io/x")).toBe(true);
    expect(glob("/socketXio/x")).toBe(false);
  });
});
