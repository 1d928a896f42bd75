import { testNginxRule } from "../../../test/rule-tester/nginx.js";
import { proxyHeaderInheritance } from "./index.js";

const BACKEND = "http://127.0.0.1:8080";

testNginxRule(proxyHeaderInheritance, {
  accept: [
    {
      description: "headers set at the server only are inherited",
      code: `server {
    proxy_set_header X-Real-IP $remote_addr;
    location /api/ {
        proxy_pass ${BACKEND};
    }
}
`,
    },
    {
      description: "a route that sets its own list when nothing is set around it",
      code: `server {
    location /api/ {
        proxy_pass ${BACKEND};
        proxy_set_header X-Real-IP $remote_addr;
    }
}
`,
    },
    {
      description: "a route that sets the same header again means to replace it",
      code: `server {
    proxy_set_header Host $host;
    location /api/ {
        proxy_pass ${BACKEND};
        proxy_set_header Host api.internal;
    }
}
`,
    },
    {
      description: "_fp: Upgrade and Connection dropped on a WebSocket route are the ws rules' findings",
      code: `server {
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header X-Request-Id $request_id;
    }
}
`,
    },
    {
      description: "_fp: a location that serves files sends no proxy headers",
      code: `server {
    proxy_set_header X-Real-IP $remote_addr;
    location /static/ {
        root /srv;
        proxy_set_header X-Static 1;
    }
}
`,
    },
    {
      description: "_fp: a route's own list beside an include that cannot be read, which may repeat the server's lines",
      code: `server {
    proxy_set_header X-Real-IP $remote_addr;
    location /api/ {
        proxy_pass ${BACKEND};
        proxy_set_header X-Request-Id $request_id;
        include snippets/proxy.conf;
    }
}
`,
      fatal: ["cannot include"],
    },
    {
      description: "_fp: a server's own list beside an include that cannot be read, which may repeat the http block's lines",
      code: `events {}
http {
    proxy_set_header X-Real-IP $remote_addr;
    server {
        proxy_set_header Host $host;
        include snippets/proxy.conf;
        location /a/ {
            proxy_pass ${BACKEND};
        }
    }
}
`,
      fatal: ["cannot include"],
    },
  ],
  reject: [
    {
      description: "a route's own list beside an include that is read and does not repeat the server's lines",
      code: `server {
    proxy_set_header X-Real-IP $remote_addr;
    location /api/ {
        proxy_pass ${BACKEND};
        proxy_set_header X-Request-Id $request_id;
        include snippets/timeouts.conf;
    }
}
`,
      files: { "snippets/timeouts.conf": "proxy_read_timeout 30s;\n" },
      message: "X-Real-IP from server (nginx.conf:2)",
      line: 5,
      column: 9,
      fixed: `server {
    proxy_set_header X-Real-IP $remote_addr;
    location /api/ {
        proxy_pass ${BACKEND};
        proxy_set_header X-Real-IP $remote_addr;
        proxy_set_header X-Request-Id $request_id;
        include snippets/timeouts.conf;
    }
}
`,
    },
    {
      description: "a server's own list, while only the http block, whose lines it drops, has an unreadable include",
      code: `events {}
http {
    include conf.d/proxy.conf;
    proxy_set_header X-Real-IP $remote_addr;
    server {
        proxy_set_header Host $host;
        location /a/ {
            proxy_pass ${BACKEND};
        }
    }
}
`,
      fatal: ["cannot include"],
      message: /^server sets its own proxy_set_header, so nginx does not send the ones set around it: X-Real-IP from http/,
      line: 6,
      column: 9,
    },
    {
      description: "a server's list, used by a route with an unreadable include and by one without: reported through the latter",
      code: `events {}
http {
    proxy_set_header X-Real-IP $remote_addr;
    server {
        proxy_set_header Host $host;
        location /a/ {
            proxy_pass ${BACKEND};
            include snippets/proxy.conf;
        }
        location /b/ {
            proxy_pass ${BACKEND};
        }
    }
}
`,
      fatal: ["cannot include"],
      message: /^server sets its own proxy_set_header, so nginx does not send the ones set around it: X-Real-IP from http/,
      line: 5,
      column: 9,
    },
    {
      description: "a plain route drops the server's headers",
      code: `server {
    proxy_set_header X-Real-IP $remote_addr;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    location /api/ {
        proxy_pass ${BACKEND};
        proxy_set_header X-Request-Id $request_id;
    }
}
`,
      exactMessage:
        "location /api/ sets its own proxy_set_header, so nginx does not send the ones set around it: X-Real-IP from server (nginx.conf:2), X-Forwarded-For from server (nginx.conf:3). The backend then misses them, and a Host or X-Forwarded-* check may refuse or misroute its requests, WebSocket handshakes included; copy the lines you still want into location /api/, above its own.",
      line: 6,
      column: 9,
      endColumn: 51,
      fixed: `server {
    proxy_set_header X-Real-IP $remote_addr;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    location /api/ {
        proxy_pass ${BACKEND};
        proxy_set_header X-Real-IP $remote_addr;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Request-Id $request_id;
    }
}
`,
    },
    {
      description: "a WebSocket route: the other headers are reported, Upgrade and Connection left to the ws rules",
      code: `server {
    proxy_set_header X-Real-IP $remote_addr;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header Host $host;
    }
}
`,
      message: "the ones set around it: X-Real-IP from server (nginx.conf:2); the WebSocket headers among them are reported by nginx/ws-upgrade-header and nginx/ws-connection-header.",
      evidence: ['forwards "Upgrade: $http_upgrade"'],
      line: 7,
      column: 9,
      fixed: `server {
    proxy_set_header X-Real-IP $remote_addr;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
    location /ws/ {
        proxy_pass ${BACKEND};
        proxy_set_header X-Real-IP $remote_addr;
        proxy_set_header Host $host;
    }
}
`,
    },
    {
      description: "a server dropping the http block's headers is reported once for all its routes",
      code: `events {}
http {
    proxy_set_header X-Real-IP $remote_addr;
    server {
        proxy_set_header Host $host;
        location /a/ {
            proxy_pass ${BACKEND};
        }
        location /b/ {
            proxy_pass ${BACKEND};
        }
    }
}
`,
      message: /^server sets its own proxy_set_header, so nginx does not send the ones set around it: X-Real-IP from http \(nginx\.conf:3\)\./,
      line: 5,
      column: 9,
      fixed: `events {}
http {
    proxy_set_header X-Real-IP $remote_addr;
    server {
        proxy_set_header X-Real-IP $remote_addr;
        proxy_set_header Host $host;
        location /a/ {
            proxy_pass ${BACKEND};
        }
        location /b/ {
            proxy_pass ${BACKEND};
        }
    }
}
`,
    },
    {
      description: "an enclosing location's list, inherited by a nested one, is reported once",
      code: `server {
    proxy_set_header X-Real-IP $remote_addr;
    location /app/ {
        proxy_pass ${BACKEND};
        proxy_set_header Host $host;
        location /app/feed/ {
            proxy_pass ${BACKEND};
        }
    }
}
`,
      line: 5,
      column: 9,
      fixed: `server {
    proxy_set_header X-Real-IP $remote_addr;
    location /app/ {
        proxy_pass ${BACKEND};
        proxy_set_header X-Real-IP $remote_addr;
        proxy_set_header Host $host;
        location /app/feed/ {
            proxy_pass ${BACKEND};
        }
    }
}
`,
    },
    {
      description: "a route's list from a snippet: reported in the snippet, fixed above the include",
      code: `server {
    proxy_set_header X-Real-IP $remote_addr;
    location /api/ {
        proxy_pass ${BACKEND};
        include snippets/trace.conf;
    }
}
`,
      files: { "snippets/trace.conf": "proxy_set_header X-Request-Id $request_id;\n" },
      file: "snippets/trace.conf",
      line: 1,
      column: 1,
      fixed: `server {
    proxy_set_header X-Real-IP $remote_addr;
    location /api/ {
        proxy_pass ${BACKEND};
        proxy_set_header X-Real-IP $remote_addr;
        include snippets/trace.conf;
    }
}
`,
    },
  ],
});
