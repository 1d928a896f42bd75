import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { modelOfFixture, modelOfText } from "../../../fixtures/nginx/model/load-fixture.js";
import type { LocationScope, NginxModel } from "./index.js";
import { describeWhere } from "./placed.js";
import { describeDrop } from "./scope.js";

const MAIN = "fixtures/nginx/model/inheritance/nginx.conf";
const APP = "fixtures/nginx/model/inheritance/conf.d/app.conf";
const SNIPPET = "fixtures/nginx/model/inheritance/snippets/websocket-headers.conf";

/** `file:line` of the first line of a fixture file containing `text`. */
function whereIs(file: string, text: string): string {
  const index = readFileSync(file, "utf8").split("\n").findIndex((line) => line.includes(text));
  if (index === -1) throw new Error(`${text} is not in ${file}`);
  return `${file}:${index + 1}`;
}

function location(model: NginxModel, pattern: string): LocationScope {
  const found = model.locations.find((candidate) => candidate.match.pattern === pattern);
  if (found === undefined) throw new Error(`no location ${pattern}`);
  return found;
}

describe("ordinary directives", () => {
  const model = modelOfFixture("inheritance/nginx.conf");

  it("come from the nearest level that sets them, with where that is", () => {
    const root = location(model, "/").effective("proxy_read_timeout")!;
    expect(root.args).toEqual(["300s"]);
    expect(root.inherited).toBe(true);
    expect(root.scope?.kind).toBe("http");
    expect(describeWhere(root.directive!)).toBe(whereIs(MAIN, "proxy_read_timeout 300s"));

    const version = location(model, "/").effective("proxy_http_version")!;
    expect(version.args).toEqual(["1.1"]);
    expect(version.scope?.kind).toBe("server");
    expect(describeWhere(version.directive!)).toBe(whereIs(APP, "proxy_http_version 1.1"));
  });

  it("are overridden by the location's own setting and passed on to nested locations", () => {
    const api = location(model, "/api/").effective("proxy_read_timeout")!;
    expect(api.args).toEqual(["30s"]);
    expect(api.inherited).toBe(false);

    const nested = location(model, "/api/stream/").effective("proxy_read_timeout")!;
    expect(nested.args).toEqual(["30s"]);
    expect(nested.inherited).toBe(true);
    expect(nested.scope).toBe(location(model, "/api/"));
    expect(location(model, "/api/stream/").effective("proxy_buffering")!.args).toEqual(["off"]);
  });

  it("reach an if block from its location", () => {
    const legacy = location(model, "/legacy/");
    const ifBlock = legacy.ifs[0]!;
    const version = ifBlock.effective("proxy_http_version")!;
    expect(version.args).toEqual(["1.0"]);
    expect(version.scope).toBe(legacy);
  });

  it("fall back to nginx's defaults with a note saying so", () => {
    const buffering = location(model, "/").effective("proxy_buffering")!;
    expect(buffering).toMatchObject({ args: ["on"], directive: null, scope: null, defaultNote: "nginx default" });
    expect(location(model, "/").effective("proxy_send_timeout")!.args).toEqual(["60s"]);
    expect(location(model, "/").effective("some_unknown_directive")).toBeNull();
  });

  it("refuse list directives, which have their own question", () => {
    expect(() => location(model, "/").effective("proxy_set_header")).toThrow(/effectiveList/);
  });

  it("do not carry rewrite-module directives or try_files into nested locations", () => {
    const nested = modelOfText(`
      server {
        location /a/ {
          return 403;
          try_files $uri =404;
          location /a/b/ { }
        }
      }`);
    const inner = location(nested, "/a/b/");
    expect(inner.effective("return")).toBeNull();
    expect(inner.effective("try_files")).toBeNull();
    expect(location(nested, "/a/").effective("return")!.args).toEqual(["403"]);
  });
});

describe("proxy_set_header, a list directive", () => {
  const model = modelOfFixture("inheritance/nginx.conf");

  it("is inherited whole by a level that sets none", () => {
    const headers = location(model, "/").effectiveHeaders();
    expect(headers.get("upgrade")).toMatchObject({ value: "$http_upgrade", inherited: true });
    expect(describeWhere(headers.get("Upgrade")!.directive!)).toBe(whereIs(APP, "proxy_set_header Upgrade"));
    expect(headers.get("host")!.value).toBe("$host");
  });

  it("drops every header of enclosing levels when the level sets one of its own", () => {
    const api = location(model, "/api/").effectiveHeaders();
    expect(api.headers.filter((header) => header.directive !== null).map((header) => header.name)).toEqual(["X-Request-Id"]);
    // nginx's default Host comes back, since the server's Host is gone.
    expect(api.get("host")).toMatchObject({ value: "$proxy_host", directive: null });

    const upgrade = api.dropped.find((header) => header.key === "upgrade")!;
    expect(describeWhere(upgrade.directive)).toBe(whereIs(APP, "proxy_set_header Upgrade"));
    expect(describeWhere(upgrade.droppedBy)).toBe(whereIs(APP, "proxy_set_header X-Request-Id"));
    expect(upgrade.droppedByThisScope).toBe(true);
    expect(upgrade.redefined).toBe(false);
  });

  it("describes a drop for messages", () => {
    const dropped = location(model, "/api/").effectiveHeaders().dropped;
    const upgrade = dropped.find((header) => header.key === "upgrade")!;
    const droppedAt = whereIs(APP, "proxy_set_header X-Request-Id").split(":").pop();
    expect(describeDrop(upgrade)).toBe(
      `set at ${whereIs(APP, "proxy_set_header Upgrade")}, dropped by the location's own proxy_set_header at :${droppedAt}`,
    );
    const forwarded = dropped.find((header) => header.key === "x-forwarded-for")!;
    expect(describeDrop(forwarded)).toBe(
      `set at ${whereIs(MAIN, "X-Forwarded-For")}, dropped by the server's own proxy_set_header at ${whereIs(APP, "proxy_set_header Host")}`,
    );
    const off = modelOfText("server { add_header X-A 1; location / { add_header_inherit off; } }");
    expect(describeDrop(location(off, "/").effectiveHeaders("add_header").dropped[0]!)).toBe(
      "set at inline.conf:1, dropped by the location's add_header_inherit off at :1",
    );
  });

  it("names the level that stopped an older inheritance, not the location", () => {
    const forwarded = location(model, "/api/").effectiveHeaders().dropped.find((header) => header.key === "x-forwarded-for")!;
    expect(describeWhere(forwarded.directive)).toBe(whereIs(MAIN, "X-Forwarded-For"));
    expect(describeWhere(forwarded.droppedBy)).toBe(whereIs(APP, "proxy_set_header Host"));
    expect(forwarded.droppedByThisScope).toBe(false);
  });

  it("passes the nearer list on to nested locations", () => {
    const nested = location(model, "/api/stream/").effectiveHeaders();
    expect(nested.get("x-request-id")).toMatchObject({ inherited: true, scope: location(model, "/api/") });
    expect(nested.get("upgrade")).toMatchObject({ value: "", directive: null, sent: false });
  });

  it("is replaced inside an if that sets its own", () => {
    const legacy = location(model, "/legacy/");
    expect(legacy.effectiveHeaders().get("upgrade")!.value).toBe("$http_upgrade");
    const inIf = legacy.ifs[0]!.effectiveHeaders();
    expect(inIf.get("x-post")!.value).toBe("yes");
    expect(inIf.get("upgrade")!.directive).toBeNull();
    expect(inIf.dropped.map((header) => header.key)).toEqual(expect.arrayContaining(["host", "upgrade"]));
  });

  it("counts headers an included snippet sets as the including location's own, at the snippet's lines", () => {
    const live = location(model, "/live/");
    const upgrade = live.effectiveHeaders().get("upgrade")!;
    expect(upgrade).toMatchObject({ value: "$http_upgrade", inherited: false, scope: live });
    expect(describeWhere(upgrade.directive!)).toBe(whereIs(SNIPPET, "proxy_set_header Upgrade"));
    expect(upgrade.directive!.includedVia.map((include) => include.file)).toEqual([MAIN, APP]);
    expect(live.effective("proxy_http_version")).toMatchObject({ args: ["1.1"], inherited: false });
    expect(live.effectiveHeaders().dropped.map((header) => header.key)).toEqual(expect.arrayContaining(["host", "upgrade"]));
  });

  it("marks a dropped header the nearer list sets again", () => {
    const redefined = modelOfText(`
      server {
        proxy_set_header Host $host;
        proxy_set_header X-Real-IP $remote_addr;
        location / { proxy_set_header Host $http_host; proxy_pass http://app; }
      }`);
    const dropped = location(redefined, "/").effectiveHeaders().dropped;
    expect(dropped.find((header) => header.key === "host")!.redefined).toBe(true);
    expect(dropped.find((header) => header.key === "x-real-ip")!.redefined).toBe(false);
  });
});

describe("other list directives", () => {
  it("add_header follows the same rule", () => {
    const model = modelOfFixture("inheritance/nginx.conf");
    expect(location(model, "/").effectiveHeaders("add_header").get("x-frame-options")!.value).toBe("DENY");
    const legacy = location(model, "/legacy/").effectiveHeaders("add_header");
    expect(legacy.get("x-frame-options")).toBeUndefined();
    expect(legacy.dropped.map((header) => header.name)).toEqual(["X-Frame-Options"]);
  });

  it("add_header_inherit merge keeps the enclosing headers after the own ones; off drops them", () => {
    const model = modelOfText(`
      server {
        add_header X-Frame-Options DENY;
        location /merged/ { add_header_inherit merge; add_header Cache-Control no-store; }
        location /off/ { add_header_inherit off; }
      }`);
    expect(location(model, "/merged/").effectiveHeaders("add_header").headers.map((header) => header.name)).toEqual([
      "Cache-Control",
      "X-Frame-Options",
    ]);
    const off = location(model, "/off/").effectiveHeaders("add_header");
    expect(off.headers).toEqual([]);
    expect(off.dropped[0]!.droppedBy.name).toBe("add_header_inherit");
  });

  it("allow and deny share one list", () => {
    const model = modelOfText(`
      server {
        allow 10.0.0.0/8;
        deny all;
        location / { deny 192.0.2.1; }
        location /open/ { }
      }`);
    const own = location(model, "/").effectiveList("allow");
    expect(own.entries.map((entry) => entry.directive.name)).toEqual(["deny"]);
    expect(own.dropped.map((entry) => entry.directive.args[0])).toEqual(["10.0.0.0/8", "all"]);
    expect(location(model, "/open/").effectiveList("deny").entries).toHaveLength(2);
  });
});

describe("version-dependent defaults", () => {
  const text = "server { location / { proxy_pass http://app; } }";

  it("proxy_http_version is 1.0 before nginx 1.29.7, and when the version is unknown", () => {
    for (const version of [undefined, "1.29.6", "1.24.0"]) {
      const effective = location(modelOfText(text, { version }), "/").effective("proxy_http_version")!;
      expect(effective.args).toEqual(["1.0"]);
      expect(effective.defaultNote).toBe("nginx default before 1.29.7");
    }
  });

  it("proxy_http_version is 1.1 since nginx 1.29.7", () => {
    for (const version of ["1.29.7", "1.30.0", "2.0"]) {
      expect(location(modelOfText(text, { version }), "/").effective("proxy_http_version")!.args).toEqual(["1.1"]);
    }
  });

  it("nginx sends Connection: close before 1.29.7 and no Connection header since", () => {
    const before = location(modelOfText(text, { version: "1.28.0" }), "/").effectiveHeaders().get("connection")!;
    expect(before).toMatchObject({ value: "close", sent: true, directive: null });
    const since = location(modelOfText(text, { version: "1.29.7" }), "/").effectiveHeaders().get("connection")!;
    expect(since).toMatchObject({ value: "", sent: false });
  });

  it("the client's Upgrade header is never passed on by default", () => {
    for (const version of ["1.28.0", "1.29.7"]) {
      expect(location(modelOfText(text, { version }), "/").effectiveHeaders().get("upgrade")).toMatchObject({ value: "", sent: false });
    }
  });

  it("upstream keepalive defaults to 32 local since 1.29.7 and to none before", () => {
    const upstreamText = "upstream app { server 127.0.0.1:9000; }";
    expect(modelOfText(upstreamText, { version: "1.29.7" }).upstreams.get("app")!.keepalive).toMatchObject({
      connections: 32,
      local: true,
      directive: null,
    });
    expect(modelOfText(upstreamText).upstreams.get("app")!.keepalive).toMatchObject({ connections: 0, directive: null });
  });
});
