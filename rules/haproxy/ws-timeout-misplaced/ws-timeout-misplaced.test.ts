import { testHaproxyRule } from "../../../test/rule-tester/haproxy.js";
import { wsTimeoutMisplaced } from "./index.js";

const DEFAULTS = `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
`;

/** A frontend with `extra` lines sending upgrades to be_ws, which has `backendExtra` lines. */
const config = (extra: string, backendExtra = "") => `${DEFAULTS}
frontend fe
    bind :8080
${extra}    use_backend be_ws if { hdr(upgrade) -i websocket }
    default_backend be_app

backend be_app
    server app 127.0.0.1:9000

backend be_ws
${backendExtra}    server ws 127.0.0.1:9001
`;

testHaproxyRule(wsTimeoutMisplaced, {
  requireEvidence: true,
  accept: [
    {
      description: "tunnel timeout in the WebSocket backend, client timeout in the frontend",
      code: config("    timeout client 1m\n", "    timeout tunnel 1h\n    timeout server-fin 5s\n"),
    },
    {
      description: "every timeout in the defaults section, which both sides read",
      code: config("").replace("    timeout server 30s\n", "    timeout server 30s\n    timeout tunnel 1h\n    timeout client-fin 5s\n    timeout server-fin 5s\n"),
    },
    {
      description: "a named defaults section with every timeout, taken with `from` by both sides",
      code: `defaults web
    mode http
    timeout connect 5s
    timeout client 30s
    timeout client-fin 5s
    timeout server 30s
    timeout tunnel 1h

frontend fe from web
    bind :8080
    default_backend be_ws

backend be_ws from web
    server ws 127.0.0.1:9001
`,
    },
    {
      description: "a listen has both sides",
      code: `${DEFAULTS}\nlisten ws_gateway\n    bind :8080\n    timeout tunnel 1h\n    timeout client-fin 5s\n    server ws 127.0.0.1:9001\n`,
    },
    {
      description: "_fp: a frontend that routes no WebSocket traffic",
      code: `${DEFAULTS}\nfrontend fe\n    bind :8080\n    timeout tunnel 1h\n    default_backend be_app\n\nbackend be_app\n    server app 127.0.0.1:9000\n`,
    },
    {
      description: "_fp: a backend without WebSocket evidence",
      code: `${DEFAULTS}\nbackend be_app\n    timeout client 1m\n    server app 127.0.0.1:9000\n`,
    },
    {
      description: "timeouts other than the tunnel's are another matter",
      code: config("    timeout connect 5s\n"),
    },
    {
      description: "a misplaced line in an .if branch never taken",
      code: config(".if version_before(2.0)\n    timeout tunnel 1h\n.endif\n", "    timeout tunnel 1h\n"),
    },
  ],
  reject: [
    {
      description: "timeout tunnel in the frontend",
      code: config("    timeout tunnel 1h\n"),
      exactMessage:
        `"timeout tunnel 1h" in frontend 'fe' is ignored: HAProxy reads timeout tunnel only in backends, listens and defaults sections, ` +
        `so idle WebSocket connections to backend 'be_ws' are still closed after 30s (timeout client is set in the unnamed defaults section at haproxy.cfg:4). ` +
        `Move it to backend 'be_ws', or to a defaults section they use.`,
      evidence: [/^backend 'be_ws': frontend 'fe' routes here \(haproxy\.cfg:10\) when .*matches "Upgrade: websocket"/],
      line: 9,
      column: 5,
      endLine: 9,
      endColumn: 22,
    },
    {
      description: "timeout tunnel in the frontend while the backend has its own",
      code: config("    timeout tunnel 1h\n", "    timeout tunnel 2h\n"),
      message: "so backend 'be_ws' uses its own: timeout tunnel is set in backend 'be_ws' at haproxy.cfg:",
      line: 9,
      column: 5,
    },
    {
      description: "timeout server and server-fin in the frontend",
      code: config("    timeout server 1h\n    timeout server-fin 5s\n"),
      findings: [
        {
          message: /^"timeout server 1h" in frontend 'fe' is ignored: .* so WebSocket connections to backend 'be_ws' keep what backend 'be_ws' has \(timeout server is set in the unnamed defaults section at haproxy\.cfg:5\): idle connections are closed after 30s\./,
          line: 9,
          column: 5,
        },
        { message: '"timeout server-fin 5s" in frontend \'fe\' is ignored', line: 10, column: 5 },
      ],
    },
    {
      description: "timeout client and client-fin in the WebSocket backend",
      code: config("", "    timeout client 1h\n    timeout client-fin 5s\n"),
      findings: [
        {
          message:
            /^"timeout client 1h" in backend 'be_ws' is ignored: HAProxy reads timeout client only in frontends, .*keep what frontend 'fe' has \(timeout client is set in the unnamed defaults section at haproxy\.cfg:4\): idle connections are closed after 30s\. Move it to frontend 'fe', or to a defaults section they use\.$/,
          evidence: ['matches "Upgrade: websocket"'],
          line: 16,
          column: 5,
        },
        { message: /^"timeout client-fin 5s" in backend 'be_ws' is ignored: .*keep what frontend 'fe' has \(timeout client-fin is not set\)\. Move/, line: 17, column: 5 },
      ],
    },
    {
      description: "a backend nothing routes to, marked by a comment",
      code: `${DEFAULTS}\n# wslint: websocket\nbackend live\n    timeout client 1h\n    server ws 127.0.0.1:9001\n`,
      message: "Move it to the frontend that receives these connections",
      evidence: ["wslint: websocket"],
      line: 9,
      column: 5,
    },
    {
      description: "several files: the frontend in one, the WebSocket backend in the next",
      filename: "10-frontend.cfg",
      files: { "20-backends.cfg": "backend be_chat\n    timeout client 1h\n    server chat 127.0.0.1:9001\n" },
      code: `${DEFAULTS}\nfrontend fe\n    bind :8080\n    timeout tunnel 1h\n    use_backend be_chat if { path_beg /ws/ }\n`,
      findings: [
        { message: '"timeout tunnel 1h" in frontend \'fe\' is ignored', evidence: ['path segment "ws"'], line: 9, column: 5 },
        { file: "20-backends.cfg", message: '"timeout client 1h" in backend \'be_chat\' is ignored', line: 2, column: 5 },
      ],
    },
  ],
});
