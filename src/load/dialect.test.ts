import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dialectFromContent, dialectFromFileName } from "./dialect.js";

describe("dialectFromFileName", () => {
  it("reads the extension", () => {
    expect(dialectFromFileName("/etc/lb/main.cfg")).toBe("haproxy");
    expect(dialectFromFileName("sites/app.conf")).toBe("nginx");
    expect(dialectFromFileName("notes.txt")).toBeNull();
  });

  it("lets a name starting with haproxy or nginx win over the extension", () => {
    expect(dialectFromFileName("/etc/haproxy/haproxy.conf")).toBe("haproxy");
    expect(dialectFromFileName("nginx-site.cfg")).toBe("nginx");
    expect(dialectFromFileName("HAProxy-edge")).toBe("haproxy");
  });
});

describe("dialectFromContent", () => {
  it("recognises the bundled examples", () => {
    expect(dialectFromContent(readFileSync("fixtures/examples/haproxy/haproxy.cfg", "utf8"))).toBe("haproxy");
    expect(dialectFromContent(readFileSync("fixtures/examples/nginx/nginx.conf", "utf8"))).toBe("nginx");
  });

  it("tells HAProxy's listen NAME from nginx's listen PORT;", () => {
    expect(dialectFromContent("listen stats\n    bind :8404\n")).toBe("haproxy");
    expect(dialectFromContent("server {\n    listen 80;\n}\n")).toBe("nginx");
  });

  it("is not fooled by an nginx upstream named backend", () => {
    expect(dialectFromContent("upstream backend {\n    server 127.0.0.1:80;\n}\n")).toBe("nginx");
  });

  it("gives up on text with no signal", () => {
    expect(dialectFromContent("worker_processes 1;\n")).toBeNull();
    expect(dialectFromContent("")).toBeNull();
  });
});
