import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FIXTURE_ROOT, modelOfFixture, modelOfText } from "../../../fixtures/haproxy/model/load-fixture.js";
import type { HaproxyModel, ProxyModel } from "./index.js";

const FIXTURE = `${FIXTURE_ROOT}/inheritance/defaults.cfg`;
const lines = readFileSync(FIXTURE, "utf8").split("\n");
const lineOf = (text: string) => lines.findIndex((line) => line.trimEnd().endsWith(text)) + 1;
const SECOND = 1000;
const HOUR = 3600 * SECOND;

function proxy(model: HaproxyModel, kind: string, name: string | null, nth = 0): ProxyModel {
  const found = model.proxies.filter((candidate) => candidate.kind === kind && candidate.name === name)[nth];
  if (found === undefined) throw new Error(`no ${kind} ${name}`);
  return found;
}

describe("which defaults section a proxy copies", () => {
  const model = modelOfFixture("inheritance/defaults.cfg");
  const firstDefaults = proxy(model, "defaults", null, 0);
  const fromTcpBase = proxy(model, "defaults", null, 1);

  it("takes the last defaults section above it when it names none", () => {
    expect(proxy(model, "frontend", "fe_first").defaults).toBe(firstDefaults);
    expect(proxy(model, "backend", "be_first").defaults).toBe(firstDefaults);
    expect(proxy(model, "backend", "be_first").defaultsReference).toBe("implicit");
  });

  it("takes a named defaults section implicitly too, as HAProxy does", () => {
    expect(proxy(model, "frontend", "fe_after_named").defaults).toBe(proxy(model, "defaults", "edge"));
  });

  it("follows from NAME, and chains defaults sections that name another", () => {
    const chained = proxy(model, "backend", "be_chained");
    expect(chained.defaultsReference).toBe("from");
    expect(chained.defaultsChain.map((section) => section.name)).toEqual(["chained", "web"]);
    expect(proxy(model, "backend", "be_last").defaultsChain).toEqual([fromTcpBase, proxy(model, "defaults", "tcp_base")]);
  });

  it("marks a from that names no defaults section above (HAProxy refuses it)", () => {
    const text = "backend early from later\n    server s 127.0.0.1:1\ndefaults later\n    mode http\n";
    const early = modelOfText(text).proxies[0]!;
    expect(early).toMatchObject({ defaults: null, defaultsReference: "from" });
    expect(early.effectiveMode().value).toBeNull();
  });

  it("starts a defaults section without from from nothing, whatever stands above it", () => {
    expect(proxy(model, "defaults", "web").defaults).toBeNull();
    expect(proxy(model, "defaults", "web").defaultsReference).toBeNull();
  });

  it("carries the last defaults section from one file to the next", () => {
    const multi = modelOfFixture(["multi-file/10-defaults.cfg", "multi-file/20-proxies.cfg"]);
    const [defaults, frontend] = multi.proxies;
    expect(frontend!.file).not.toBe(defaults!.file);
    expect(frontend!.defaults).toBe(defaults);
    expect(frontend!.effectiveTimeout("client").value).toBe(25 * SECOND);
  });
});

describe("effective timeouts and where they come from", () => {
  const model = modelOfFixture("inheritance/defaults.cfg");

  it("inherits through a chain of defaults and names the section and line that set it", () => {
    const tunnel = proxy(model, "backend", "be_chained").effectiveTimeout("tunnel");
    expect(tunnel.value).toBe(4 * HOUR);
    expect(tunnel.inherited).toBe(true);
    expect(tunnel.section).toBe(proxy(model, "defaults", "chained"));
    expect(tunnel.describe()).toBe(`timeout tunnel is set in defaults 'chained' at ${FIXTURE}:${lineOf("timeout tunnel 4h")}`);
    const client = proxy(model, "backend", "be_chained").effectiveTimeout("connect");
    expect(client.section).toBe(proxy(model, "defaults", "web"));
  });

  it("describes the unnamed defaults section", () => {
    const tunnel = proxy(model, "backend", "be_first").effectiveTimeout("tunnel");
    expect(tunnel.value).toBe(HOUR);
    expect(tunnel.describe()).toBe(
      `timeout tunnel is set in the unnamed defaults section at ${FIXTURE}:${lineOf("timeout tunnel 1h")}`,
    );
  });

  it("prefers the proxy's own statement, with a bare number in milliseconds", () => {
    const server = proxy(model, "backend", "be_first").effectiveTimeout("server");
    expect(server.value).toBe(45 * SECOND);
    expect(server.inherited).toBe(false);
    expect(server.statement?.node.start.line).toBe(lineOf("timeout server 45000"));
  });

  it("copies only the client-side timeouts into a frontend, and ignores server-side ones there", () => {
    const frontend = proxy(model, "frontend", "fe_first");
    expect(frontend.effectiveTimeout("client").value).toBe(30 * SECOND);
    expect(frontend.effectiveTimeout("client-fin").value).toBe(10 * SECOND);
    expect(frontend.effectiveTimeout("server-fin")).toMatchObject({ value: null, applies: false, isSet: false });
    const tunnel = frontend.effectiveTimeout("tunnel");
    expect(tunnel).toMatchObject({ value: 2 * HOUR, applies: false, inherited: false });
  });

  it("copies only the server-side timeouts into a backend", () => {
    const backend = proxy(model, "backend", "be_first");
    expect(backend.effectiveTimeout("client")).toMatchObject({ value: null, applies: false });
    expect(backend.effectiveTimeout("server-fin").value).toBe(10 * SECOND);
    expect(backend.effectiveTimeout("http-request").value).toBe(1);
    expect(backend.effectiveTimeout("check").value).toBe(1500);
  });

  it("follows an unnamed defaults section that names its own", () => {
    const last = proxy(model, "backend", "be_last");
    expect(last.effectiveTimeout("server").value).toBe(20 * SECOND);
    expect(last.effectiveTimeout("connect").value).toBe(3 * SECOND);
    expect(last.effectiveTimeout("queue").value).toBe(2 * 24 * HOUR);
    expect(last.effectiveMode().value).toBe("tcp");
    expect(last.effectiveTimeout("tunnel")).toMatchObject({ value: null, statement: null, isSet: false });
    expect(last.effectiveTimeout("tunnel").describe()).toBe("timeout tunnel is not set");
  });

  it("treats zero as no timeout and reports values HAProxy refuses", () => {
    const zero = modelOfText("backend b\n    timeout tunnel 0\n    timeout server 1.5s\n").proxies[0]!;
    expect(zero.effectiveTimeout("tunnel")).toMatchObject({ value: 0, isSet: false, error: null });
    expect(zero.effectiveTimeout("server").value).toBeNull();
    expect(zero.effectiveTimeout("server").error).toMatch(/unexpected character '\.'/);
  });
});

describe("mode, HTTP connection mode and default_backend", () => {
  const model = modelOfFixture("inheritance/defaults.cfg");

  it("inherits the mode and the connection option from defaults", () => {
    const frontend = proxy(model, "frontend", "fe_first");
    expect(frontend.effectiveMode().value).toBe("http");
    expect(frontend.isHttpMode()).toBe(true);
    expect(frontend.httpConnectionMode()).toMatchObject({ value: "server-close", inherited: true });
  });

  it("goes back to keep-alive on `no option` of the mode in force", () => {
    const chained = proxy(model, "backend", "be_chained").httpConnectionMode();
    expect(chained.value).toBeNull();
    expect(chained.statement?.node.start.line).toBe(lineOf("no option httpclose"));
  });

  it("leaves the mode alone on `no option` of another mode", () => {
    const text = "defaults\n    option httpclose\nbackend b\n    no option http-server-close\n";
    expect(modelOfText(text).proxies[1]!.httpConnectionMode().value).toBe("close");
  });

  it("routes a frontend to the default_backend of its defaults section", () => {
    const frontend = proxy(model, "frontend", "fe_after_named");
    const fallback = frontend.defaultBackend();
    expect(fallback).toMatchObject({ value: "be_first", inherited: true, section: proxy(model, "defaults", "edge") });
    expect(frontend.routesOut).toHaveLength(1);
    expect(frontend.routesOut[0]).toMatchObject({ kind: "default_backend", to: proxy(model, "backend", "be_first") });
    expect(proxy(model, "backend", "be_first").routesIn.map((route) => route.from.name)).toEqual(["fe_first", "fe_after_named"]);
  });
});
