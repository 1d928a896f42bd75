// The routes --probe finds, read through the real lint pipeline from files on disk.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintPaths } from "../run.js";
import { webSocketRoutesOf } from "./probe-routes.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wslint-routes-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function routesOf(files: Record<string, string>, paths: string[], fix: "none" | "write" = "none") {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const outcome = await lintPaths({
    paths: paths.map((path) => join(dir, path)),
    cwd: dir,
    includeMap: [],
    ruleOverrides: [],
    fix,
    quiet: false,
    reportUnusedDisableDirectives: false,
  });
  if (!outcome.ok) throw new Error(outcome.configErrors.join("\n"));
  return webSocketRoutesOf(outcome.run).map((route) => ({
    name: route.name,
    line: route.head.start.line,
    endLine: route.extent.end.line,
    paths: route.paths,
    noPathBecause: route.noPathBecause,
  }));
}

const UPGRADE = "proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade;";

describe("WebSocket routes to probe", () => {
  it("takes the path of exact and prefix locations, a # wslint: probe path over it, and explains the others", async () => {
    const text = [
      "server {",
      `  location = /ws { proxy_pass http://b; ${UPGRADE} }`,
      `  location ^~ /socket/ { proxy_pass http://b; ${UPGRADE} }`,
      "  # wslint: probe /app/ws?room=1",
      `  location /app/ { proxy_pass http://b; ${UPGRADE} }`,
      `  location ~ ^/chat$ { proxy_pass http://b; ${UPGRADE} }`,
      `  location @websocket { proxy_pass http://b; ${UPGRADE} }`,
      "  # wslint: probe live",
      `  location /live/ { proxy_pass http://b; ${UPGRADE} }`,
      `  location /static/ { root /srv; }`,
      "}",
      "",
    ].join("\n");
    const routes = await routesOf({ "paths.conf": text }, ["paths.conf"]);
    expect(routes.map(({ name, line, paths }) => [name, line, paths])).toEqual([
      ["location = /ws", 2, ["/ws"]],
      ["location ^~ /socket/", 3, ["/socket/"]],
      ["location /app/", 5, ["/app/ws?room=1"]],
      ["location ~ ^/chat$", 6, []],
      ["location @websocket", 7, []],
      ["location /live/", 9, []],
    ]);
    expect(routes[3]!.noPathBecause).toMatch(/^a regex location names no path to probe; name one with a `# wslint: probe \/path` comment$/);
    expect(routes[4]!.noPathBecause).toMatch(/^a named location is reached only by internal redirects/);
    expect(routes[5]!.noPathBecause).toBe('"# wslint: probe live" names no path: a path starts with /');
  });

  it("probes a location of a file two servers include once", async () => {
    const routes = await routesOf(
      {
        "twice/nginx.conf": "events {}\nhttp {\n  server { listen 80; include ws.inc; }\n  server { listen 81; include ws.inc; }\n}\n",
        "twice/ws.inc": `location /ws/ { proxy_pass http://b; ${UPGRADE} }\n`,
      },
      ["twice/nginx.conf"],
    );
    expect(routes).toEqual([{ name: "location /ws/", line: 1, endLine: 1, paths: ["/ws/"], noPathBecause: null }]);
  });

  it("takes an HAProxy backend's paths from the routes into it, or explains why there are none", async () => {
    const text = [
      "defaults",
      "  mode http",
      "frontend web",
      "  bind :80",
      "  use_backend be_ws if { path_beg /ws /socket }",
      "  default_backend live_ws",
      "backend be_ws",
      "  server a 127.0.0.1:9000",
      "backend live_ws",
      "  server b 127.0.0.1:9001",
      "",
    ].join("\n");
    const routes = await routesOf({ "haproxy.cfg": text }, ["haproxy.cfg"]);
    expect(routes).toEqual([
      expect.objectContaining({ name: "backend 'be_ws'", line: 7, paths: ["/ws", "/socket"], noPathBecause: null }),
      expect.objectContaining({ name: "backend 'live_ws'", line: 9, paths: [], noPathBecause: expect.stringMatching(/^no route into it tests a literal path/) }),
    ]);
  });

  it("reads the routes of the files as --fix leaves them", async () => {
    const text = "server {\n  location /ws {\n    proxy_pass http://b;\n  }\n}\n";
    const [asWritten] = await routesOf({ "fixed.conf": text }, ["fixed.conf"]);
    const [asFixed] = await routesOf({ "fixed.conf": text }, ["fixed.conf"], "write");
    // The fixes add lines inside the location: the block the probe links findings in grows with them.
    expect(asWritten!.endLine).toBe(4);
    expect(asFixed!.endLine).toBeGreaterThan(asWritten!.endLine);
  });
});
