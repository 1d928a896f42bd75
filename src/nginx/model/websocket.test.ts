import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { modelOfFixture, modelOfText } from "../../../fixtures/nginx/model/load-fixture.js";
import type { LocationScope, NginxModel } from "./index.js";
import { nameTokens } from "../../websocket/vocabulary.js";

const FIXTURE = "fixtures/nginx/model/websocket/evidence.conf";
const SETTINGS = { paths: ["/live-config"], backends: ["feed_backend"] };

function location(model: NginxModel, pattern: string): LocationScope {
  const found = model.locations.find((candidate) => candidate.match.pattern === pattern);
  if (found === undefined) throw new Error(`no location ${pattern}`);
  return found;
}

describe("WebSocket evidence, as each fixture location states it", () => {
  const model = modelOfFixture("websocket/evidence.conf", SETTINGS);
  const lines = readFileSync(FIXTURE, "utf8").split("\n");
  const stated = model.locations.flatMap((candidate) => {
    const expectation = /# expect: (.*)$/.exec(lines[candidate.block.node.start.line - 1]!);
    return expectation === null ? [] : [{ candidate, kinds: expectation[1]!.trim().split(/\s+/) }];
  });

  it("states an expectation for nearly every location", () => {
    expect(stated.length).toBeGreaterThanOrEqual(model.locations.length - 1);
  });

  it.each(stated.map(({ candidate, kinds }) => [candidate.match.pattern, kinds, candidate] as const))(
    "%s: %j",
    (_pattern, kinds, candidate) => {
      const found = [...new Set(candidate.websocketEvidence.map((evidence) => evidence.kind))].sort();
      expect(found).toEqual(kinds[0] === "none" ? [] : [...kinds].sort());
      expect(candidate.isWebSocketRoute).toBe(kinds[0] !== "none");
    },
  );

  it("lists the WebSocket routes in document order", () => {
    expect(model.websocketRoutes).toEqual(stated.filter(({ kinds }) => kinds[0] !== "none").map(({ candidate }) => candidate));
  });

  it("ignores a marker comment that trails another directive's line", () => {
    expect(location(model, "/plain-a/").isWebSocketRoute).toBe(false);
  });
});

describe("evidence messages", () => {
  const model = modelOfFixture("websocket/evidence.conf", SETTINGS);
  const messages = (pattern: string) => location(model, pattern).websocketEvidence.map((evidence) => evidence.message);
  const lineOf = (text: string) => readFileSync(FIXTURE, "utf8").split("\n").findIndex((line) => line.includes(text)) + 1;

  it("say what was found and where", () => {
    expect(messages("/notify/")).toEqual([
      `forwards "Upgrade: $http_upgrade" (${FIXTURE}:${lineOf("proxy_set_header Upgrade $http_upgrade")})`,
      `sets "Connection: $connection_upgrade" (${FIXTURE}:${lineOf("proxy_set_header Connection $connection_upgrade")})`,
    ]);
    expect(messages("/ws/")).toEqual(['path segment "ws"']);
    expect(messages("/chat/")).toEqual([`upstream name "chat_ws" (${FIXTURE}:${lineOf("proxy_pass http://chat_ws")})`]);
    expect(messages("/chat-guarded/")).toHaveLength(1);
    expect(messages("/rooms/")).toEqual([`proxy_pass path segment "sockjs" (${FIXTURE}:${lineOf("http://app/sockjs/")})`]);
    expect(messages("/realtime-feed/")).toEqual([`comment "# wslint: websocket -- the feed upgrades to WebSocket" (${FIXTURE}:${lineOf("location /realtime-feed/") - 1})`]);
    expect(messages("/live-config/")).toEqual(['configured websocket.paths "/live-config"']);
    expect(messages("/feed/")).toEqual(['configured websocket.backends "feed_backend"']);
    expect(messages("/gate/")[0]).toMatch(/^uses \$http_upgrade in if \(.*:\d+\)$/);
    expect(messages("/mapped/")[0]).toMatch(/^uses \$connection_upgrade, computed from \$http_upgrade in add_header/);
    expect(messages("^/(live|cable)/")).toEqual(['path segment "cable" in regex ^/(live|cable)/']);
    expect(messages("websocket")).toEqual(['location name "@websocket"']);
  });

  it("point at the inherited header for a proxied location of a server that sets it", () => {
    const app = location(model, "/app/").websocketEvidence[0]!;
    expect(app.kind).toBe("upgrade-header");
    expect(app.at).toBe(model.servers[1]!.own("proxy_set_header")[0]);
  });
});

describe("wslint comments", () => {
  it("record probe paths on their location", () => {
    const model = modelOfFixture("websocket/evidence.conf", SETTINGS);
    expect(location(model, "/ws/").probePaths).toEqual(["/ws/echo"]);
    expect(location(model, "/chat/").probePaths).toEqual([]);
  });

  it("take a probe path anywhere in the body, a marker only at its start", () => {
    const model = modelOfText(`
      server {
        location /a/ { # wslint: websocket
          proxy_pass http://app;
          # wslint: probe /a/echo -- needs no cookie
          # wslint: websocket
        }
        location /b/
          # wslint: websocket
        {
          proxy_pass http://app;
        }
      }`);
    const a = location(model, "/a/");
    expect(a.annotations.map((annotation) => annotation.kind)).toEqual(["websocket", "probe"]);
    expect(a.probePaths).toEqual(["/a/echo"]);
    expect(location(model, "/b/").isWebSocketRoute).toBe(true);
  });

  it("ignore other words and malformed annotations", () => {
    const model = modelOfText(`
      server {
        # wslint: websockets
        location /a/ { proxy_pass http://app; }
        # wslint: probe
        location /b/ { proxy_pass http://app; }
        # wslint-disable-next-line nginx/some-rule -- websocket
        location /c/ { proxy_pass http://app; }
      }`);
    expect(model.locations.flatMap((candidate) => candidate.annotations)).toEqual([]);
  });
});

describe("configured websocket.paths", () => {
  const text = `
    server {
      listen 80;
      location / { proxy_pass http://app; }
      location /live/ { proxy_pass http://app; }
      location /live/feed/ { proxy_pass http://app; }
      location /lively/ { proxy_pass http://app; }
      location ~ ^/stream/ { proxy_pass http://app; }
      location /api/v1/ws-feed/ { proxy_pass http://app; }
    }
    server {
      listen 81;
      location / { proxy_pass http://app; }
    }
    server {
      listen 82;
      location / { root /srv/www; }
    }`;
  const routes = (model: NginxModel) =>
    model.websocketRoutes.map((route) => `${route.server!.listens[0]!.port} ${route.match.pattern}`);

  it("count for a server's locations at or below the path", () => {
    const model = modelOfText(text, { paths: ["/live"] });
    expect(routes(model)).toEqual(["80 /live/", "80 /live/feed/", "81 /"]);
  });

  it("otherwise count for the location nginx picks for the path, if it proxies", () => {
    const model = modelOfText(text, { paths: ["/stream/now"] });
    expect(routes(model)).toEqual(["80 ^/stream/", "81 /"]);
  });

  it("may be globs over location paths", () => {
    const model = modelOfText(text, { paths: ["/api/*/ws-feed"] });
    expect(routes(model)).toEqual(["80 /api/v1/ws-feed/"]);
  });
});

describe("name tokens", () => {
  it.each([
    ["chat_ws", ["chat", "ws"]],
    ["ws-backend", ["ws", "backend"]],
    ["socketServers", ["socket", "servers"]],
    ["news", ["news"]],
  ])("%s", (name, tokens) => {
    expect(nameTokens(name)).toEqual(tokens);
  });
});
