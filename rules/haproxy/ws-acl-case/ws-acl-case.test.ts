import { testHaproxyRule } from "../../../test/rule-tester/haproxy.js";
import { wsAclCase } from "./index.js";

const DEFAULTS = `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout tunnel 1h
`;

/** A frontend whose `routing` lines send traffic to be_ws, else to be_app. */
const config = (routing: string, backendExtra = "") => `${DEFAULTS}
frontend fe
    bind :8080
${routing}    default_backend be_app

backend be_app
    server app 127.0.0.1:9000

backend be_ws
${backendExtra}    server ws 127.0.0.1:9001
`;

testHaproxyRule(wsAclCase, {
  requireEvidence: true,
  accept: [
    {
      description: "a named ACL with -i",
      code: config("    acl is_ws hdr(upgrade) -i websocket\n    use_backend be_ws if is_ws\n"),
    },
    {
      description: "an anonymous ACL with -i and a match method",
      code: config("    use_backend be_ws if { req.hdr(connection) -i -m sub upgrade }\n"),
    },
    {
      description: "the sample lower-cased by a converter",
      code: config("    use_backend be_ws if { req.hdr(upgrade),lower websocket }\n"),
    },
    {
      description: "tests that compare no text: presence, count, length",
      code: config(
        "    acl has_upgrade req.hdr(upgrade) -m found\n    acl one_upgrade hdr_cnt(upgrade) eq 1\n    acl long_upgrade hdr_len(upgrade) gt 0\n" +
          "    use_backend be_ws if has_upgrade one_upgrade long_upgrade { path_beg /ws/ }\n",
      ),
    },
    {
      description: "patterns about other upgrades or connection options, which a handshake never matches",
      code: config("    http-request deny if { req.hdr(upgrade) h2c }\n    http-request set-header X-Close 1 if { hdr(connection) close }\n    use_backend be_ws if { path_beg /ws/ }\n"),
    },
    {
      description: "other headers are another matter",
      code: config("    use_backend be_ws if { hdr(host) chat.example.com } { path_beg /ws/ }\n"),
    },
    {
      description: "the response's Upgrade header",
      code: config("    use_backend be_ws if { path_beg /ws/ }\n", "    http-response set-header X-Upgraded 1 if { res.hdr(upgrade) websocket }\n"),
    },
    {
      description: "_fp: a frontend that routes no WebSocket traffic",
      code: `${DEFAULTS}\nfrontend fe\n    bind :8080\n    http-request deny if { hdr(upgrade) websocket }\n    default_backend be_app\n\nbackend be_app\n    server app 127.0.0.1:9000\n`,
    },
    {
      description: "an ACL in an .if branch never taken",
      code: config(".if version_before(1.8)\n    acl old_ws hdr(upgrade) websocket\n.endif\n    use_backend be_ws if { path_beg /ws/ }\n"),
    },
  ],
  reject: [
    {
      description: "a named ACL without -i",
      code: config("    acl is_ws hdr(upgrade) websocket\n    use_backend be_ws if is_ws\n"),
      exactMessage:
        `ACL "is_ws" (hdr(upgrade) websocket) compares the Upgrade header case-sensitively, but clients send "websocket" or "WebSocket": ` +
        `a handshake spelled otherwise is handled as plain HTTP and fails (400, 403 or 404 instead of 101 Switching Protocols). Write "hdr(upgrade) -i websocket".`,
      evidence: ['backend \'be_ws\': frontend \'fe\' routes here (haproxy.cfg:11) when ACL "is_ws"'],
      line: 10,
      column: 15,
      endLine: 10,
      endColumn: 37,
      fixed: config("    acl is_ws hdr(upgrade) -i websocket\n    use_backend be_ws if is_ws\n"),
    },
    {
      description: "an anonymous ACL on the Connection header, with a match method",
      code: config("    use_backend be_ws if { req.hdr(connection) -m sub upgrade }\n"),
      message: /^\{ req\.hdr\(connection\) -m sub upgrade \} \(haproxy\.cfg:10\) compares the Connection header case-sensitively, .* Write "req\.hdr\(connection\) -i -m sub upgrade"\.$/,
      line: 10,
      column: 28,
      fixed: config("    use_backend be_ws if { req.hdr(connection) -i -m sub upgrade }\n"),
    },
    {
      description: "every fetch variant that compares text: hdr_beg, hdr_sub, hdr_reg, hdr_end, hdr_dom, fhdr",
      code: config(
        "    acl a hdr_beg(upgrade) web\n    acl b hdr_sub(connection) Upgrade\n    acl c hdr_reg(upgrade) ^websocket$\n" +
          "    acl d hdr_end(upgrade) socket\n    acl e hdr_dom(connection) upgrade\n    acl f req.fhdr(connection) Upgrade\n" +
          "    use_backend be_ws if a or b or c or d or e or f\n",
      ),
      findings: [10, 11, 12, 13, 14, 15].map((line) => ({ line, column: 11 })),
      fixed: config(
        "    acl a hdr_beg(upgrade) -i web\n    acl b hdr_sub(connection) -i Upgrade\n    acl c hdr_reg(upgrade) -i ^websocket$\n" +
          "    acl d hdr_end(upgrade) -i socket\n    acl e hdr_dom(connection) -i upgrade\n    acl f req.fhdr(connection) -i Upgrade\n" +
          "    use_backend be_ws if a or b or c or d or e or f\n",
      ),
    },
    {
      description: "a rule of the WebSocket backend itself",
      code: config("    use_backend be_ws if { path_beg /ws/ }\n", "    http-request deny unless { req.hdr(upgrade) websocket }\n"),
      evidence: ['matches path segment "ws"'],
      line: 17,
      column: 32,
      fixed: config("    use_backend be_ws if { path_beg /ws/ }\n", "    http-request deny unless { req.hdr(upgrade) -i websocket }\n"),
    },
    {
      description: "a named defaults section's rule, used by a frontend on a WebSocket path",
      code: `defaults base
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

defaults web from base
    http-request set-header X-Is-WebSocket 1 if { req.hdr(upgrade) websocket }

frontend fe from web
    bind :8080
    use_backend be_ws if { hdr(upgrade) -i websocket }

backend be_ws from base
    server ws 127.0.0.1:9001
`,
      line: 8,
      column: 51,
      fixed: `defaults base
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

defaults web from base
    http-request set-header X-Is-WebSocket 1 if { req.hdr(upgrade) -i websocket }

frontend fe from web
    bind :8080
    use_backend be_ws if { hdr(upgrade) -i websocket }

backend be_ws from base
    server ws 127.0.0.1:9001
`,
    },
    {
      description: "several files: the ACL in a frontend of the second file",
      filename: "20-frontend.cfg",
      files: { "10-defaults.cfg": DEFAULTS },
      code: "frontend fe\n    bind :8080\n    acl is_ws hdr(Connection) upgrade\n    use_backend be_ws if is_ws\n\nbackend be_ws\n    server ws 127.0.0.1:9001\n",
      message: 'Write "hdr(Connection) -i upgrade"',
      line: 3,
      column: 15,
      fixed: "frontend fe\n    bind :8080\n    acl is_ws hdr(Connection) -i upgrade\n    use_backend be_ws if is_ws\n\nbackend be_ws\n    server ws 127.0.0.1:9001\n",
    },
  ],
});
