import { testNginxRule } from "../../../test/rule-tester/nginx.js";
import { wsUpgradeHeader } from "./index.js";

const BACKEND = "http://127.0.0.1:8080";

testNginxRule(wsUpgradeHeader, {
  requireEvidence: true,
  accept: [
    {
      description: "the route forwards $http_upgrade",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection "upgrade";
    }
}
`,
    },
    {
      description: "set at the server and not overridden: inherited",
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
      description: "a map computed from $http_upgrade",
      code: `http {
    map $http_upgrade $upgrade_to {
        default $http_upgrade;
    }
    server {
        location /socket/ {
            proxy_pass ${BACKEND};
            proxy_set_header Upgrade $upgrade_to;
        }
    }
}
`,
    },
    {
      description: "_fp: a location that serves files ignores the server's proxy headers",
      code: `server {
    proxy_set_header Upgrade $http_upgrade;
    location /static/ {
        root /srv;
    }
}
`,
    },
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
      description: "_fp: a plain proxied location",
      code: `server {
    location / {
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "_fp: /wsdl/",
      code: `server {
    location /wsdl/ {
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "_fp: a WebSocket path served by grpc_pass is another rule's finding",
      code: `server {
    location /ws/ {
        grpc_pass grpc://127.0.0.1:9000;
    }
}
`,
    },
    {
      description: "an if block in the route does not change the route's headers",
      code: `server {
    location /ws/ {
        if ($http_upgrade != "websocket") {
            return 426;
        }
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection upgrade;
    }
}
`,
    },
    {
      description: "headers in a snippet included into the route",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        include snippets/websocket.conf;
    }
}
`,
      files: { "snippets/websocket.conf": "proxy_set_header Upgrade $http_upgrade;\nproxy_set_header Connection upgrade;\n" },
    },
    {
      description: "_fp: not set, beside an include that cannot be read, which may set it",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Connection "upgrade";
        include snippets/websocket.conf;
    }
}
`,
      fatal: ["cannot include"],
    },
    {
      description: "_fp: dropped by the route's own list, whose unreadable include may repeat it",
      code: `server {
    proxy_set_header Upgrade $http_upgrade;
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Host $host;
        include snippets/websocket.conf;
    }
}
`,
      fatal: ["cannot include"],
    },
    {
      description: "_fp: the route takes the server's list, to which the server's unreadable include may add it",
      code: `server {
    proxy_set_header Host $host;
    include snippets/websocket.conf;
    location /ws/ {
        proxy_pass ${BACKEND};
    }
}
`,
      fatal: ["cannot include"],
    },
    {
      description: "_fp: a wrong value at the server, which the route's unreadable include may replace with a list of its own",
      code: `server {
    proxy_set_header Upgrade $host;
    location /ws/ {
        proxy_pass ${BACKEND};
        include snippets/websocket.conf;
    }
}
`,
      fatal: ["cannot include"],
    },
    {
      description: "_fp: a variable nothing read defines, while an include of the http block cannot be read",
      code: `http {
    include conf.d/maps.conf;
    server {
        location /ws/ {
            proxy_pass ${BACKEND};
            proxy_set_header Upgrade $websocket_upgrade;
        }
    }
}
`,
      fatal: ["cannot include"],
    },
  ],
  reject: [
    {
      description: "not set, beside an include that is read and does not set it",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        include snippets/proxy.conf;
    }
}
`,
      files: { "snippets/proxy.conf": "proxy_set_header Host $host;\n" },
      message: "does not forward the client's Upgrade header",
      line: 2,
      column: 5,
      fixed: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
        include snippets/proxy.conf;
    }
}
`,
    },
    {
      description: "not set in the server's list, while only the http block, outside that list, has an unreadable include",
      code: `http {
    include conf.d/proxy.conf;
    server {
        proxy_set_header Host $host;
        location /ws/ {
            proxy_pass ${BACKEND};
        }
    }
}
`,
      fatal: ["cannot include"],
      message: "does not forward the client's Upgrade header",
      line: 5,
      column: 9,
    },
    {
      description: "a wrong value written in the route beside an unreadable include: lines it adds do not remove it",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $host;
        include snippets/websocket.conf;
    }
}
`,
      fatal: ["cannot include"],
      message: '"proxy_set_header Upgrade $host" on WebSocket location /ws/ does not carry the client\'s Upgrade header',
      line: 4,
      column: 9,
    },
    {
      description: "not set anywhere",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_http_version 1.1;
    }
}
`,
      message: /^location \/ws\/ does not forward the client's Upgrade header, which nginx drops by default, .*Add "proxy_set_header Upgrade \$http_upgrade;"\.$/,
      line: 2,
      column: 5,
      endLine: 2,
      endColumn: 18,
      fixed: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
        proxy_http_version 1.1;
    }
}
`,
    },
    {
      description: "not set, and the route inherits other headers: they are copied along",
      code: `server {
    proxy_set_header X-Real-IP $remote_addr;
    proxy_set_header Connection "upgrade";
    location /ws/ {
        proxy_pass ${BACKEND};
    }
}
`,
      line: 4,
      column: 5,
      fixed: `server {
    proxy_set_header X-Real-IP $remote_addr;
    proxy_set_header Connection "upgrade";
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header X-Real-IP $remote_addr;
        proxy_set_header Connection "upgrade";
        proxy_set_header Upgrade $http_upgrade;
    }
}
`,
    },
    {
      description: "set at the server, dropped by the route's own proxy_set_header",
      code: `server {
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
}
`,
      message: /"proxy_set_header Upgrade \$http_upgrade" from server \(.*nginx\.conf:2\) is dropped because the route's own proxy_set_header \(.*nginx\.conf:6\) replaces the inherited list/,
      evidence: ['forwards "Upgrade: $http_upgrade"'],
      line: 4,
      column: 5,
      fixed: `server {
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
}
`,
    },
    {
      description: "dropped by an enclosing location's own list (the server's Upgrade makes both WebSocket routes)",
      code: `server {
    proxy_set_header Upgrade $http_upgrade;
    location /app/ {
        proxy_pass ${BACKEND};
        proxy_set_header Host $host;
        location /app/live/ {
            proxy_pass ${BACKEND};
        }
    }
}
`,
      findings: [
        { message: "the route's own proxy_set_header", line: 3, column: 5 },
        { message: "an enclosing level sets its own proxy_set_header list", line: 6, column: 9 },
      ],
      fixed: `server {
    proxy_set_header Upgrade $http_upgrade;
    location /app/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Host $host;
        location /app/live/ {
            proxy_pass ${BACKEND};
            proxy_set_header Host $host;
            proxy_set_header Upgrade $http_upgrade;
        }
    }
}
`,
    },
    {
      description: "an empty value in the route is replaced",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade "";
    }
}
`,
      message: /^"proxy_set_header Upgrade """ on WebSocket location \/ws\/ is empty/,
      line: 4,
      column: 9,
      endColumn: 37,
      fixed: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
    }
}
`,
    },
    {
      description: "a wrong value at a server shared with a plain route: the route sets its own",
      code: `server {
    proxy_set_header Upgrade "";
    location / {
        proxy_pass ${BACKEND};
    }
    location /ws/ {
        proxy_pass ${BACKEND};
    }
}
`,
      message: /inherits "proxy_set_header Upgrade """ from server .* is empty.*Add "proxy_set_header Upgrade \$http_upgrade;" to the route\.$/,
      line: 6,
      column: 5,
      fixed: `server {
    proxy_set_header Upgrade "";
    location / {
        proxy_pass ${BACKEND};
    }
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
    }
}
`,
    },
    {
      description: "required on nginx 1.29.7 too, in an included file",
      settings: { nginx: { version: "1.29.7" } },
      code: `events {}
http {
    include sites/*.conf;
}
`,
      files: {
        "sites/chat.conf": `server {
    listen 8001;
    location /socket.io/ {
        proxy_pass ${BACKEND};
    }
}
`,
      },
      file: "sites/chat.conf",
      line: 3,
      column: 5,
      fixed: `events {}
http {
    include sites/*.conf;
}
`,
      fixedFiles: {
        "sites/chat.conf": `server {
    listen 8001;
    location /socket.io/ {
        proxy_pass ${BACKEND};
        proxy_set_header Upgrade $http_upgrade;
    }
}
`,
      },
    },
  ],
});
