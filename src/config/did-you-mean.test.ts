import { describe, expect, it } from "vitest";
import { closestMatch, didYouMean, editDistance } from "./did-you-mean.js";

const ids = ["nginx/ws-upgrade-header", "nginx/ws-read-timeout", "haproxy/ws-timeout-tunnel"];

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and swapped neighbours", () => {
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("timeout", "tiemout")).toBe(1);
    expect(editDistance("same", "same")).toBe(0);
  });
});

describe("closestMatch", () => {
  it("suggests the closest id for a typo, and for an id without its dialect prefix", () => {
    expect(closestMatch("nginx/ws-read-timout", ids)).toBe("nginx/ws-read-timeout");
    expect(closestMatch("ws-timeout-tunnel", ids)).toBe("haproxy/ws-timeout-tunnel");
    expect(closestMatch("NGINX/WS-UPGRADE-HEADER", ids)).toBe("nginx/ws-upgrade-header");
  });

  it("suggests nothing for names far from every id", () => {
    expect(closestMatch("semi", ids)).toBeNull();
    expect(closestMatch("x", [])).toBeNull();
    expect(didYouMean("completely-different", ids)).toBe("");
  });
});
