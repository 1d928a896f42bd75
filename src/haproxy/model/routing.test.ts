import { describe, expect, it } from "vitest";
import { modelOfFixture, modelOfText } from "../../../fixtures/haproxy/model/load-fixture.js";
import { routePaths, type HaproxyModel, type ProxyModel } from "./index.js";

function named(model: HaproxyModel, name: string): ProxyModel {
  const found = model.proxies.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no proxy ${name}`);
  return found;
}

describe("routes out of frontends and listens", () => {
  const model = modelOfFixture("routing/routes.cfg");

  it("lists use_backend rules in order, then the default backend", () => {
    const routes = named(model, "fe_http").routesOut;
    expect(routes.map((route) => [route.kind, route.targetName, route.dynamic])).toEqual([
      ["use_backend", "be_api", false],
      ["use_backend", "be_ws", false],
      ["use_backend", "be_%[req.hdr(host),lower,word(1,.)]", true],
      ["default_backend", "be_app", false],
    ]);
    expect(routes.map((route) => route.to?.name ?? null)).toEqual(["be_api", "be_ws", null, "be_app"]);
  });

  it("lets a listen serve what its use_backend rules do not take", () => {
    const listen = named(model, "li_self");
    expect(listen.routesOut.map((route) => [route.kind, route.to])).toEqual([
      ["use_backend", named(model, "be_ws")],
      ["self", listen],
    ]);
    expect(listen.routesIn.map((route) => route.kind)).toEqual(["self"]);
  });

  it("sends a listen with a default_backend there instead of to itself", () => {
    const listen = named(model, "li_forward");
    expect(listen.routesOut.map((route) => route.kind)).toEqual(["default_backend"]);
    expect(listen.routesIn).toEqual([]);
  });

  it("records the routes into each backend", () => {
    expect(named(model, "be_ws").routesIn.map((route) => route.from.name)).toEqual(["fe_http", "li_self"]);
    expect(named(model, "be_app").routesIn.map((route) => route.from.name)).toEqual(["fe_http", "li_forward"]);
    expect(model.backends.get("fe_http")).toBeUndefined();
    expect(model.frontends.map((frontend) => frontend.name)).toEqual(["fe_http", "fe_tcp", "li_self", "li_forward"]);
  });

  it("notes a backend only TCP frontends reach", () => {
    expect(named(model, "be_raw").reachedOnlyInTcpMode).toBe(true);
    expect(named(model, "be_app").reachedOnlyInTcpMode).toBe(false);
    expect(named(model, "be_api").reachedOnlyInTcpMode).toBe(false);
  });

  it("gives the literal paths a route takes", () => {
    expect(routePaths(named(model, "be_api")).map((found) => found.path)).toEqual(["/api/", "/v2/api"]);
    expect(routePaths(named(model, "be_ws")).map((found) => found.path)).toEqual(["/ws"]);
    expect(routePaths(named(model, "be_app"))).toEqual([]);
  });

  it("leaves the paths of the proxy's own rules out of its route paths", () => {
    const text =
      "frontend fe\n    bind :80\n    use_backend app if { path_beg /app }\n" +
      "backend app\n    http-request deny if { path_beg /app/admin }\n    server s 127.0.0.1:1\n";
    expect(routePaths(modelOfText(text).backends.get("app")!).map((found) => found.path)).toEqual(["/app"]);
  });

  it("leaves a use_backend in a backend out, as HAProxy ignores it there", () => {
    const text = "backend b\n    use_backend c\n    server s 127.0.0.1:1\nbackend c\n    server s 127.0.0.1:1\n";
    const model = modelOfText(text);
    expect(model.backends.get("b")!.routesOut).toEqual([]);
    expect(model.backends.get("c")!.routesIn).toEqual([]);
  });
});

describe("ACLs in route conditions", () => {
  const model = modelOfFixture("routing/routes.cfg");
  const frontend = named(model, "fe_http");
  const [api, ws] = frontend.routesOut;

  it("ORs every line of a named ACL", () => {
    expect(frontend.acls.get("is_ws")!.declarations).toHaveLength(2);
    const term = ws!.condition!.terms[0]!;
    expect(term.acl?.name).toBe("is_ws");
    expect(term.tests.map((test) => [test.fetch, test.header, test.match, test.ignoreCase, test.values])).toEqual([
      ["hdr", "upgrade", "str", true, ["websocket"]],
      ["hdr_beg", "connection", "beg", true, ["upgrade"]],
    ]);
  });

  it("reads anonymous ACLs and the alternatives of a condition", () => {
    const anonymous = ws!.condition!.terms[1]!;
    expect(anonymous.acl).toBeNull();
    expect(anonymous.tests.map((test) => [test.fetch, test.readsPath, test.values])).toEqual([["path", true, ["/ws"]]]);
    expect(ws!.condition!.node.alternatives).toHaveLength(2);
  });

  it("resolves predefined ACLs", () => {
    const [method, paths] = api!.condition!.terms;
    expect(method).toMatchObject({ predefined: true, acl: null, tests: [] });
    expect(paths!.tests[0]!.values).toEqual(["/api/", "/v2/api"]);
  });

  it("keeps each proxy's ACLs to itself", () => {
    const listenAcl = named(model, "li_self").acls.get("is_ws")!;
    expect(listenAcl.declarations).toHaveLength(1);
    expect(listenAcl).not.toBe(frontend.acls.get("is_ws"));
  });
});
