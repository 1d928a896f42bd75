import { describe, expect, it } from "vitest";
import { modelOfText } from "../../../fixtures/haproxy/model/load-fixture.js";
import { couldMatch, literalPaths, matchesConnectionUpgrade, matchesUpgradeHeader, pathPatternSegments, type AclTest } from "./index.js";

/** The test of `acl a CRITERION...` in a frontend. */
function aclTest(criterion: string): AclTest {
  const model = modelOfText(`frontend fe\n    bind :80\n    acl a ${criterion}\n`);
  return model.proxies[0]!.aclDeclarations[0]!.test!;
}

describe("what an ACL reads and how it matches", () => {
  it.each([
    ["hdr(Upgrade) -i websocket", "hdr", "upgrade", "request", "str", true],
    ["req.hdr(upgrade) websocket", "req.hdr", "upgrade", "request", "str", false],
    ["req.fhdr(connection) -m sub upgrade", "req.fhdr", "connection", "request", "sub", false],
    ["hdr_sub(connection) -i upgrade", "hdr_sub", "connection", "request", "sub", true],
    ["hdr_cnt(upgrade) gt 0", "hdr_cnt", "upgrade", "request", "cnt", false],
    ["res.hdr(upgrade) websocket", "res.hdr", "upgrade", "response", "str", false],
    ["shdr_beg(upgrade) web", "shdr_beg", "upgrade", "response", "beg", false],
    ["path_beg /ws", "path_beg", null, "request", "beg", false],
  ])("%s", (criterion, fetch, header, side, match, ignoreCase) => {
    expect(aclTest(criterion)).toMatchObject({ fetch, header, side, match, ignoreCase });
  });

  it("keeps the criterion as written for messages", () => {
    expect(aclTest("hdr(Upgrade) -i -m str WebSocket").text).toBe("hdr(Upgrade) -i -m str WebSocket");
  });

  it("knows patterns may come from a file", () => {
    expect(aclTest("path_beg -f /etc/haproxy/ws-paths.lst").valuesFromFile).toBe(true);
  });
});

describe("couldMatch", () => {
  it.each([
    ["hdr(upgrade) websocket", "websocket", true],
    ["hdr(upgrade) websocket", "WebSocket", false],
    ["hdr(upgrade) -i WEBSOCKET", "WebSocket", true],
    ["hdr_beg(upgrade) web", "websocket", true],
    ["hdr_end(upgrade) socket", "websocket", true],
    ["hdr_sub(upgrade) bsoc", "websocket", true],
    ["hdr_sub(upgrade) h2c", "websocket", false],
    ["path_dir ws", "/api/ws/chat", true],
    ["path_dir ws", "/api/wsdl", false],
    ["hdr_dom(host) example", "www.example.com", true],
    ["hdr_reg(upgrade) ^web", "websocket", true],
    ["hdr_reg(upgrade) ^h2", "websocket", false],
    ["hdr(upgrade) -m found", "anything", true],
    ["hdr_cnt(upgrade) eq 0", "websocket", true],
    ["hdr(upgrade) -f /etc/haproxy/upgrades.lst", "websocket", true],
  ])("%s against %s: %s", (criterion, candidate, expected) => {
    expect(couldMatch(aclTest(criterion), candidate)).toBe(expected);
  });

  it("answers yes for a regex JavaScript cannot compile", () => {
    expect(couldMatch(aclTest("hdr_reg(upgrade) (?i)web"), "h2c")).toBe(true);
  });
});

describe("WebSocket handshake matches", () => {
  it.each([
    ["hdr(upgrade) -i websocket", true],
    ["req.hdr(Upgrade) websocket", true],
    ["hdr(upgrade) -i h2c", false],
    ["res.hdr(upgrade) -i websocket", false],
    ["hdr(host) -i websocket", false],
  ])("Upgrade: %s -> %s", (criterion, expected) => {
    expect(matchesUpgradeHeader(aclTest(criterion))).toBe(expected);
  });

  it.each([
    ["hdr(connection) -i upgrade", true],
    ["req.fhdr(connection) -m sub -i upgrade", true],
    ["hdr(connection) Upgrade", true],
    ["hdr(connection) -i close", false],
    ["hdr(connection) keep-alive", false],
  ])("Connection: %s -> %s", (criterion, expected) => {
    expect(matchesConnectionUpgrade(aclTest(criterion))).toBe(expected);
  });
});

describe("paths in ACLs", () => {
  it.each([
    ["path_beg /api/ws/", ["api", "ws"]],
    ["path_reg ^/(socket\\.io|live)/", ["socket.io", "live"]],
    ["path_beg /wsdl/ /news", ["wsdl", "news"]],
    ["hdr(host) ws.example.com", []],
  ])("%s has segments %j", (criterion, segments) => {
    expect(pathPatternSegments(aclTest(criterion))).toEqual(segments);
  });

  it.each([
    ["path /ws", ["/ws"]],
    ["path_beg /ws /cable", ["/ws", "/cable"]],
    ["path_beg -m str /ws", ["/ws"]],
    ["path_end /ws", []],
    ["path_reg ^/ws", []],
    ["url_beg /ws", []],
    ["path_beg ws", []],
  ])("%s takes the literal paths %j", (criterion, paths) => {
    expect(literalPaths(aclTest(criterion))).toEqual(paths);
  });
});

describe("which terms select traffic", () => {
  const positives = (rule: string) => {
    const text = `frontend fe\n    bind :80\n    acl a path /a\n    acl b path /b\n    ${rule}\n`;
    const condition = modelOfText(text).proxies[0]!.conditions[0]!.condition;
    return condition.terms.map((term) => term.positive);
  };

  it("takes `if` terms as they are and `unless` terms negated", () => {
    expect(positives("http-request deny if a !b")).toEqual([true, false]);
    expect(positives("http-request deny unless a !b")).toEqual([false, true]);
    expect(positives("http-request deny if !a or { path /c }")).toEqual([false, true]);
  });
});
