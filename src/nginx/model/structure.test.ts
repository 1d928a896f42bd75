import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lintSettings, modelOfFixture, modelOfText } from "../../../fixtures/nginx/model/load-fixture.js";
import type { ConfigFileSystem } from "../../load/file-system.js";
import { loadNginxConfig } from "../../load/nginx-loader.js";
import { sourceFromText } from "../../syntax/source.js";
import { parseNginx } from "../parse.js";
import { buildNginxModel, parseLocationArgs, type Handler, type LocationScope, type NginxModel } from "./index.js";

const FIXTURE = "fixtures/nginx/model/structure/nginx.conf";

function location(model: NginxModel, pattern: string): LocationScope {
  const found = model.locations.find((candidate) => candidate.match.pattern === pattern);
  if (found === undefined) throw new Error(`no location ${pattern}`);
  return found;
}

function handlerOf(model: NginxModel, pattern: string): Handler {
  return location(model, pattern).handler;
}

describe("maps", () => {
  const model = modelOfFixture("structure/nginx.conf");
  const mapOf = (variable: string) => model.maps.find((map) => map.variable === variable)!;

  it("are read with their source, variable, default and keys", () => {
    const upgrade = mapOf("connection_upgrade");
    expect(upgrade.source).toBe("$http_upgrade");
    expect(upgrade.default?.value).toBe("upgrade");
    expect(upgrade.entries.map(({ key, value }) => [key, value])).toEqual([["", "close"]]);
    expect(upgrade.protocol).toBe("http");
  });

  it("know hostnames, volatile, regex keys, escaped keys and included keys", () => {
    const site = mapOf("site");
    expect(site).toMatchObject({ hostnames: true, volatile: true });
    expect(site.includes.map((directive) => directive.args[0])).toEqual(["maps/sites.map"]);
    expect(site.entries.map(({ key, regex, caseInsensitive }) => [key, regex, caseInsensitive])).toEqual([
      ["example.test", false, false],
      [".example.org", false, false],
      ["^api\\.", true, false],
      ["^WWW\\.", true, true],
      ["default", false, false],
    ]);
    expect(site.entries[1]!.directive.file.source.path).toBe("fixtures/nginx/model/structure/maps/sites.map");
  });

  it("in stream blocks are kept apart", () => {
    expect(mapOf("stream_tag").protocol).toBe("stream");
    expect(model.httpBlocks[0]!.maps.map((map) => map.variable)).toEqual(["connection_upgrade", "site", "upgrade_seen"]);
  });
});

describe("variables", () => {
  const model = modelOfFixture("structure/nginx.conf");

  it("know where each is defined", () => {
    const origin = (name: string) => model.variables.definitions(name).map((definition) => definition.origin);
    expect(origin("connection_upgrade")).toEqual(["map"]);
    expect(origin("is_internal")).toEqual(["geo"]);
    expect(origin("variant")).toEqual(["split_clients"]);
    expect(origin("backend")).toEqual(["set"]);
    expect(origin("user")).toEqual(["regex capture"]);
    expect(model.variables.definitions("connection_upgrade")[0]!.map?.source).toBe("$http_upgrade");
  });

  it("tell built-in variables from unknown ones", () => {
    for (const name of ["http_upgrade", "host", "arg_id", "cookie_session", "upstream_http_x_id", "1", "proxy_host"]) {
      expect(model.variables.exists(name), name).toBe(true);
    }
    for (const name of ["connection_upgrad", "websocket", "httpupgrade"]) {
      expect(model.variables.exists(name), name).toBe(false);
    }
  });

  it("follow what is computed from $http_upgrade through chains of maps", () => {
    const derived = model.variables.derivedFrom("http_upgrade");
    expect([...derived].sort()).toEqual(["connection_upgrade", "http_upgrade", "upgrade_seen"]);
  });

  it("follow set as well as map", () => {
    const chained = modelOfText(`
      server {
        set $raw $http_upgrade;
        location / { set $copied "$raw-suffix"; }
      }`);
    expect([...chained.variables.derivedFrom("http_upgrade")].sort()).toEqual(["copied", "http_upgrade", "raw"]);
  });
});

describe("upstreams", () => {
  const model = modelOfFixture("structure/nginx.conf");

  it("list servers with parameters, balancing and keepalive", () => {
    const app = model.upstreams.get("app")!;
    expect(app.servers.map(({ address, parameters }) => [address, parameters])).toEqual([
      ["127.0.0.1:9000", ["weight=2"]],
      ["unix:/run/app.sock", ["backup"]],
    ]);
    expect(app.balancing).toBe("least_conn");
    expect(app.keepalive).toMatchObject({ connections: 16, local: false, defaultNote: null });
    expect(app.keepalive?.directive?.args).toEqual(["16"]);
  });

  it("are found by name without regard to case, http and stream apart", () => {
    expect(model.upstreams.get("plain")!.name).toBe("Plain");
    expect(model.upstreams.has("tcp_backend")).toBe(false);
    expect(model.streamUpstreams.get("tcp_backend")!.keepalive).toBeNull();
    expect(model.httpBlocks[0]!.upstreams.map((upstream) => upstream.name)).toEqual(["app", "Plain"]);
  });
});

describe("handlers", () => {
  const model = modelOfFixture("structure/nginx.conf");

  it("return, with or without a code", () => {
    expect(handlerOf(model, "^/u/(?<user>\\w+)$")).toMatchObject({ kind: "return", code: 200, redirect: false, text: "$user" });
    expect(handlerOf(model, "/moved")).toMatchObject({ kind: "return", code: 301, redirect: true, text: "https://example.test/new" });
    expect(handlerOf(model, "/bare-redirect")).toMatchObject({ kind: "return", code: null, redirect: true });
  });

  it("rewrite that leaves the location, but not one with break", () => {
    expect(handlerOf(model, "/old/")).toMatchObject({ kind: "rewrite", flag: "permanent", redirect: true });
    expect(handlerOf(model, "/internal/")).toMatchObject({ kind: "rewrite", flag: "last", redirect: false, replacement: "/app/" });
    expect(handlerOf(model, "/files/")).toMatchObject({ kind: "try_files", fallback: "=404" });
  });

  it("proxy_pass with its scheme, host, URI and upstream", () => {
    const app = handlerOf(model, "/app/");
    expect(app).toMatchObject({ kind: "proxy_pass", scheme: "http", host: "APP", uri: "/prefix/", hasVariables: false, inherited: false });
    expect(app.kind === "proxy_pass" && app.upstream).toBe(model.upstreams.get("app"));
    expect(handlerOf(model, "/dyn/")).toMatchObject({ kind: "proxy_pass", host: null, upstream: null, hasVariables: true });
  });

  it("the other pass directives", () => {
    expect(handlerOf(model, "/php")).toMatchObject({ kind: "fastcgi_pass", scheme: null, host: "127.0.0.1", upstream: null });
    expect(handlerOf(model, "/grpc")).toMatchObject({ kind: "grpc_pass", scheme: "grpcs", upstream: model.upstreams.get("plain") });
    expect(handlerOf(model, "/uw")).toMatchObject({ kind: "uwsgi_pass", upstream: model.upstreams.get("app") });
    expect(handlerOf(model, "/sc")).toMatchObject({ kind: "scgi_pass", host: null, target: "unix:/run/scgi.sock" });
    expect(handlerOf(model, "/mc")).toMatchObject({ kind: "memcached_pass", host: "127.0.0.1" });
  });

  it("a module that answers by itself", () => {
    expect(handlerOf(model, "/status")).toMatchObject({ kind: "module", directive: { name: "stub_status" } });
  });

  it("is not inherited by a nested location, but is by limit_except and if", () => {
    const nested = handlerOf(model, "/app/nested/");
    expect(nested.kind).toBe("static");
    expect(nested.kind === "static" && nested.root?.args).toEqual(["/srv/nested"]);
    expect(location(model, "/app/").limitExcepts[0]!.handler).toMatchObject({ kind: "proxy_pass", inherited: true });
    const [denying, setting] = location(model, "/proxy-if/").ifs;
    expect(denying!.handler).toMatchObject({ kind: "return", code: 403 });
    expect(setting!.handler).toMatchObject({ kind: "proxy_pass", inherited: true, host: "plain" });
  });

  it("static files from the nearer of root and alias", () => {
    const staticHandler = (pattern: string) => {
      const handler = handlerOf(model, pattern);
      if (handler.kind !== "static") throw new Error(`${pattern} is ${handler.kind}`);
      return handler.root;
    };
    expect(staticHandler("/static/")).toMatchObject({ name: "alias", args: ["/srv/static/"], inherited: false });
    expect(staticHandler("/")).toMatchObject({ name: "root", args: ["/srv/www"], inherited: true });
    expect(staticHandler("/html/images/thumbs/")).toMatchObject({ name: "alias", args: ["/srv/images/"] });
    expect(handlerOf(modelOfText("server { location / { } }"), "/")).toEqual({ kind: "static", root: null });
  });
});

describe("servers", () => {
  const model = modelOfFixture("structure/nginx.conf");

  it("listen with port, address and flags", () => {
    const listens = model.servers[0]!.listens.map(({ address, port, ssl, http2, quic, defaultServer }) => ({
      address,
      port,
      flags: Object.entries({ ssl, http2, quic, defaultServer })
        .filter(([, on]) => on)
        .map(([flag]) => flag),
    }));
    expect(listens).toEqual([
      { address: null, port: 443, flags: ["ssl", "http2", "defaultServer"] },
      { address: "[::]", port: 443, flags: ["ssl"] },
      { address: "127.0.0.1", port: 8443, flags: ["quic"] },
      { address: "localhost", port: 80, flags: [] },
      { address: "unix:/run/nginx.sock", port: null, flags: [] },
    ]);
    expect(model.servers[0]!.serverNames).toEqual(["example.test", "www.example.test"]);
  });

  it("know their locations, nested ones too", () => {
    const second = model.servers[1]!;
    expect(second.locations.map((candidate) => candidate.match.pattern)).toEqual(["/", "/html/"]);
    expect(second.allLocations.map((candidate) => candidate.match.pattern)).toEqual([
      "/",
      "/html/",
      "/html/images/",
      "/html/images/thumbs/",
    ]);
    expect(location(model, "/html/images/thumbs/").parentLocation).toBe(location(model, "/html/images/"));
  });

  it("pick the location nginx would for a request", () => {
    const server = model.servers[0]!;
    const picked = (uri: string) => server.selectLocation(uri)?.match.pattern ?? null;
    expect(picked("/moved")).toBe("/moved");
    expect(picked("/moved/not-exact")).toBeNull();
    expect(picked("/u/alice")).toBe("^/u/(?<user>\\w+)$");
    expect(picked("/app/nested/x")).toBe("/app/nested/");
    expect(picked("/app/other")).toBe("/app/");
    expect(model.servers[1]!.selectLocation("/html/images/thumbs/a.png")?.match.pattern).toBe("/html/images/thumbs/");
  });

  it("prefer a regex over a prefix, unless the prefix is ^~", () => {
    const text = `
      server {
        location /images/ { }
        location ^~ /static/ { }
        location ~* \\.(png|jpg)$ { }
      }`;
    const server = modelOfText(text).servers[0]!;
    expect(server.selectLocation("/images/a.PNG")?.match.pattern).toBe("\\.(png|jpg)$");
    expect(server.selectLocation("/static/a.png")?.match.pattern).toBe("/static/");
    expect(server.selectLocation("/images/a.txt")?.match.pattern).toBe("/images/");
  });
});

describe("stream", () => {
  const model = modelOfFixture("structure/nginx.conf");

  it("servers inherit from the stream block and have stream defaults", () => {
    const [first, second] = model.streamServers;
    expect(first!.protocol).toBe("stream");
    expect(first!.effective("proxy_timeout")!.args).toEqual(["5m"]);
    expect(second!.effective("proxy_timeout")).toMatchObject({ args: ["10m"], directive: null });
    expect(model.streamBlocks).toHaveLength(1);
    expect(model.servers).toHaveLength(2);
  });
});

describe("where a map goes", () => {
  it("before the first server of the http block, with its indentation", () => {
    const model = modelOfFixture("structure/nginx.conf");
    const point = model.httpBlocks[0]!.mapInsertionPoint();
    const text = readFileSync(FIXTURE, "utf8");
    expect(point).toEqual({ file: FIXTURE, offset: text.indexOf("    server {"), indent: "    " });
  });

  it("before the closing brace of an http block without servers", () => {
    const text = "http {\n  upstream app { server 127.0.0.1:1; }\n}\n";
    const point = modelOfText(text).httpBlocks[0]!.mapInsertionPoint();
    expect(point).toEqual({ file: "inline.conf", offset: text.lastIndexOf("}"), indent: "  " });
  });

  it("before the first server of a file of bare servers", () => {
    const text = "# app\n\nserver {\n  listen 80;\n}\n";
    const model = modelOfText(text);
    expect(model.httpBlocks[0]!.block).toBeNull();
    expect(model.httpBlocks[0]!.mapInsertionPoint()).toEqual({ file: "inline.conf", offset: text.indexOf("server"), indent: "" });
  });
});

describe("a file linted on its own", () => {
  it("of locations is read as the inside of a server, where no map can go", () => {
    const model = modelOfText("location /ws/ { proxy_pass http://app; }\n");
    expect(model.servers).toHaveLength(1);
    expect(model.servers[0]!.block).toBeNull();
    expect(model.httpBlocks[0]!.mapInsertionPoint()).toBeNull();
    expect(model.locations[0]!.server).toBe(model.servers[0]);
    expect(model.websocketRoutes).toEqual(model.locations);
  });

  it("of directives with no block is left at the top level", () => {
    const model = modelOfText("worker_processes 2;\n");
    expect(model.httpBlocks).toEqual([]);
    expect(model.servers).toEqual([]);
  });
});

describe("location paths", () => {
  it.each([
    [["=", "/x"], { modifier: "=", pattern: "/x" }],
    [["=/x"], { modifier: "=", pattern: "/x" }],
    [["~*\\.js$"], { modifier: "~*", pattern: "\\.js$" }],
    [["~", "^/a"], { modifier: "~", pattern: "^/a" }],
    [["^~/static/"], { modifier: "^~", pattern: "/static/" }],
    [["@fallback"], { modifier: "@", pattern: "fallback" }],
    [["/plain/"], { modifier: null, pattern: "/plain/" }],
  ])("location %j", (args, match) => {
    expect(parseLocationArgs(args)).toEqual(match);
  });

  it.each([
    ["~ /wss?/", ["ws"]],
    ["~ ^/(?:socket\\.io|sockjs)/", ["socket.io", "sockjs"]],
    ["~* ^/api/[a-z]+/ws$", ["api", "ws"]],
    ["~ \\.ws$", [".ws"]],
    ["~ ^/(?<room>\\w+)/live", ["live"]],
    ["/a/b/", ["a", "b"]],
  ])("%s names the segments %j", (written, segments) => {
    const model = modelOfText(`location ${written} { }`);
    expect(model.locations[0]!.segments).toEqual(segments);
  });
});

describe("includes that cannot be read", () => {
  /** The model of in-memory files under /etc/nginx; a path not given cannot be read. */
  function modelOfFiles(files: Record<string, string>): NginxModel {
    const fileSystem: ConfigFileSystem = {
      read: (path) => (path in files ? { ok: true, source: sourceFromText(path, files[path]!) } : { ok: false, reason: "no such file or directory" }),
      list: (directory) => Object.keys(files).filter((path) => path.startsWith(`${directory}/`)).map((path) => path.slice(directory.length + 1)),
      exists: (path) => path in files || Object.keys(files).some((file) => file.startsWith(`${path}/`)),
    };
    const main = "/etc/nginx/nginx.conf";
    return buildNginxModel(loadNginxConfig({ main: sourceFromText(main, files[main]!), fileSystem, parse: parseNginx }), lintSettings());
  }

  const model = modelOfFiles({
    "/etc/nginx/nginx.conf": [
      "http {",
      "    include conf.d/*.conf;",
      "    include nothing-matches/*.conf;",
      "    map $http_upgrade $connection_upgrade {",
      "        include maps/absent.map;",
      "    }",
      "    server {",
      "        location /read/ {",
      "            include snippets/present.conf;",
      "        }",
      "        location /unread/ {",
      "            include snippets/absent.conf;",
      "            location /unread/nested/ { }",
      "            if ($arg_x) { }",
      "        }",
      "    }",
      "}",
      "stream {",
      "    server { }",
      "}",
      "",
    ].join("\n"),
    "/etc/nginx/conf.d/a.conf": "proxy_read_timeout 1h;\n",
    "/etc/nginx/snippets/present.conf": "proxy_pass http://127.0.0.1:8080;\n",
  });
  const [http] = model.httpBlocks;
  const [read, unread, nested] = model.locations;

  it("mark the level they stand in, and only that level", () => {
    expect([read, unread, nested].map((location) => [location!.match.pattern, location!.hasUnreadableInclude])).toEqual([
      ["/read/", false],
      ["/unread/", true],
      ["/unread/nested/", false],
    ]);
    expect(model.ifs[0]!.hasUnreadableInclude).toBe(false);
    expect(model.servers[0]!.hasUnreadableInclude).toBe(false);
    // A glob that matches nothing is complete, as it is to nginx.
    expect(http!.hasUnreadableInclude).toBe(false);
  });

  it("are found along a route's levels up to a given one", () => {
    expect(nested!.hasUnreadableIncludeUpTo(null, true)).toBe(true);
    expect(nested!.hasUnreadableIncludeUpTo(unread!, false)).toBe(false);
    expect(nested!.hasUnreadableIncludeUpTo(unread!, true)).toBe(true);
    expect(read!.hasUnreadableIncludeUpTo(null, true)).toBe(false);
  });

  it("in any http level leave http's variables incomplete: a set or map there may define any", () => {
    expect(model.variables.isComplete("http")).toBe(false);
    expect(model.variables.isComplete("stream")).toBe(true);
  });

  it("in a map mark the map, whose entries they may hold, and define no variable", () => {
    expect(model.maps[0]!.hasUnreadableInclude).toBe(true);
    const onlyMap = modelOfFiles({
      "/etc/nginx/nginx.conf": "http {\n    map $http_upgrade $connection_upgrade {\n        include absent.map;\n    }\n}\n",
    });
    expect(onlyMap.maps[0]!.hasUnreadableInclude).toBe(true);
    expect(onlyMap.httpBlocks[0]!.hasUnreadableInclude).toBe(false);
    expect(onlyMap.variables.isComplete("http")).toBe(true);
  });
});
