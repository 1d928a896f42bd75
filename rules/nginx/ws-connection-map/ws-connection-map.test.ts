import { testNginxRule } from "../../../test/rule-tester/nginx.js";
import { wsConnectionMap } from "./index.js";

const BACKEND = "http://127.0.0.1:8080";
const nginxConf = (httpBody: string) => `events {}\nhttp {\n${httpBody}}\n`;
const wsServer = `    server {
        location /ws/ {
            proxy_pass ${BACKEND};
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
        }
    }
`;

testNginxRule(wsConnectionMap, {
  requireEvidence: true,
  accept: [
    {
      description: "the usual map",
      code: nginxConf(`    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' close;
    }
${wsServer}`),
    },
    {
      description: "a map that lists websocket and closes everything else",
      code: nginxConf(`    map $http_upgrade $connection_upgrade {
        default close;
        websocket upgrade;
    }
${wsServer}`),
    },
    {
      description: "a map on another key whose every value carries upgrade",
      code: nginxConf(`    map $host $connection_upgrade {
        default upgrade;
        example.com "keep-alive, upgrade";
    }
${wsServer}`),
    },
    {
      description: "_fp: a literal needs no map",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection "upgrade";
    }
}
`,
    },
    {
      description: "_fp: an undefined variable in a plain route is not a WebSocket matter",
      code: `server {
    location /api/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection $hop;
    }
}
`,
    },
    {
      description: "_fp: a named regex capture defines the variable, so nginx starts",
      code: `server {
    location ~ ^/ws/(?<hop>upgrade)$ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $hop;
    }
}
`,
    },
    {
      description: "_fp: undefined, while an include of the http block cannot be read: the map may be there",
      code: nginxConf(`    include conf.d/maps.conf;
${wsServer}`),
      fatal: ["cannot include"],
    },
    {
      description: "_fp: undefined, while an include in another server's location cannot be read: nginx's variables are global",
      code: nginxConf(`    server {
        location /other/ {
            include snippets/variables.conf;
        }
    }
${wsServer}`),
      fatal: ["cannot include"],
    },
    {
      description: "_fp: a map of $http_upgrade without a default, whose unreadable include may hold it",
      code: nginxConf(`    map $http_upgrade $connection_upgrade {
        include maps/upgrade.map;
        '' close;
    }
${wsServer}`),
      fatal: ["cannot include"],
    },
    {
      description: "_fp: a map whose default is a variable nothing read defines, while an include of the http block cannot be read",
      code: nginxConf(`    include conf.d/variables.conf;
    map $http_upgrade $connection_upgrade {
        default $connection_option;
        '' close;
    }
${wsServer}`),
      fatal: ["cannot include"],
    },
  ],
  reject: [
    {
      description: "undefined, beside an include of the http block that is read and does not define it",
      code: nginxConf(`    include conf.d/proxy.conf;
${wsServer}`),
      files: { "conf.d/proxy.conf": "proxy_http_version 1.1;\n" },
      message: "which no map or set defines",
      line: 8,
      column: 13,
      fixed: nginxConf(`    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' close;
    }

    include conf.d/proxy.conf;
${wsServer}`),
    },
    {
      description: "a map read whole, without a default, while only the route's include cannot be read",
      code: nginxConf(`    map $http_upgrade $connection_upgrade {
        '' close;
    }
    server {
        location /ws/ {
            proxy_pass ${BACKEND};
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            include snippets/websocket.conf;
        }
    }
`),
      fatal: ["cannot include"],
      message: 'lacks "default upgrade;"',
      line: 3,
      column: 5,
    },
    {
      description: "undefined, with the http block at hand: the map is inserted",
      code: nginxConf(wsServer),
      message: /^"proxy_set_header Connection \$connection_upgrade" uses \$connection_upgrade, which no map or set defines: nginx refuses to start/,
      line: 7,
      column: 13,
      endColumn: 61,
      fixed: nginxConf(`    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' close;
    }

${wsServer}`),
    },
    {
      description: "undefined in an included server file: the map goes into the file with the http block",
      code: nginxConf(`    include sites/*.conf;
`),
      files: {
        "sites/app.conf": `server {
    listen 8003;
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection $connection_upgrade;
    }
}
`,
      },
      file: "sites/app.conf",
      line: 5,
      column: 9,
      fixed: nginxConf(`    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' close;
    }

    include sites/*.conf;
`),
    },
    {
      description: "undefined, upstream with keepalive",
      code: nginxConf(`    upstream app {
        server 127.0.0.1:8080;
        keepalive 8;
    }
    server {
        location /cable {
            proxy_pass http://app;
            proxy_set_header Connection $connection_upgrade;
        }
    }
`),
      message: "'' '';",
      line: 10,
      column: 13,
      fixed: nginxConf(`    upstream app {
        server 127.0.0.1:8080;
        keepalive 8;
    }
    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' '';
    }

    server {
        location /cable {
            proxy_pass http://app;
            proxy_set_header Connection $connection_upgrade;
        }
    }
`),
    },
    {
      description: "undefined in a conf.d fragment: a suggestion, no fix",
      filename: "app.conf",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection $connection_upgrade;
    }
}
`,
      message: "unless the nginx.conf that includes this file defines it. The map belongs in that file's http block",
      line: 4,
      column: 9,
      unfixable: true,
      suggestions: [
        {
          description: "only if the including nginx.conf does not",
          output: {
            "app.conf": `map $http_upgrade $connection_upgrade {
    default upgrade;
    '' close;
}

server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection $connection_upgrade;
    }
}
`,
          },
        },
      ],
    },
    {
      description: "undefined in a file of locations: no map may go there",
      filename: "ws-locations.conf",
      code: `location /ws/ {
    proxy_pass ${BACKEND};
    proxy_set_header Connection $connection_upgrade;
}
`,
      message: "The map belongs in that file's http block, outside any server",
      line: 3,
      column: 5,
      unfixable: true,
      suggestions: [],
    },
    {
      description: "one header line shared by two WebSocket routes is reported once",
      code: nginxConf(`    server {
        proxy_set_header Connection $connection_upgrade;
        location /ws/ {
            proxy_pass ${BACKEND};
        }
        location /socket.io/ {
            proxy_pass ${BACKEND};
        }
    }
`),
      line: 4,
      column: 9,
      fixed: nginxConf(`    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' close;
    }

    server {
        proxy_set_header Connection $connection_upgrade;
        location /ws/ {
            proxy_pass ${BACKEND};
        }
        location /socket.io/ {
            proxy_pass ${BACKEND};
        }
    }
`),
    },
    {
      description: "a map of $http_upgrade without a default",
      code: nginxConf(`    map $http_upgrade $connection_upgrade {
        '' close;
    }
${wsServer}`),
      message: /^map \$http_upgrade \$connection_upgrade gives an empty value to a WebSocket handshake \(Upgrade: websocket\) because it lacks "default upgrade;"/,
      line: 3,
      column: 5,
      endColumn: 42,
      fixed: nginxConf(`    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' close;
    }
${wsServer}`),
    },
    {
      description: "a map of $http_upgrade whose default is close",
      code: nginxConf(`    map $http_upgrade $connection_upgrade {
        default close;
    }
${wsServer}`),
      message: 'gives "close"',
      line: 3,
      column: 5,
      fixed: nginxConf(`    map $http_upgrade $connection_upgrade {
        default upgrade;
    }
${wsServer}`),
    },
    {
      description: "an explicit websocket entry without upgrade: reported, left to a person",
      code: nginxConf(`    map $http_upgrade $connection_upgrade {
        default upgrade;
        websocket keep-alive;
    }
${wsServer}`),
      message: "Give that entry the value upgrade",
      line: 3,
      column: 5,
      unfixable: true,
    },
    {
      description: "a map keyed on $host that can give close",
      code: nginxConf(`    map $host $connection_upgrade {
        default close;
        chat.example.com upgrade;
    }
${wsServer}`),
      message: "is keyed on $host, not $http_upgrade",
      line: 3,
      column: 5,
      unfixable: true,
    },
  ],
});
