import { describe, expect, it } from "vitest";
import * as z from "zod";
import { testHaproxyRule } from "../../../test/rule-tester/haproxy.js";
import { wsTimeoutTunnel } from "./index.js";

/** Defaults with HTTP-sized timeouts and a frontend sending upgrades to be_ws. */
const HEAD = `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe
    bind :8080
    use_backend be_ws if { hdr(upgrade) -i websocket }
    default_backend be_app

backend be_app
    server app 127.0.0.1:9000
`;
const HEAD_LINES = HEAD.split("\n").length - 1;

testHaproxyRule(wsTimeoutTunnel, {
  requireEvidence: true,
  accept: [
    {
      description: "timeout tunnel set in the unnamed defaults section",
      code: HEAD.replace("    timeout server 30s\n", "    timeout server 30s\n    timeout tunnel 1h\n") + "\nbackend be_ws\n    server ws 127.0.0.1:9001\n",
    },
    {
      description: "timeout tunnel set in the backend",
      code: `${HEAD}\nbackend be_ws\n    timeout tunnel 1h\n    server ws 127.0.0.1:9001\n`,
    },
    {
      description: "_fp: backends without WebSocket evidence keep their HTTP timeouts",
      code: HEAD.replace("    use_backend be_ws if { hdr(upgrade) -i websocket }\n", "    use_backend be_api if { path_beg /api }\n") +
        "\nbackend be_api\n    server api 127.0.0.1:9001\n",
    },
    {
      description: "no tunnel timeout, but client and server timeouts above the minimum",
      code: HEAD.replace(/timeout (client|server) 30s/g, "timeout $1 5m") + "\nbackend be_ws\n    server ws 127.0.0.1:9001\n",
    },
    {
      description: "nothing ends an idle tunnel: no client, server or tunnel timeout at all",
      code: "defaults\n    mode http\n\nfrontend fe\n    bind :8080\n    default_backend be_ws\n\nbackend be_ws\n    server ws 127.0.0.1:9001\n",
    },
    {
      description: "a backend names with `from` the defaults section that sets the tunnel timeout",
      code: `defaults base
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout tunnel 1h

defaults other
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend fe from other
    bind :8080
    default_backend be_ws

backend be_ws from base
    server ws 127.0.0.1:9001
`,
    },
    {
      description: "the tunnel timeout inside an .if branch taken on the target version",
      code: `${HEAD}\nbackend be_ws\n.if version_atleast(2.0)\n    timeout tunnel 1h\n.endif\n    server ws 127.0.0.1:9001\n`,
    },
    {
      description: "the tunnel timeout inside an .if branch that depends on the environment",
      code: `${HEAD}\nbackend be_ws\n.if defined(WITH_WEBSOCKETS)\n    timeout tunnel 1h\n.endif\n    server ws 127.0.0.1:9001\n`,
    },
    {
      description: "several files: the defaults of the file read first apply to the next one",
      files: { "00-defaults.cfg": "defaults\n    mode http\n    timeout client 30s\n    timeout server 30s\n    timeout tunnel 1h\n" },
      code: "frontend fe\n    bind :8080\n    default_backend be_ws\n\nbackend be_ws\n    server ws 127.0.0.1:9001\n",
    },
    {
      description: "a tunnel timeout above a lowered minimum",
      options: { minimum: "10s" },
      code: `${HEAD}\nbackend be_ws\n    timeout tunnel 30s\n    server ws 127.0.0.1:9001\n`,
    },
  ],
  reject: [
    {
      description: "no tunnel timeout anywhere: inserted at the end of the backend",
      code: `${HEAD}\nbackend be_ws\n    server ws 127.0.0.1:9001\n`,
      exactMessage:
        `backend 'be_ws' carries WebSocket traffic but has no "timeout tunnel": once the server answers 101, idle WebSocket connections ` +
        `are closed after 30s (timeout client is set in the unnamed defaults section at haproxy.cfg:4). Add "timeout tunnel 1h" to the backend.`,
      evidence: ['matches "Upgrade: websocket"'],
      line: HEAD_LINES + 2,
      column: 1,
      endLine: HEAD_LINES + 2,
      endColumn: 14,
      fixed: `${HEAD}\nbackend be_ws\n    server ws 127.0.0.1:9001\n    timeout tunnel 1h\n`,
    },
    {
      description: "the shorter of client and server timeouts is named",
      code: `${HEAD}\nbackend be_ws\n    timeout server 10s\n    server ws 127.0.0.1:9001\n`,
      message: /closed after 10s \(timeout server is set in backend 'be_ws' at haproxy\.cfg:\d+\)/,
      line: HEAD_LINES + 2,
      column: 1,
      fixed: `${HEAD}\nbackend be_ws\n    timeout server 10s\n    server ws 127.0.0.1:9001\n    timeout tunnel 1h\n`,
    },
    {
      description: "timeout tunnel 0 turns the tunnel timeout off: the value is replaced",
      code: `${HEAD}\nbackend be_ws\n    timeout tunnel 0\n    server ws 127.0.0.1:9001\n`,
      message: /"timeout tunnel 0" turns the tunnel timeout off: .*closed after 30s.*Write "timeout tunnel 1h"\./,
      line: HEAD_LINES + 3,
      column: 5,
      endColumn: 21,
      fixed: `${HEAD}\nbackend be_ws\n    timeout tunnel 1h\n    server ws 127.0.0.1:9001\n`,
    },
    {
      description: "a tunnel timeout below the minimum: the value is replaced",
      code: `${HEAD}\nbackend be_ws\n    timeout tunnel 30s # short on purpose?\n    server ws 127.0.0.1:9001\n`,
      message: /"timeout tunnel 30s" closes idle WebSocket connections after 30s, below the 61s minimum/,
      line: HEAD_LINES + 3,
      column: 5,
      endColumn: 23,
      fixed: `${HEAD}\nbackend be_ws\n    timeout tunnel 1h # short on purpose?\n    server ws 127.0.0.1:9001\n`,
    },
    {
      description: "a short tunnel timeout inherited from defaults: the backend gets its own",
      code: HEAD.replace("    timeout server 30s\n", "    timeout server 30s\n    timeout tunnel 20s\n") + "\nbackend be_ws\n    server ws 127.0.0.1:9001\n",
      message: /inherits "timeout tunnel 20s" from the unnamed defaults section at haproxy\.cfg:6, which closes idle WebSocket connections after 20s/,
      line: HEAD_LINES + 3,
      column: 1,
      fixed:
        HEAD.replace("    timeout server 30s\n", "    timeout server 30s\n    timeout tunnel 20s\n") +
        "\nbackend be_ws\n    server ws 127.0.0.1:9001\n    timeout tunnel 1h\n",
    },
    {
      description: "timeout tunnel 0 inherited from defaults: the backend gets its own",
      code: HEAD.replace("    timeout server 30s\n", "    timeout server 30s\n    timeout tunnel 0\n") + "\nbackend be_ws\n    server ws 127.0.0.1:9001\n",
      message: /inherits "timeout tunnel 0" from the unnamed defaults section at haproxy\.cfg:6, which turns the tunnel timeout off: once the server answers 101, idle WebSocket connections are closed after 30s/,
      line: HEAD_LINES + 3,
      column: 1,
      fixed:
        HEAD.replace("    timeout server 30s\n", "    timeout server 30s\n    timeout tunnel 0\n") +
        "\nbackend be_ws\n    server ws 127.0.0.1:9001\n    timeout tunnel 1h\n",
    },
    {
      description: "named defaults: the backend takes `from base`, not the last defaults section, which sets the tunnel timeout",
      code: `defaults base
    mode http
    timeout client 30s
    timeout server 30s

defaults tunnels
    mode http
    timeout client 30s
    timeout server 30s
    timeout tunnel 1h

frontend fe from tunnels
    bind :8080
    default_backend be_ws

backend be_ws from base
    server ws 127.0.0.1:9001
`,
      message: "has no \"timeout tunnel\"",
      evidence: ['backend name "be_ws"'],
      line: 16,
      column: 1,
      fixed: `defaults base
    mode http
    timeout client 30s
    timeout server 30s

defaults tunnels
    mode http
    timeout client 30s
    timeout server 30s
    timeout tunnel 1h

frontend fe from tunnels
    bind :8080
    default_backend be_ws

backend be_ws from base
    server ws 127.0.0.1:9001
    timeout tunnel 1h
`,
    },
    {
      description: "unnamed defaults: a later defaults section without a tunnel timeout replaces the earlier one",
      code: `defaults
    mode http
    timeout client 30s
    timeout server 30s
    timeout tunnel 1h

backend be_app
    server app 127.0.0.1:9000

defaults
    mode http
    timeout client 30s
    timeout server 30s

listen ws_gateway
    bind :8080
    server ws 127.0.0.1:9001
`,
      message: /^listen 'ws_gateway' carries WebSocket traffic but has no "timeout tunnel".* Add "timeout tunnel 1h" to the listen\.$/,
      line: 15,
      column: 1,
      fixed: `defaults
    mode http
    timeout client 30s
    timeout server 30s
    timeout tunnel 1h

backend be_app
    server app 127.0.0.1:9000

defaults
    mode http
    timeout client 30s
    timeout server 30s

listen ws_gateway
    bind :8080
    server ws 127.0.0.1:9001
    timeout tunnel 1h
`,
    },
    {
      description: "a tunnel timeout in an .if branch never taken does not count; the new line goes after the .endif",
      code: `${HEAD}\nbackend be_ws\n    server ws 127.0.0.1:9001\n.if 0\n    timeout tunnel 1h\n.endif\n`,
      line: HEAD_LINES + 2,
      column: 1,
      fixed: `${HEAD}\nbackend be_ws\n    server ws 127.0.0.1:9001\n.if 0\n    timeout tunnel 1h\n.endif\n    timeout tunnel 1h\n`,
    },
    {
      description: "the new line goes above the comments and blank lines that introduce the next section, indented like the backend",
      code: `${HEAD}
backend be_ws
\tserver ws 127.0.0.1:9001

# static files
backend be_static
\tserver s 127.0.0.1:9002
`,
      line: HEAD_LINES + 2,
      column: 1,
      fixed: `${HEAD}
backend be_ws
\tserver ws 127.0.0.1:9001
\ttimeout tunnel 1h

# static files
backend be_static
\tserver s 127.0.0.1:9002
`,
    },
    {
      description: "several files: the backend is in the file read second, its defaults in the first",
      files: { "00-defaults.cfg": "defaults\n    mode http\n    timeout client 30s\n    timeout server 30s\n" },
      code: "frontend fe\n    bind :8080\n    default_backend be_ws\n\nbackend be_ws\n    server ws 127.0.0.1:9001\n",
      message: /closed after 30s \(timeout client is set in the unnamed defaults section at .*00-defaults\.cfg:3\)/,
      line: 5,
      column: 1,
      fixed: "frontend fe\n    bind :8080\n    default_backend be_ws\n\nbackend be_ws\n    server ws 127.0.0.1:9001\n    timeout tunnel 1h\n",
    },
    {
      description: "several files: the backend is in another file than the main one",
      filename: "00-main.cfg",
      files: { "10-backends.cfg": "backend be_ws\n    server ws 127.0.0.1:9001\n" },
      code: "defaults\n    mode http\n    timeout client 30s\n    timeout server 30s\n\nfrontend fe\n    bind :8080\n    default_backend be_ws\n",
      file: "10-backends.cfg",
      line: 1,
      column: 1,
      fixed: "defaults\n    mode http\n    timeout client 30s\n    timeout server 30s\n\nfrontend fe\n    bind :8080\n    default_backend be_ws\n",
      fixedFiles: { "10-backends.cfg": "backend be_ws\n    server ws 127.0.0.1:9001\n    timeout tunnel 1h\n" },
    },
    {
      description: "a backend nothing routes to: its server timeout ends idle tunnels",
      code: "defaults\n    mode http\n    timeout server 45s\n\nbackend websocket_pool\n    server ws 127.0.0.1:9001\n",
      message: "closed after 45s (timeout server is set in the unnamed defaults section at haproxy.cfg:3)",
      evidence: ['backend name "websocket_pool"'],
      line: 5,
      column: 1,
      fixed: "defaults\n    mode http\n    timeout server 45s\n\nbackend websocket_pool\n    server ws 127.0.0.1:9001\n    timeout tunnel 1h\n",
    },
    {
      description: "a minimum above the recommendation: the fix writes the minimum",
      options: { minimum: "2h" },
      code: `${HEAD}\nbackend be_ws\n    timeout tunnel 1h\n    server ws 127.0.0.1:9001\n`,
      message: "below the 2h minimum",
      line: HEAD_LINES + 3,
      column: 5,
      fixed: `${HEAD}\nbackend be_ws\n    timeout tunnel 2h\n    server ws 127.0.0.1:9001\n`,
    },
    {
      description: "the fix writes the recommended value",
      options: { recommended: "2h" },
      code: `${HEAD}\nbackend be_ws\n    server ws 127.0.0.1:9001\n`,
      message: 'Add "timeout tunnel 2h" to the backend.',
      line: HEAD_LINES + 2,
      column: 1,
      fixed: `${HEAD}\nbackend be_ws\n    server ws 127.0.0.1:9001\n    timeout tunnel 2h\n`,
    },
  ],
});

describe("haproxy/ws-timeout-tunnel options", () => {
  const schema = wsTimeoutTunnel.meta.options!.schema(z);

  it("accepts its own defaults", () => {
    expect(schema.safeParse(wsTimeoutTunnel.meta.options!.defaults).success).toBe(true);
  });

  it("refuses what HAProxy would not read as a time", () => {
    expect(schema.safeParse({ minimum: "an hour" }).success).toBe(false);
    expect(schema.safeParse({ recommended: "1hour" }).success).toBe(false);
  });
});
