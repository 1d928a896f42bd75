import { connect } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithHaproxy, startHaproxy, type RunningServer } from "../../../test/servers/index.js";
import { modelOfText } from "../../../fixtures/haproxy/model/load-fixture.js";
import { couldMatch, matchesConnectionUpgrade, matchesUpgradeHeader, type AclTest } from "./index.js";

// The model's reading of ACL matches against a running HAProxy: for each criterion and each
// header or path value, a request carrying that value gets 200 when HAProxy's ACL matches it,
// 404 when it does not, and the model must say the same.

interface Case {
  criterion: string;
  /** What the values below are sent as. */
  sentAs: "upgrade" | "connection" | "path";
  values: string[];
}

const HEADER_VALUES = ["websocket", "WebSocket", "h2c", "web.socket"];
const CONNECTION_VALUES = ["Upgrade", "upgrade", "keep-alive, Upgrade", "close"];
const PATHS = ["/ws", "/ws/", "/api/ws/x", "/wsdl", "/socket.io/", "/news"];

const CASES: Case[] = [
  ...[
    "hdr(upgrade) websocket",
    "hdr(upgrade) -i WEBSOCKET",
    "req.hdr(Upgrade) -m str websocket",
    "hdr_beg(upgrade) web",
    "hdr_end(upgrade) -i SOCKET",
    "hdr_sub(upgrade) bsoc",
    "hdr_reg(upgrade) ^web",
    "hdr_reg(upgrade) -i ^WEB",
    "hdr_dom(upgrade) socket",
    "hdr(upgrade) -m sub sock",
  ].map((criterion): Case => ({ criterion, sentAs: "upgrade", values: HEADER_VALUES })),
  ...["hdr(connection) -i upgrade", "req.fhdr(connection) -i upgrade", "hdr_sub(connection) -i upgrade", "hdr(connection) Upgrade"].map(
    (criterion): Case => ({ criterion, sentAs: "connection", values: CONNECTION_VALUES }),
  ),
  ...["path /ws", "path_beg /ws", "path_end /ws", "path_dir ws", "path_sub ws", "path_reg ^/(socket\\.io|ws)/"].map(
    (criterion): Case => ({ criterion, sentAs: "path", values: PATHS }),
  ),
];

function config(port: number): string {
  const rules = CASES.map(
    ({ criterion }, index) => `    http-request return status 200 if { req.hdr(x-case) -m str ${index} } { ${criterion} }`,
  );
  return [
    "defaults",
    "    mode http",
    "    timeout connect 5s",
    "    timeout client 5s",
    "    timeout server 5s",
    "frontend fe",
    `    bind 127.0.0.1:${port}`,
    ...rules,
    ...JOINED_ACL_LINES,
    "    http-request return status 404",
    "",
  ].join("\n");
}

/** A named ACL with a second line written after the rule that uses it. */
const JOINED_ACL_LINES = [
  "    acl joined path /first",
  "    http-request return status 200 if { req.hdr(x-case) -m str joined } joined",
  "    acl joined path /second",
];

/** Sends one request as written and resolves to its status code. */
function statusOf(port: number, request: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let answer = "";
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    socket.setEncoding("utf8");
    socket.setTimeout(5000, () => socket.destroy(new Error("no answer")));
    socket.on("data", (chunk: string) => {
      answer += chunk;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status !== null) {
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on("error", reject);
  });
}

function request(index: number, sentAs: Case["sentAs"], value: string): string {
  const path = sentAs === "path" ? value : "/";
  const headers = [`Host: test`, `X-Case: ${index}`];
  if (sentAs === "upgrade") headers.push(`Upgrade: ${value}`);
  if (sentAs === "connection") headers.push(`Connection: ${value}`);
  return `GET ${path} HTTP/1.1\r\n${headers.join("\r\n")}\r\n\r\n`;
}

/** The test the model reads from the same criterion. */
function modelTest(criterion: string): AclTest {
  return modelOfText(`frontend fe\n    bind :80\n    acl a ${criterion}\n`).proxies[0]!.aclDeclarations[0]!.test!;
}

/**
 * The model's answer for a value as sent. `hdr()` reads each comma-separated value on its own,
 * `fhdr()` the whole line; and HAProxy drops the keep-alive token from an HTTP/1.1 Connection
 * header before any ACL sees it.
 */
function modelMatches(test: AclTest, sentAs: Case["sentAs"], value: string): boolean {
  const tokens = value.split(",").map((part) => part.trim());
  const seen = sentAs === "connection" ? tokens.filter((token) => token.toLowerCase() !== "keep-alive") : tokens;
  const parts = test.fetch.includes("fhdr") ? [seen.join(", ")] : seen;
  return parts.some((part) => couldMatch(test, part));
}

describeWithHaproxy("ACL matches agree with HAProxy's", () => {
  let haproxy: RunningServer;
  beforeAll(async () => {
    haproxy = await startHaproxy(config);
  });
  afterAll(async () => {
    await haproxy?.stop();
  });

  it.each(CASES.map((testCase, index) => [testCase.criterion, index, testCase] as const))("%s", async (_criterion, index, testCase) => {
    const test = modelTest(testCase.criterion);
    const answers = await Promise.all(testCase.values.map((value) => statusOf(haproxy.port, request(index, testCase.sentAs, value))));
    const haproxyMatches = testCase.values.filter((_value, at) => answers[at] === 200);
    expect(answers.every((status) => status === 200 || status === 404)).toBe(true);
    expect(testCase.values.filter((value) => modelMatches(test, testCase.sentAs, value))).toEqual(haproxyMatches);
    if (testCase.sentAs === "upgrade") expect(matchesUpgradeHeader(test)).toBe(haproxyMatches.some((value) => /^websocket$/i.test(value)));
    if (testCase.sentAs === "connection") expect(matchesConnectionUpgrade(test)).toBe(haproxyMatches.some((value) => /upgrade/i.test(value)));
  });

  it("ORs every line of a name, even one below the rule that uses it", async () => {
    const ask = (path: string) => statusOf(haproxy.port, `GET ${path} HTTP/1.1\r\nHost: test\r\nX-Case: joined\r\n\r\n`);
    expect(await Promise.all(["/first", "/second", "/third"].map(ask))).toEqual([200, 200, 404]);
    const model = modelOfText(`frontend fe\n    bind :80\n${JOINED_ACL_LINES.join("\n")}\n`);
    const [{ condition }] = model.proxies[0]!.conditions;
    const tests = condition.terms.flatMap((term) => term.tests);
    expect(["/first", "/second", "/third"].map((path) => tests.some((test) => test.readsPath && couldMatch(test, path)))).toEqual([true, true, false]);
  });
});
