import { testHaproxyRule } from "../../../test/rule-tester/haproxy.js";
import { wsH2Backend } from "./index.js";

const DEFAULTS = `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout tunnel 1h
`;

/** Upgrades go to be_ws, whose lines are `backendLines`. */
const config = (backendLines: string) => `${DEFAULTS}
frontend fe
    bind :8080
    use_backend be_ws if { hdr(upgrade) -i websocket }
    default_backend be_app

backend be_app
    server app 127.0.0.1:9000 proto h2

backend be_ws
${backendLines}`;

const BACKEND_LINE = 16;
const ON_2_6 = { haproxy: { version: "2.6" } };

const NAMED_DEFAULTS = `defaults h2_servers
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout tunnel 1h
    default-server proto h2

defaults plain
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout tunnel 1h

frontend fe
    bind :8080
    default_backend be_ws
`;

testHaproxyRule(wsH2Backend, {
  requireEvidence: true,
  accept: [
    {
      description: "HTTP/1.1 servers",
      code: config("    server ws 127.0.0.1:9001\n"),
    },
    {
      description: "proto h2 with ws h1",
      settings: ON_2_6,
      code: config("    server ws 127.0.0.1:9001 proto h2 ws h1\n"),
    },
    {
      description: "ws h1 from a default-server line",
      settings: ON_2_6,
      code: config("    default-server proto h2 ws h1\n    server ws1 127.0.0.1:9001\n    server ws2 127.0.0.1:9002\n"),
    },
    {
      description: "ALPN that offers HTTP/1.1 too",
      code: config("    server ws 127.0.0.1:9443 ssl verify none alpn h2,http/1.1\n"),
    },
    {
      description: "ALPN without ssl is never offered",
      code: config("    server ws 127.0.0.1:9001 alpn h2\n"),
    },
    {
      description: "an explicit ws h2 asks for RFC 8441 on purpose",
      settings: ON_2_6,
      code: config("    server ws 127.0.0.1:9001 proto h2 ws h2\n"),
    },
    {
      description: "_fp: an HTTP/2 backend without WebSocket evidence (be_app)",
      code: `${DEFAULTS}\nfrontend fe\n    bind :8080\n    default_backend be_app\n\nbackend be_app\n    server app 127.0.0.1:9000 proto h2\n`,
    },
    {
      description: "a backend in TCP mode forwards bytes, it does not relay HTTP",
      code: `${DEFAULTS}\nlisten ws_passthrough\n    mode tcp\n    bind :8443\n    server ws 127.0.0.1:9443 ssl verify none alpn h2\n`,
    },
    {
      description: "unnamed defaults: the last defaults section above, without proto h2, applies",
      code: `${NAMED_DEFAULTS}\nbackend be_ws\n    server ws 127.0.0.1:9001\n`,
    },
    {
      description: "proto h2 in an .if branch not taken on the target version",
      code: config(".if version_atleast(3.0)\n    default-server proto h2\n.endif\n    server ws 127.0.0.1:9001\n"),
    },
  ],
  reject: [
    {
      description: "proto h2 on HAProxy 2.4 (the default target): no ws keyword, no fix",
      code: config("    server ws 127.0.0.1:9001 proto h2\n"),
      exactMessage:
        `server "ws" of backend 'be_ws' speaks HTTP/2 ("proto h2"): on HAProxy 2.4, WebSocket handshakes are relayed to it over HTTP/2 as RFC 8441 extended CONNECT requests, ` +
        `which most application servers do not accept, so the upgrade fails (HAProxy answers 502 or 503, or the server 400). Speak HTTP/1.1 to these servers for WebSocket traffic ` +
        `(without "proto h2", with "alpn http/1.1"), or on HAProxy 2.5 and later add "ws h1" (set haproxy.version).`,
      evidence: ['matches "Upgrade: websocket"'],
      line: BACKEND_LINE + 1,
      column: 30,
      endColumn: 38,
      unfixable: true,
    },
    {
      description: "proto h2 on HAProxy 2.6: ws h1 is appended",
      settings: ON_2_6,
      code: config("    server ws 127.0.0.1:9001 proto h2 # app speaks h2\n"),
      message: 'Add "ws h1" to the server line',
      line: BACKEND_LINE + 1,
      column: 30,
      fixed: config("    server ws 127.0.0.1:9001 proto h2 ws h1 # app speaks h2\n"),
    },
    {
      description: "ALPN offering only h2 over TLS",
      settings: ON_2_6,
      code: config("    server ws 127.0.0.1:9443 ssl verify none alpn h2\n"),
      message: '("alpn h2")',
      line: BACKEND_LINE + 1,
      column: 46,
      fixed: config("    server ws 127.0.0.1:9443 ssl verify none alpn h2 ws h1\n"),
    },
    {
      description: "ws auto keeps HTTP/2: the value is replaced",
      settings: ON_2_6,
      code: config("    server ws 127.0.0.1:9001 proto h2 ws auto\n"),
      message: '("ws auto" keeps HTTP/2 for them)',
      line: BACKEND_LINE + 1,
      column: 30,
      fixed: config("    server ws 127.0.0.1:9001 proto h2 ws h1\n"),
    },
    {
      description: "proto h2 from a default-server line: every server is reported and fixed",
      settings: ON_2_6,
      code: config("    default-server proto h2\n    server ws1 127.0.0.1:9001\n    server-template tpl 3 127.0.0.1:9100\n"),
      findings: [
        { message: /^server "ws1" of backend 'be_ws' speaks HTTP\/2 \("proto h2" from the default-server line at haproxy\.cfg:17\)/, line: BACKEND_LINE + 2, column: 5, endColumn: 30 },
        { message: 'server-template "tpl" of backend', line: BACKEND_LINE + 3, column: 5 },
      ],
      fixed: config("    default-server proto h2\n    server ws1 127.0.0.1:9001 ws h1\n    server-template tpl 3 127.0.0.1:9100 ws h1\n"),
    },
    {
      description: "proto h2 from the defaults section's default-server line",
      settings: { haproxy: { version: "3.0" } },
      code: `${DEFAULTS}    default-server proto h2\n\nlisten websocket\n    bind :8080\n    server ws 127.0.0.1:9001\n`,
      evidence: ['listen name "websocket"'],
      line: 11,
      column: 5,
      fixed: `${DEFAULTS}    default-server proto h2\n\nlisten websocket\n    bind :8080\n    server ws 127.0.0.1:9001 ws h1\n`,
    },
    {
      description: "named defaults: `from h2_servers` brings its default-server proto h2",
      settings: ON_2_6,
      code: `${NAMED_DEFAULTS}\nbackend be_ws from h2_servers\n    server ws 127.0.0.1:9001\n`,
      message: '"proto h2" from the default-server line at haproxy.cfg:7',
      line: 21,
      column: 5,
      fixed: `${NAMED_DEFAULTS}\nbackend be_ws from h2_servers\n    server ws 127.0.0.1:9001 ws h1\n`,
    },
    {
      description: "several files: the servers in a file of their own",
      settings: ON_2_6,
      filename: "10-front.cfg",
      files: { "20-ws.cfg": "backend be_ws\n    server ws 127.0.0.1:9001 proto h2\n" },
      code: `${DEFAULTS}\nfrontend fe\n    bind :8080\n    use_backend be_ws if { path_beg /socket.io/ }\n`,
      file: "20-ws.cfg",
      line: 2,
      column: 30,
      fixed: `${DEFAULTS}\nfrontend fe\n    bind :8080\n    use_backend be_ws if { path_beg /socket.io/ }\n`,
      fixedFiles: { "20-ws.cfg": "backend be_ws\n    server ws 127.0.0.1:9001 proto h2 ws h1\n" },
    },
  ],
});
