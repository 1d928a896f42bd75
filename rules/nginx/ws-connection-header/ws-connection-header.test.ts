import { testNginxRule } from "../../../test/rule-tester/nginx.js";
import { wsConnectionHeader } from "./index.js";

const BACKEND = "http://127.0.0.1:8080";

/** A whole nginx.conf around an http block body, as nginx -t wants it. */
const nginxConf = (httpBody: string) => `events {}\nhttp {\n${httpBody}}\n`;

testNginxRule(wsConnectionHeader, {
  requireEvidence: true,
  accept: [
    {
      description: 'the literal "upgrade"',
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection "upgrade";
    }
}
`,
    },
    {
      description: "$connection_upgrade from a map of $http_upgrade",
      code: nginxConf(`    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' close;
    }
    server {
        location /ws/ {
            proxy_pass ${BACKEND};
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
        }
    }
`),
    },
    {
      description: "the client's own Connection header",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection $http_connection;
    }
}
`,
    },
    {
      description: "a list of options with upgrade among them",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection "keep-alive, Upgrade";
    }
}
`,
    },
    {
      description: "a variable set to upgrade",
      code: `server {
    location /ws/ {
        set $hop upgrade;
        proxy_pass ${BACKEND};
        proxy_set_header Connection $hop;
    }
}
`,
    },
    {
      description: "_fp: a variable nothing defines is nginx/ws-connection-map's finding",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection $connection_upgrade;
    }
}
`,
    },
    {
      description: "_fp: a map that is not keyed on $http_upgrade is nginx/ws-connection-map's finding",
      code: nginxConf(`    map $host $hop {
        default close;
    }
    server {
        location /ws/ {
            proxy_pass ${BACKEND};
            proxy_set_header Connection $hop;
        }
    }
`),
    },
    {
      description: "set at the server and not overridden",
      code: `server {
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
    location /ws/ {
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "a finding silenced by a disable comment with its reason",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        # wslint-disable-next-line nginx/ws-connection-header -- the backend accepts any Connection
        proxy_set_header Connection close;
    }
}
`,
    },
    {
      description: '_fp: a plain route with Connection "" for upstream keepalive',
      code: `server {
    location /api/ {
        proxy_pass ${BACKEND};
        proxy_http_version 1.1;
        proxy_set_header Connection "";
    }
}
`,
    },
    {
      description: "_fp: missing, beside an include that cannot be read, which may set it",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
        include snippets/websocket.conf;
    }
}
`,
      fatal: ["cannot include"],
    },
    {
      description: "_fp: missing, with no list anywhere and an include the http block reads and wslint cannot",
      code: `http {
    include conf.d/proxy.conf;
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
      description: "_fp: close at the server, which the route's unreadable include may replace with a list of its own",
      code: `server {
    proxy_set_header Connection close;
    location /ws/ {
        proxy_pass ${BACKEND};
        include snippets/websocket.conf;
    }
}
`,
      fatal: ["cannot include"],
    },
    {
      description: "_fp: a variable set from one nothing read defines, while an include of a server cannot be read",
      code: `server {
    include snippets/variables.conf;
    location /ws/ {
        set $connection_value $connection_option;
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_value;
    }
}
`,
      fatal: ["cannot include"],
    },
  ],
  reject: [
    {
      description: "missing, beside an include that is read and does not set it",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        include snippets/websocket.conf;
    }
}
`,
      files: { "snippets/websocket.conf": "proxy_set_header Upgrade $http_upgrade;\n" },
      message: "does not set the Connection header",
      line: 2,
      column: 5,
      fixed: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection "upgrade";
        include snippets/websocket.conf;
    }
}
`,
    },
    {
      description: "close written in the route beside an unreadable include: lines it adds do not remove it",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection close;
        include snippets/websocket.conf;
    }
}
`,
      fatal: ["cannot include"],
      message: '"proxy_set_header Connection close" on WebSocket location /ws/ cannot carry "upgrade"',
      line: 4,
      column: 9,
    },
    {
      description: 'missing in a file of servers: "upgrade", since the map would go in an http block wslint did not read',
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
    }
}
`,
      message: /^location \/ws\/ does not set the Connection header, so nginx sends "Connection: close" \(nginx default before 1\.29\.7\): .*Add "proxy_set_header Connection "upgrade";"\.$/,
      line: 2,
      column: 5,
      endColumn: 18,
      fixed: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection "upgrade";
        proxy_set_header Upgrade $http_upgrade;
    }
}
`,
    },
    {
      description: "missing with an http block: $connection_upgrade, and the map in the same fix",
      code: nginxConf(`    server {
        location /ws/ {
            proxy_pass ${BACKEND};
            proxy_set_header Upgrade $http_upgrade;
        }
    }
`),
      message: 'Add "proxy_set_header Connection $connection_upgrade;"',
      line: 4,
      column: 9,
      fixed: nginxConf(`    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' close;
    }

    server {
        location /ws/ {
            proxy_pass ${BACKEND};
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Upgrade $http_upgrade;
        }
    }
`),
    },
    {
      description: "missing, upstream with keepalive: the map sends an empty Connection to other requests",
      code: nginxConf(`    upstream chat {
        server 127.0.0.1:8080;
        keepalive 16;
    }
    server {
        location /chat/ws {
            proxy_pass http://chat;
        }
    }
`),
      line: 8,
      column: 9,
      fixed: nginxConf(`    upstream chat {
        server 127.0.0.1:8080;
        keepalive 16;
    }
    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' '';
    }

    server {
        location /chat/ws {
            proxy_pass http://chat;
            proxy_set_header Connection $connection_upgrade;
        }
    }
`),
    },
    {
      description: "missing, the http block already has the map",
      code: nginxConf(`    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' close;
    }
    server {
        location /ws/ {
            proxy_pass ${BACKEND};
        }
    }
`),
      line: 8,
      column: 9,
      fixed: nginxConf(`    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' close;
    }
    server {
        location /ws/ {
            proxy_pass ${BACKEND};
            proxy_set_header Connection $connection_upgrade;
        }
    }
`),
    },
    {
      description: "a CRLF file keeps CRLF in the inserted header and map lines",
      code: nginxConf(`    server {
        location /ws/ {
            proxy_pass ${BACKEND};
        }
    }
`).replace(/\n/g, "\r\n"),
      line: 4,
      column: 9,
      fixed: nginxConf(`    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' close;
    }

    server {
        location /ws/ {
            proxy_pass ${BACKEND};
            proxy_set_header Connection $connection_upgrade;
        }
    }
`).replace(/\n/g, "\r\n"),
    },
    {
      description: "the route in an included file, the map in the main file",
      code: nginxConf(`    include conf.d/*.conf;
`),
      files: {
        "conf.d/app.conf": `server {
    listen 8002;
    location /socket.io/ {
        proxy_pass ${BACKEND};
    }
}
`,
      },
      file: "conf.d/app.conf",
      line: 3,
      column: 5,
      fixed: nginxConf(`    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' close;
    }

    include conf.d/*.conf;
`),
      fixedFiles: {
        "conf.d/app.conf": `server {
    listen 8002;
    location /socket.io/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection $connection_upgrade;
    }
}
`,
      },
    },
    {
      description: "close in the route",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection close;
    }
}
`,
      message: /^"proxy_set_header Connection close" on WebSocket location \/ws\/ cannot carry "upgrade": /,
      line: 4,
      column: 9,
      endColumn: 43,
      fixed: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection "upgrade";
    }
}
`,
    },
    {
      description: "keep-alive in the route",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection keep-alive;
    }
}
`,
      line: 4,
      column: 9,
      fixed: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection "upgrade";
    }
}
`,
    },
    {
      description: 'a built-in variable that is not the client\'s Connection header ($connection is a serial number)',
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection $connection;
    }
}
`,
      line: 4,
      column: 9,
      fixed: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection "upgrade";
    }
}
`,
    },
    {
      description: 'Connection "" at the server for keepalive, shared with plain routes: the route gets its own',
      code: `server {
    proxy_http_version 1.1;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "";
    location /api/ {
        proxy_pass ${BACKEND};
    }
    location /ws/ {
        proxy_pass ${BACKEND};
    }
}
`,
      findings: [
        { message: 'location /api/ inherits "proxy_set_header Connection """ from server', line: 5, column: 5 },
        { message: 'location /ws/ inherits "proxy_set_header Connection """ from server', line: 8, column: 5 },
      ],
      fixed: `server {
    proxy_http_version 1.1;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
    location /api/ {
        proxy_pass ${BACKEND};
    }
    location /ws/ {
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "set at the server, dropped by the route's own list",
      code: `server {
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
    }
}
`,
      message: /"proxy_set_header Connection upgrade" from server \(.*:3\) is dropped because the route's own proxy_set_header \(.*:6\)/,
      line: 4,
      column: 5,
      fixed: `server {
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection "upgrade";
        proxy_set_header Upgrade $http_upgrade;
    }
}
`,
    },
    {
      description: "nginx 1.29.7 sends no Connection header by default: still no upgrade",
      settings: { nginx: { version: "1.29.7" } },
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
    }
}
`,
      message: "so nginx sends no Connection header (nginx default since 1.29.7)",
      line: 2,
      column: 5,
      fixed: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection "upgrade";
        proxy_set_header Upgrade $http_upgrade;
    }
}
`,
    },
  ],
});
