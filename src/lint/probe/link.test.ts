import { describe, expect, it } from "vitest";
import type { Finding } from "../../engine/finding.js";
import { findingsByRoute } from "./link.js";
import type { WebSocketRoute } from "./routes.js";

const at = (offset: number) => ({ offset, line: offset, column: 1 });

function route(name: string, file: string, from: number, to: number, evidence: string[]): WebSocketRoute {
  return { name, file, extent: { start: at(from), end: at(to) }, head: { start: at(from), end: at(from + 1) }, evidence, paths: ["/"], noPathBecause: null };
}

function finding(ruleId: string, file: string, offset: number, evidence?: string[]): Finding {
  return { ruleId, severity: "error", message: ruleId, file, start: at(offset), end: at(offset + 1), ...(evidence ? { evidence } : {}) };
}

const ids = (linked: Map<WebSocketRoute, Finding[]>, of: WebSocketRoute) => linked.get(of)!.map((found) => found.ruleId);

describe("findingsByRoute", () => {
  it("gives a finding inside nested routes to the innermost one", () => {
    const outer = route("location /app/", "a.conf", 10, 100, ["path segment \"app\""]);
    const inner = route("location /app/ws", "a.conf", 40, 60, ["path segment \"ws\""]);
    const linked = findingsByRoute([outer, inner], [finding("in-inner", "a.conf", 45), finding("in-outer", "a.conf", 20), finding("elsewhere", "b.conf", 45)]);
    expect(ids(linked, inner)).toEqual(["in-inner"]);
    expect(ids(linked, outer)).toEqual(["in-outer"]);
  });

  it("gives a finding outside every route to the routes its evidence names, directly or through a frontend", () => {
    const backend = route("backend 'be_ws'", "haproxy.cfg", 50, 80, ["backend name \"be_ws\""]);
    const other = route("backend 'be_live'", "haproxy.cfg", 90, 120, ["backend name \"be_live\""]);
    const linked = findingsByRoute(
      [backend, other],
      [
        finding("in-defaults", "haproxy.cfg", 5, ["backend name \"be_ws\""]),
        finding("in-frontend", "haproxy.cfg", 30, ["frontend 'web' routes to backend 'be_ws': backend name \"be_ws\""]),
        finding("unnamed", "haproxy.cfg", 30),
      ],
    );
    expect(ids(linked, backend)).toEqual(["in-defaults", "in-frontend"]);
    expect(ids(linked, other)).toEqual([]);
  });

  it("tells routes with the same evidence apart by where the finding lies, and links an outside one to each", () => {
    const evidence = ["path segment \"ws\""];
    const first = route("location /ws/", "a.conf", 10, 30, evidence);
    const second = route("location /ws/", "a.conf", 50, 70, evidence);
    const linked = findingsByRoute([first, second], [finding("in-second", "a.conf", 55, evidence), finding("at-http", "a.conf", 2, evidence)]);
    expect(ids(linked, first)).toEqual(["at-http"]);
    expect(ids(linked, second)).toEqual(["in-second", "at-http"]);
  });
});
