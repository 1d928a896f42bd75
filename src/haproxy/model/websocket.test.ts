import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FIXTURE_ROOT, modelOfFixture, modelOfText } from "../../../fixtures/haproxy/model/load-fixture.js";
import type { HaproxyModel, ProxyModel } from "./index.js";

const FIXTURE = `${FIXTURE_ROOT}/websocket/evidence.cfg`;
const SETTINGS = { paths: ["/live/feed", "/real*"], backends: ["FEED_BACKEND"] };

function proxy(model: HaproxyModel, name: string): ProxyModel {
  const found = model.proxies.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no proxy ${name}`);
  return found;
}

const lines = readFileSync(FIXTURE, "utf8").split("\n");
const lineOf = (text: string, after = 0) => lines.findIndex((line, index) => index >= after && line.includes(text)) + 1;

describe("WebSocket evidence, as each fixture backend states it", () => {
  const model = modelOfFixture("websocket/evidence.cfg", SETTINGS);
  const stated = model.proxies.flatMap((candidate) => {
    const expectation = /# expect: (.*)$/.exec(lines[candidate.header.start.line - 1]!);
    return expectation === null ? [] : [{ candidate, kinds: expectation[1]!.trim().split(/\s+/) }];
  });

  it("states an expectation for nearly every backend and listen", () => {
    expect(stated.length).toBeGreaterThanOrEqual(model.backends.size - 1);
  });

  it.each(stated.map(({ candidate, kinds }) => [candidate.name, kinds, candidate] as const))("%s: %j", (_name, kinds, candidate) => {
    const found = [...new Set(candidate.websocketEvidence.map((evidence) => evidence.kind))].sort();
    expect(found).toEqual(kinds[0] === "none" ? [] : [...kinds].sort());
    expect(candidate.isWebSocketRoute).toBe(kinds[0] !== "none");
  });

  it("takes a marker in the comment of the section line", () => {
    expect(proxy(model, "marked_on_header").websocketEvidence.map((evidence) => evidence.kind)).toEqual(["comment"]);
  });

  it("lists the WebSocket routes in document order", () => {
    const expected = model.proxies.filter((candidate) => candidate.websocketEvidence.length > 0);
    expect(model.websocketRoutes).toEqual(expected);
    expect(model.websocketRoutes.map((route) => route.name)).toContain("marked_on_header");
  });
});

describe("evidence messages", () => {
  const model = modelOfFixture("websocket/evidence.cfg", SETTINGS);
  const messages = (name: string) => proxy(model, name).websocketEvidence.map((evidence) => evidence.message);

  it("say what was found and where", () => {
    expect(messages("app_upgrade")).toEqual([
      `frontend 'fe_main' routes here (${FIXTURE}:${lineOf("use_backend app_upgrade")}) when ACL "is_upgrade" ` +
        `(hdr(upgrade) -i websocket, ${FIXTURE}:${lineOf("acl is_upgrade hdr")}) matches "Upgrade: websocket"`,
    ]);
    expect(messages("app_inline")).toEqual([
      `frontend 'fe_main' routes here (${FIXTURE}:${lineOf("use_backend app_inline")}) when { req.hdr(Upgrade) -m str websocket } matches "Upgrade: websocket"`,
    ]);
    expect(messages("app_node")[0]).toMatch(/when ACL "is_sockets" \(path_reg .*\) matches path segment "socket\.io"$/);
    expect(messages("be_ws")).toEqual(['backend name "be_ws"']);
    expect(messages("marked_above")).toEqual([`comment "# wslint: websocket" (${FIXTURE}:${lineOf("backend marked_above") - 1})`]);
    expect(messages("feed_backend")).toEqual(['configured websocket.backends "feed_backend"']);
    expect(messages("app_configured_path")).toEqual([
      `configured websocket.paths "/live/feed" matches path_beg /live (${FIXTURE}:${lineOf("acl is_live")})`,
    ]);
    expect(messages("app_server_option")).toEqual([`server "s1" sets "ws h1" (${FIXTURE}:${lineOf("ws h1")})`]);
    expect(messages("live_listen")).toEqual([
      `ACL "is_upgrade" (hdr(upgrade) -i websocket, ${FIXTURE}:${lineOf("acl is_upgrade", lineOf("listen live_listen"))}) ` +
        `matches "Upgrade: websocket", tested at ${FIXTURE}:${lineOf("http-request set-header X-Route")}`,
    ]);
  });

  it("point at the ACL line and carry the route", () => {
    const [evidence] = proxy(model, "app_upgrade").websocketEvidence;
    expect(evidence!.at).toBe(proxy(model, "fe_main").acls.get("is_upgrade")!.declarations[0]!.statement);
    expect(evidence!.route?.from.name).toBe("fe_main");
  });
});

describe("paths for the probe", () => {
  const model = modelOfFixture("websocket/evidence.cfg", SETTINGS);

  it("records `# wslint: probe` comments anywhere in the section, on their own line or after a statement", () => {
    expect(proxy(model, "app_upgrade").probePaths).toEqual(["/chat/socket"]);
    expect(proxy(model, "live_listen").probePaths).toEqual(["/live"]);
    expect(proxy(model, "app_inline").probePaths).toEqual([]);
  });

  it("gives the literal paths the routes into a backend take", () => {
    expect(proxy(model, "app_rails").routePaths.map((found) => [found.path, found.route?.from.name])).toEqual([["/cable/", "fe_main"]]);
    expect(proxy(model, "app_node").routePaths).toEqual([]);
  });
});

describe("WebSocket evidence edge cases", () => {
  const base = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 5s\n    timeout server 5s\n";

  it("counts every line of a named ACL, even one written after the rule that uses it", () => {
    const model = modelOfText(
      `${base}frontend fe\n    bind :80\n    acl chat path_beg /chat\n    use_backend app if chat\n    acl chat hdr(upgrade) -i websocket\nbackend app\n    server s 127.0.0.1:1\n`,
    );
    expect(model.backends.get("app")!.websocketEvidence.map((evidence) => evidence.kind)).toEqual(["upgrade-acl"]);
  });

  it("ignores an ACL HAProxy would not know yet where it is used", () => {
    // HAProxy rejects this file ("no such ACL"); the model must not invent the route's meaning.
    const model = modelOfText(
      `${base}frontend fe\n    bind :80\n    use_backend app if is_ws\n    acl is_ws hdr(upgrade) -i websocket\nbackend app\n    server s 127.0.0.1:1\n`,
    );
    expect(model.backends.get("app")!.isWebSocketRoute).toBe(false);
  });

  it("does not take a ws option inherited from default-server as evidence", () => {
    const model = modelOfText(`${base}    default-server ws h1\nbackend app\n    server s 127.0.0.1:1\n`);
    const app = model.backends.get("app")!;
    expect(app.servers[0]!.ws?.value).toBe("h1");
    expect(app.isWebSocketRoute).toBe(false);
  });
});
