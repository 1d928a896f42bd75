import { testNginxRule } from "../../../test/rule-tester/nginx.js";
import { wsNonUpgradableHandler } from "./index.js";

const BACKEND = "http://127.0.0.1:8080";

testNginxRule(wsNonUpgradableHandler, {
  requireEvidence: true,
  accept: [
    {
      description: "proxy_pass",
      code: `server {
    location /ws/ {
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "_fp: FastCGI on a plain route",
      code: `server {
    location ~ \\.php$ {
        fastcgi_pass 127.0.0.1:9000;
    }
}
`,
    },
    {
      description: "_fp: /wsdl/ served by FastCGI",
      code: `server {
    location /wsdl/ {
        fastcgi_pass 127.0.0.1:9000;
    }
}
`,
    },
    {
      description: "_fp: a deliberate refusal is not a redirect",
      code: `server {
    location /ws/ {
        return 403;
    }
}
`,
    },
    {
      description: "_fp: an internal rewrite",
      code: `server {
    location /socket/ {
        rewrite ^/socket/(.*)$ /ws/$1 last;
    }
    location /ws/ {
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "_fp: the Socket.IO client script served from files",
      code: `server {
    location /socket.io/ {
        root /srv/static;
    }
}
`,
    },
    {
      description: "try_files falling back to a named location that proxies",
      code: `server {
    location /ws/ {
        proxy_set_header Upgrade $http_upgrade;
        try_files $uri @backend;
    }
    location @backend {
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "_fp: a conditional redirect in an if block",
      code: `server {
    location /ws/ {
        if ($scheme = http) {
            return 301 https://$host$request_uri;
        }
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "_fp: no proxy_pass known, beside an include that cannot be read, which may hold it",
      code: `server {
    location ~ /api/v[0-9]+/websocket$ {
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection "upgrade";
        include snippets/proxy.conf;
    }
}
`,
      fatal: ["cannot include"],
    },
    {
      description: "_fp: try_files beside an include that cannot be read, whose proxy_pass would take the request",
      code: `server {
    # wslint: websocket
    location /events/ {
        try_files $uri =404;
        include snippets/proxy.conf;
    }
}
`,
      fatal: ["cannot include"],
    },
    {
      description: "_fp: try_files falling back to a named location whose unreadable include may proxy",
      code: `server {
    location /ws/ {
        proxy_set_header Upgrade $http_upgrade;
        try_files $uri @backend;
    }
    location @backend {
        include snippets/proxy.conf;
    }
}
`,
      fatal: ["cannot include"],
    },
    {
      description: "_fp: try_files falling back to a named location the server's unreadable include may define",
      code: `server {
    include snippets/locations.conf;
    location /ws/ {
        proxy_set_header Upgrade $http_upgrade;
        try_files $uri @backend;
    }
}
`,
      fatal: ["cannot include"],
    },
  ],
  reject: [
    {
      description: "no proxy_pass, beside an include that is read and does not hold one",
      code: `server {
    location /live/ {
        proxy_set_header Upgrade $http_upgrade;
        include snippets/headers.conf;
    }
}
`,
      files: { "snippets/headers.conf": "proxy_set_header Connection upgrade;\n" },
      message: "has no proxy_pass, so nginx serves it from files",
      line: 2,
      column: 5,
    },
    {
      description: "no proxy_pass, while only the server has an unreadable include: nginx does not inherit proxy_pass",
      code: `server {
    include snippets/proxy.conf;
    location /live/ {
        proxy_set_header Upgrade $http_upgrade;
    }
}
`,
      fatal: ["cannot include"],
      message: "has no proxy_pass, so nginx serves it from files",
      line: 3,
      column: 5,
    },
    {
      description: "fastcgi_pass written in the route beside an unreadable include",
      code: `server {
    location /ws/ {
        fastcgi_pass 127.0.0.1:9000;
        include snippets/proxy.conf;
    }
}
`,
      fatal: ["cannot include"],
      message: "is answered by fastcgi_pass",
      line: 3,
      column: 9,
    },
    {
      description: "fastcgi_pass",
      code: `server {
    location /ws/ {
        fastcgi_pass 127.0.0.1:9000;
    }
}
`,
      exactMessage:
        "WebSocket location /ws/ is answered by fastcgi_pass, and nginx's FastCGI module cannot switch a connection to WebSocket, so the handshake never gets its 101 (the client sees 400, 502 or a plain response); proxy_pass it to an HTTP backend that speaks WebSocket, with proxy_http_version 1.1 and the Upgrade and Connection headers.",
      line: 3,
      column: 9,
      endColumn: 37,
    },
    {
      description: "grpc_pass",
      code: `server {
    location /ws/ {
        grpc_pass grpc://127.0.0.1:9000;
    }
}
`,
      message: "nginx's gRPC module cannot switch",
      line: 3,
      column: 9,
    },
    {
      description: "uwsgi_pass",
      code: `server {
    location /socket/ {
        uwsgi_pass 127.0.0.1:3031;
    }
}
`,
      message: "uwsgi module",
      line: 3,
      column: 9,
    },
    {
      description: "scgi_pass",
      code: `server {
    location /cable {
        scgi_pass 127.0.0.1:4000;
    }
}
`,
      message: "SCGI module",
      line: 3,
      column: 9,
    },
    {
      description: "a trailing-slash redirect on a WebSocket path",
      code: `server {
    location = /ws {
        return 301 /ws/;
    }
}
`,
      message: "answers with a redirect (return 301 /ws/), and WebSocket clients do not follow redirects",
      line: 3,
      column: 9,
    },
    {
      description: "a redirecting rewrite",
      code: `server {
    location /socket.io/ {
        rewrite ^ https://chat.example.com$request_uri permanent;
    }
}
`,
      message: "point clients at the final URL",
      line: 3,
      column: 9,
    },
    {
      description: "files for a route that forwards the Upgrade header",
      code: `server {
    location /live/ {
        proxy_set_header Upgrade $http_upgrade;
        root /srv/live;
    }
}
`,
      message: "has no proxy_pass, so nginx serves it from files",
      evidence: ['forwards "Upgrade: $http_upgrade"'],
      line: 2,
      column: 5,
      endColumn: 20,
    },
    {
      description: "try_files ending in =404 for a route marked by a comment",
      code: `server {
    # wslint: websocket
    location /events/ {
        try_files $uri =404;
    }
}
`,
      message: "without reaching a proxy",
      evidence: ['comment "# wslint: websocket"'],
      line: 4,
      column: 9,
    },
    {
      description: "files for a path named by the websocket.paths setting",
      settings: { websocket: { paths: ["/stream/"] } },
      code: `server {
    location /stream/ {
        alias /srv/stream/;
    }
}
`,
      evidence: ['configured websocket.paths "/stream/"'],
      line: 2,
      column: 5,
    },
    {
      description: "a route in an included file",
      code: `server {
    include locations/*.conf;
}
`,
      files: { "locations/chat.conf": "location /chat/ws {\n    fastcgi_pass unix:/run/php.sock;\n}\n" },
      file: "locations/chat.conf",
      line: 2,
      column: 5,
    },
  ],
});
