import { expect, it } from "vitest";
import type { RejectCase } from "../../../test/rule-tester/rule-tester.js";
import { testHaproxyRule } from "../../../test/rule-tester/haproxy.js";
import { describeWithHaproxy, haproxyCheck } from "../../../test/servers/index.js";
import { wsHeaderStripping } from "./index.js";

const DEFAULTS = `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout tunnel 1h
`;

/** A frontend with `frontendLines`, sending /ws/ to be_ws (with `backendLines`) and the rest to be_app. */
const config = (frontendLines: string, backendLines = "") => `${DEFAULTS}
frontend fe
    bind :8080
${frontendLines}    use_backend be_ws if { path_beg /ws/ }
    default_backend be_app

backend be_app
    server app 127.0.0.1:9000

backend be_ws
${backendLines}    server ws 127.0.0.1:9001
`;

const SPARED = "unless { req.hdr(upgrade) -i websocket }";

const reject: RejectCase<undefined>[] = [
  {
    description: "an unconditional del-header Connection in the frontend",
    code: config("    http-request del-header Connection\n"),
    exactMessage:
      `"http-request del-header Connection" in frontend 'fe' deletes the Connection header in requests to backend 'be_ws', WebSocket handshakes included: ` +
      `the server then gets no upgrade request and answers 400 or 426 (or HAProxy 502) instead of 101 Switching Protocols. ` +
      `Spare the handshakes with a condition such as "${SPARED}", or remove the rule.`,
    evidence: [/^backend 'be_ws': frontend 'fe' routes here .*matches path segment "ws"/],
    line: 10,
    column: 5,
    endLine: 10,
    endColumn: 39,
    suggestions: [
      {
        description: `Add "${SPARED}" to the rule`,
        output: { "haproxy.cfg": config(`    http-request del-header Connection ${SPARED}\n`) },
      },
    ],
  },
  {
    description: "del-header Upgrade in the WebSocket backend itself, before a comment",
    code: config("", "    http-request del-header Upgrade # no h2c\n"),
    message: "deletes the Upgrade header in requests to backend 'be_ws'",
    evidence: ['matches path segment "ws"'],
    line: 17,
    column: 5,
    suggestions: [
      {
        description: "Add",
        output: { "haproxy.cfg": config("", `    http-request del-header Upgrade ${SPARED} # no h2c\n`) },
      },
    ],
  },
  {
    description: "set-header Connection close in a listen",
    code: `${DEFAULTS}\nlisten websocket_gateway\n    bind :8080\n    http-request set-header Connection close\n    server ws 127.0.0.1:9001\n`,
    message: `"http-request set-header Connection close" in listen 'websocket_gateway' sets Connection to "close" in requests to listen 'websocket_gateway'`,
    evidence: ['listen name "websocket_gateway"'],
    line: 10,
    column: 5,
  },
  {
    description: "replace-value that rewrites every Connection value",
    code: config("    http-request replace-value Connection (.*) keep-alive\n"),
    message: 'rewrites "Connection: Upgrade" to "Connection: keep-alive"',
    line: 10,
    column: 5,
  },
  {
    description: "replace-header on the Upgrade header, with a back-reference",
    code: config("", "    http-request replace-header Upgrade (web)socket \\1-h2c\n"),
    message: 'rewrites "Upgrade: websocket" to "Upgrade: web-h2c"',
    line: 17,
    column: 5,
  },
  {
    description: "del-header with a regex naming both headers",
    code: config("    http-request del-header ^(upgrade|connection)$ -m reg\n"),
    message: "deletes the Upgrade and Connection header",
    line: 10,
    column: 5,
  },
  {
    description: "a condition that does not spare handshakes: no suggestion",
    code: config("    http-request del-header Connection if { src 10.0.0.0/8 }\n"),
    message: "deletes the Connection header",
    line: 10,
    column: 5,
    suggestions: [],
  },
  {
    description: "a condition on a path the WebSocket route shares",
    code: config("    http-request del-header Upgrade if { path_beg / }\n"),
    line: 10,
    column: 5,
    suggestions: [],
  },
  {
    description: "a condition that selects the handshakes themselves",
    code: config("    http-request del-header Connection if { req.hdr(upgrade) -m found }\n"),
    line: 10,
    column: 5,
    suggestions: [],
  },
  {
    description: "a named defaults section's rule, used by a frontend on a WebSocket path, is reported once",
    code: `defaults base
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

defaults web from base
    http-request del-header Connection

frontend fe from web
    bind :8080
    use_backend be_ws if { hdr(upgrade) -i websocket }

frontend fe_internal from web
    bind :8081
    default_backend be_ws

backend be_ws from base
    server ws 127.0.0.1:9001
`,
    message: `in defaults 'web', which frontend 'fe' uses, deletes the Connection header`,
    line: 8,
    column: 5,
    suggestions: [{ description: "Add" }],
  },
  {
    description: "several files: the rule in a frontend of the second file",
    filename: "20-frontend.cfg",
    files: { "10-defaults.cfg": DEFAULTS },
    code: "frontend fe\n    bind :8080\n    http-request set-header Upgrade h2c\n    default_backend be_chat\n\nbackend be_chat\n    # wslint: websocket\n    server chat 127.0.0.1:9001\n",
    message: 'sets Upgrade to "h2c"',
    evidence: ["wslint: websocket"],
    line: 3,
    column: 5,
    suggestions: [
      {
        description: "Add",
        output: {
          "20-frontend.cfg": `frontend fe\n    bind :8080\n    http-request set-header Upgrade h2c ${SPARED}\n    default_backend be_chat\n\nbackend be_chat\n    # wslint: websocket\n    server chat 127.0.0.1:9001\n`,
        },
      },
    ],
  },
];

testHaproxyRule(wsHeaderStripping, {
  requireEvidence: true,
  accept: [
    {
      description: "a rule that spares handshakes with unless",
      code: config(`    http-request del-header Connection ${SPARED}\n`),
    },
    {
      description: "a rule that spares handshakes with a negated named ACL",
      code: config("    acl is_websocket hdr(connection) -i upgrade\n    http-request del-header Upgrade if !is_websocket\n"),
    },
    {
      description: "a rule for other upgrades only (h2c)",
      code: config("    http-request del-header Upgrade if { req.hdr(upgrade) -i h2c }\n    http-request del-header Connection if { req.hdr(connection) -i -m sub http2-settings }\n"),
    },
    {
      description: "a rule on a path the WebSocket route does not take",
      code: config("    http-request set-header Connection close if { path_beg /api/ }\n"),
    },
    {
      description: "Connection set to a value that keeps upgrade",
      code: config("", '    http-request set-header Connection "keep-alive, Upgrade"\n'),
    },
    {
      description: "a value computed per request",
      code: config("    http-request set-header Connection %[req.hdr(connection)]\n"),
    },
    {
      description: "a replacement whose regex no handshake matches",
      code: config("    http-request replace-value Connection ^close$ keep-alive\n"),
    },
    {
      description: "a keep-alive token HAProxy has already dropped from handshakes",
      code: config("    http-request replace-header Connection keep-alive close\n"),
    },
    {
      description: "other headers",
      code: config("    http-request del-header X-Upgrade-Id\n    http-request del-header Proxy-Connection\n"),
    },
    {
      description: "the response side is another matter",
      code: config("", "    http-response del-header X-Powered-By\n    http-after-response set-header Connection close\n"),
    },
    {
      description: "_fp: a frontend that routes no WebSocket traffic",
      code: `${DEFAULTS}\nfrontend fe\n    bind :8080\n    http-request del-header Connection\n    default_backend be_app\n\nbackend be_app\n    server app 127.0.0.1:9000\n`,
    },
    {
      description: "a rule in an .if branch never taken",
      code: config(".if defined(HAPROXY_NEVER) && 0\n    http-request del-header Connection\n.endif\n"),
    },
  ],
  reject,
});

describeWithHaproxy("haproxy/ws-header-stripping: suggested configs pass the real haproxy", () => {
  const outputs = reject.flatMap((testCase) =>
    (testCase.findings === undefined ? (testCase.suggestions ?? []) : []).flatMap((suggestion) =>
      Object.values(suggestion.output ?? {}).length === 1 && testCase.files === undefined ? [[testCase.description!, Object.values(suggestion.output!)[0]!] as const] : [],
    ),
  );

  it("has suggested outputs to check", () => {
    expect(outputs.length).toBeGreaterThan(0);
  });

  for (const [description, text] of outputs) {
    it(description, async () => {
      const verdict = await haproxyCheck({ text });
      expect(verdict.ok, verdict.stderr).toBe(true);
    });
  }
});
