import { testNginxRule } from "../../../test/rule-tester/nginx.js";
import { wsHttpVersion } from "./index.js";

const BACKEND = "http://127.0.0.1:8080";

testNginxRule(wsHttpVersion, {
  requireEvidence: true,
  accept: [
    {
      description: "a WebSocket route with proxy_http_version 1.1",
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
      description: "1.1 set at the server and inherited",
      code: `server {
    proxy_http_version 1.1;
    location /socket.io/ {
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "_fp: a plain proxied location has no WebSocket evidence",
      code: `server {
    location /api/ {
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "_fp: /wsdl/ is not a WebSocket path",
      code: `server {
    location /wsdl/ {
        proxy_pass ${BACKEND};
        proxy_http_version 1.0;
    }
}
`,
    },
    {
      description: "unset on nginx 1.29.7, whose default is 1.1",
      settings: { nginx: { version: "1.29.7" } },
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "_fp: a WebSocket path served by FastCGI is another rule's finding",
      code: `server {
    location /ws/ {
        fastcgi_pass 127.0.0.1:9000;
    }
}
`,
    },
    {
      description: "an if block in the route takes the route's version",
      code: `server {
    location /ws/ {
        proxy_http_version 1.1;
        if ($http_upgrade = "") {
            return 426;
        }
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "_fp: unset beside an include that cannot be read, which may set it",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        include snippets/proxy.conf;
    }
}
`,
      fatal: ["cannot include"],
    },
    {
      description: "_fp: unset, with an include the server reads and wslint cannot",
      code: `server {
    include snippets/proxy.conf;
    location /ws/ {
        proxy_pass ${BACKEND};
    }
}
`,
      fatal: ["cannot include"],
    },
    {
      description: "_fp: unset, with an include the http block reads and wslint cannot",
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
      description: "_fp: 1.0 at the server, which the route's unreadable include may override",
      code: `server {
    proxy_http_version 1.0;
    location /ws/ {
        proxy_pass ${BACKEND};
        include snippets/proxy.conf;
    }
}
`,
      fatal: ["cannot include"],
    },
  ],
  reject: [
    {
      description: "unset on nginx before 1.29.7",
      code: `server {
    listen 80;
    location /ws/ {
        proxy_pass ${BACKEND};
    }
}
`,
      message: /does not set proxy_http_version, and the nginx default before 1\.29\.7 is HTTP\/1\.0: .*Add "proxy_http_version 1\.1;"/,
      evidence: ['path segment "ws"'],
      line: 3,
      column: 5,
      endLine: 3,
      endColumn: 18,
      fixed: `server {
    listen 80;
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_http_version 1.1;
    }
}
`,
    },
    {
      description: "unset: inserted above the route's headers",
      code: `server {
\tlocation /chat/ {
\t\tproxy_pass ${BACKEND};
\t\tproxy_set_header Upgrade $http_upgrade;
\t\tproxy_set_header Connection "upgrade";
\t}
}
`,
      evidence: ['forwards "Upgrade: $http_upgrade"'],
      line: 2,
      column: 2,
      fixed: `server {
\tlocation /chat/ {
\t\tproxy_pass ${BACKEND};
\t\tproxy_http_version 1.1;
\t\tproxy_set_header Upgrade $http_upgrade;
\t\tproxy_set_header Connection "upgrade";
\t}
}
`,
    },
    {
      description: "unset in a one-line block",
      code: `server {
    location /ws/ { proxy_pass ${BACKEND}; }
}
`,
      line: 2,
      column: 5,
      fixed: `server {
    location /ws/ { proxy_pass ${BACKEND}; proxy_http_version 1.1; }
}
`,
    },
    {
      description: "explicit 1.0 in the route is replaced in place",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_http_version 1.0;
    }
}
`,
      message: /^"proxy_http_version 1\.0" on WebSocket location \/ws\/: .*Write "proxy_http_version 1\.1;"\.$/,
      line: 4,
      column: 9,
      endLine: 4,
      endColumn: 32,
      fixed: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_http_version 1.1;
    }
}
`,
    },
    {
      description: "HTTP/2 to the backend has no Upgrade either",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_http_version 2;
    }
}
`,
      message: "HTTP/2",
      line: 4,
      column: 9,
      fixed: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_http_version 1.1;
    }
}
`,
    },
    {
      description: "explicit 1.0 is reported on nginx 1.29.7 too",
      settings: { nginx: { version: "1.29.7" } },
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_http_version 1.0;
    }
}
`,
      line: 4,
      column: 9,
      fixed: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_http_version 1.1;
    }
}
`,
    },
    {
      description: "1.0 at a server shared with a plain route: the WebSocket route overrides it",
      code: `server {
    proxy_http_version 1.0;
    location /api/ {
        proxy_pass ${BACKEND};
    }
    location /ws/ {
        proxy_pass ${BACKEND};
    }
}
`,
      message: 'inherits "proxy_http_version 1.0" from server (',
      line: 6,
      column: 5,
      fixed: `server {
    proxy_http_version 1.0;
    location /api/ {
        proxy_pass ${BACKEND};
    }
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_http_version 1.1;
    }
}
`,
    },
    {
      description: "1.0 at a server whose only proxied route is the WebSocket one: changed where it is written",
      code: `server {
    proxy_http_version 1.0;
    location /ws/ {
        proxy_pass ${BACKEND};
    }
    location /static/ {
        root /srv;
    }
}
`,
      message: "Change it to 1.1",
      line: 3,
      column: 5,
      fixed: `server {
    proxy_http_version 1.1;
    location /ws/ {
        proxy_pass ${BACKEND};
    }
    location /static/ {
        root /srv;
    }
}
`,
    },
    {
      description: "nested WebSocket location under a plain proxied one",
      code: `server {
    location / {
        proxy_pass ${BACKEND};
        proxy_http_version 1.0;
        location /live/ws {
            proxy_pass ${BACKEND};
        }
    }
}
`,
      message: "inherits",
      line: 5,
      column: 9,
      fixed: `server {
    location / {
        proxy_pass ${BACKEND};
        proxy_http_version 1.0;
        location /live/ws {
            proxy_pass ${BACKEND};
            proxy_http_version 1.1;
        }
    }
}
`,
    },
    {
      description: "a route in an included file: the finding and the fix are in that file",
      code: `events {}
http {
    include conf.d/*.conf;
}
`,
      files: {
        "conf.d/app.conf": `server {
    listen 8000;
    location /cable {
        proxy_pass ${BACKEND};
    }
}
`,
      },
      file: "conf.d/app.conf",
      line: 3,
      column: 5,
      fixed: `events {}
http {
    include conf.d/*.conf;
}
`,
      fixedFiles: {
        "conf.d/app.conf": `server {
    listen 8000;
    location /cable {
        proxy_pass ${BACKEND};
        proxy_http_version 1.1;
    }
}
`,
      },
    },
    {
      description: "a location file included by two servers is reported once",
      code: `server {
    listen 8004;
    include shared/ws.conf;
}
server {
    listen 8005;
    include shared/ws.conf;
}
`,
      files: { "shared/ws.conf": `location /ws/ {\n    proxy_pass ${BACKEND};\n}\n` },
      file: "shared/ws.conf",
      line: 1,
      column: 1,
      fixed: `server {
    listen 8004;
    include shared/ws.conf;
}
server {
    listen 8005;
    include shared/ws.conf;
}
`,
      fixedFiles: { "shared/ws.conf": `location /ws/ {\n    proxy_pass ${BACKEND};\n    proxy_http_version 1.1;\n}\n` },
    },
    {
      description: "a route named by the websocket.paths setting",
      settings: { websocket: { paths: ["/live"] } },
      code: `server {
    location /live {
        proxy_pass ${BACKEND};
    }
}
`,
      evidence: ['configured websocket.paths "/live"'],
      line: 2,
      column: 5,
      fixed: `server {
    location /live {
        proxy_pass ${BACKEND};
        proxy_http_version 1.1;
    }
}
`,
    },
    {
      description: "1.0 from a snippet a plain route includes too is reported without a fix",
      code: `server {
    location /api/ {
        include snippets/proxy.conf;
        proxy_pass ${BACKEND};
    }
    location /ws/ {
        include snippets/proxy.conf;
        proxy_pass ${BACKEND};
    }
}
`,
      files: { "snippets/proxy.conf": "proxy_http_version 1.0;\n" },
      file: "snippets/proxy.conf",
      message: "which other routes use too",
      line: 1,
      column: 1,
      unfixable: true,
    },
    {
      description: "unset beside an include that is read and does not set it",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        include snippets/headers.conf;
    }
}
`,
      files: { "snippets/headers.conf": "proxy_set_header Upgrade $http_upgrade;\nproxy_set_header Connection \"upgrade\";\n" },
      message: "does not set proxy_http_version",
      line: 2,
      column: 5,
      fixed: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_http_version 1.1;
        include snippets/headers.conf;
    }
}
`,
    },
    {
      description: "1.0 written in the route beside an unreadable include: nginx refuses a second one there",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_http_version 1.0;
        include snippets/proxy.conf;
    }
}
`,
      fatal: ["cannot include"],
      message: '"proxy_http_version 1.0" on WebSocket location /ws/',
      line: 4,
      column: 9,
    },
    {
      description: "1.0 at a server whose own unreadable include cannot set it again, nor the http block's",
      code: `http {
    include conf.d/proxy.conf;
    server {
        proxy_http_version 1.0;
        include snippets/proxy.conf;
        location /ws/ {
            proxy_pass ${BACKEND};
        }
    }
}
`,
      fatal: ["cannot include", "cannot include"],
      message: 'inherits "proxy_http_version 1.0" from server',
      line: 6,
      column: 9,
    },
  ],
});
