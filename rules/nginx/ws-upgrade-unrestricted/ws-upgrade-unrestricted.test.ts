import { expect, it } from "vitest";
import { testNginxRule } from "../../../test/rule-tester/nginx.js";
import { describeWithNginx, nginxTest } from "../../../test/servers/index.js";
import { wsUpgradeUnrestricted } from "./index.js";

const BACKEND = "http://127.0.0.1:8080";
const nginxConf = (httpBody: string) => `events {}\nhttp {\n${httpBody}}\n`;

const unrestricted = nginxConf(`    server {
        location /ws/ {
            proxy_pass ${BACKEND};
            proxy_set_header Upgrade $http_upgrade;
        }
    }
`);
const restricted = nginxConf(`    map $http_upgrade $websocket_upgrade {
        default "";
        websocket $http_upgrade;
    }

    server {
        location /ws/ {
            proxy_pass ${BACKEND};
            proxy_set_header Upgrade $websocket_upgrade;
        }
    }
`);

testNginxRule(wsUpgradeUnrestricted, {
  requireEvidence: true,
  accept: [
    { description: "the restricting map", code: restricted },
    {
      description: "the literal websocket",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade websocket;
    }
}
`,
    },
    {
      description: "_fp: a route that does not proxy",
      code: `server {
    location /ws/ {
        proxy_set_header Upgrade $http_upgrade;
        root /srv;
    }
}
`,
    },
  ],
  reject: [
    {
      description: "a line written in the route is judged beside an include that cannot be read",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
        include snippets/proxy.conf;
    }
}
`,
      fatal: ["cannot include"],
      message: "passes on any protocol the client asks for",
      line: 4,
      column: 9,
    },
    {
      description: "$http_upgrade forwarded as is",
      code: unrestricted,
      message: /^"proxy_set_header Upgrade \$http_upgrade" passes on any protocol the client asks for, h2c included/,
      line: 6,
      column: 13,
      endColumn: 52,
      suggestions: [{ description: "only for websocket", output: { "nginx.conf": restricted } }],
    },
    {
      description: "one server-wide line used by two routes is reported once",
      code: `server {
    proxy_set_header Upgrade $http_upgrade;
    location /ws/ {
        proxy_pass ${BACKEND};
    }
    location /cable {
        proxy_pass ${BACKEND};
    }
}
`,
      line: 2,
      column: 5,
      suggestions: [
        {
          description: "only for websocket",
          output: {
            "nginx.conf": `map $http_upgrade $websocket_upgrade {
    default "";
    websocket $http_upgrade;
}

server {
    proxy_set_header Upgrade $websocket_upgrade;
    location /ws/ {
        proxy_pass ${BACKEND};
    }
    location /cable {
        proxy_pass ${BACKEND};
    }
}
`,
          },
        },
      ],
    },
    {
      description: "a file of locations: no place for the map, so no suggestion",
      filename: "ws.conf",
      code: `location /ws/ {
    proxy_pass ${BACKEND};
    proxy_set_header Upgrade $http_upgrade;
}
`,
      line: 3,
      column: 5,
      suggestions: [],
    },
  ],
});

describeWithNginx("nginx/ws-upgrade-unrestricted suggestion", () => {
  it("gives a configuration nginx accepts", async () => {
    const verdict = await nginxTest({ text: restricted });
    expect(verdict.ok, verdict.stderr).toBe(true);
  });
});
