import { describe, expect, it } from "vitest";
import { optionDefaultsProblems } from "../../../src/engine/registry.js";
import { testNginxRule } from "../../../test/rule-tester/nginx.js";
import { wsReadTimeout } from "./index.js";

const BACKEND = "http://127.0.0.1:8080";

const wsRoute = (timeoutLine: string) => `server {
    location /ws/ {
        proxy_pass ${BACKEND};
${timeoutLine}    }
}
`;

testNginxRule(wsReadTimeout, {
  requireEvidence: true,
  accept: [
    { description: "an hour", code: wsRoute("        proxy_read_timeout 3600s;\n") },
    { description: "a combined time: 1h30m", code: wsRoute("        proxy_read_timeout 1h30m;\n") },
    { description: "a bare number is seconds: 61", code: wsRoute("        proxy_read_timeout 61;\n") },
    {
      description: "inherited from the server",
      code: `server {
    proxy_read_timeout 1d;
    location /socket.io/ {
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "_fp: a plain route keeps the default",
      code: `server {
    location /api/ {
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "a lower minimum from the options",
      options: { minimum: "30s" },
      code: wsRoute("        proxy_read_timeout 45s;\n"),
    },
    {
      description: "_fp: an invalid time is nginx's own error",
      code: wsRoute("        proxy_read_timeout 5x;\n"),
    },
    {
      description: "_fp: the default beside an include that cannot be read, which may set a longer time",
      code: wsRoute("        include snippets/websocket.conf;\n"),
      fatal: ["cannot include"],
    },
    {
      description: "_fp: the default, with an include the http block reads and wslint cannot",
      code: `http {
    include conf.d/timeouts.conf;
    server {
        location /ws/ {
            proxy_pass ${BACKEND};
        }
    }
}
`,
      fatal: ["cannot include"],
    },
    {
      description: "_fp: 30s at the server, which the route's unreadable include may override",
      code: `server {
    proxy_read_timeout 30s;
    location /ws/ {
        proxy_pass ${BACKEND};
        include snippets/websocket.conf;
    }
}
`,
      fatal: ["cannot include"],
    },
  ],
  reject: [
    {
      description: "the default beside an include that is read and does not set it",
      code: wsRoute("        include snippets/websocket.conf;\n"),
      files: { "snippets/websocket.conf": "proxy_http_version 1.1;\n" },
      message: "keeps nginx's default proxy_read_timeout of 60s",
      line: 2,
      column: 5,
      fixed: wsRoute("        proxy_read_timeout 3600s;\n        include snippets/websocket.conf;\n"),
    },
    {
      description: "2s written in the route beside an unreadable include: nginx refuses a second one there",
      code: wsRoute("        proxy_read_timeout 2s;\n        include snippets/websocket.conf;\n"),
      fatal: ["cannot include"],
      message: '"proxy_read_timeout 2s" on WebSocket location /ws/ is too short',
      line: 4,
      column: 9,
    },
    {
      description: "the 60-second default",
      code: wsRoute(""),
      message: /^location \/ws\/ keeps nginx's default proxy_read_timeout of 60s: nginx closes a WebSocket whose backend sends nothing for 60s, .*Add "proxy_read_timeout 3600s;" to the route\.$/,
      line: 2,
      column: 5,
      endColumn: 18,
      fixed: wsRoute("        proxy_read_timeout 3600s;\n"),
    },
    {
      description: "exactly 60 seconds written as 1m",
      code: wsRoute("        proxy_read_timeout 1m;\n"),
      message: "is too short",
      line: 4,
      column: 9,
      endColumn: 31,
      fixed: wsRoute("        proxy_read_timeout 3600s;\n"),
    },
    {
      description: "a bare number below the minimum",
      code: wsRoute("        proxy_read_timeout 30;\n"),
      message: "sends nothing for 30s",
      line: 4,
      column: 9,
      fixed: wsRoute("        proxy_read_timeout 3600s;\n"),
    },
    {
      description: "a custom minimum and recommendation",
      options: { minimum: "2h", recommended: "1d" },
      code: wsRoute("        proxy_read_timeout 1h30m;\n"),
      line: 4,
      column: 9,
      fixed: wsRoute("        proxy_read_timeout 1d;\n"),
    },
    {
      description: "a short timeout at the server shared with a plain route",
      code: `server {
    proxy_read_timeout 10s;
    location /api/ {
        proxy_pass ${BACKEND};
    }
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
    }
}
`,
      message: 'inherits "proxy_read_timeout 10s" from server (',
      line: 6,
      column: 5,
      fixed: `server {
    proxy_read_timeout 10s;
    location /api/ {
        proxy_pass ${BACKEND};
    }
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_read_timeout 3600s;
        proxy_set_header Upgrade $http_upgrade;
    }
}
`,
    },
    {
      description: "a short timeout at a server whose only proxied route is the WebSocket one",
      code: `server {
    proxy_read_timeout 10s;
    location /ws/ {
        proxy_pass ${BACKEND};
    }
}
`,
      message: "Change it to 3600s",
      line: 3,
      column: 5,
      fixed: `server {
    proxy_read_timeout 3600s;
    location /ws/ {
        proxy_pass ${BACKEND};
    }
}
`,
    },
  ],
});

describe("nginx/ws-read-timeout options", () => {
  it("has defaults its own schema accepts", async () => {
    expect(await optionDefaultsProblems(wsReadTimeout.meta)).toEqual([]);
  });

  it("refuses a minimum that is not an nginx time", async () => {
    const z = await import("zod");
    const result = wsReadTimeout.meta.options!.schema(z).safeParse({ minimum: "an hour" });
    expect(result.success).toBe(false);
  });
});
