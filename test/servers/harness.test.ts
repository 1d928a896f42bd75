// The harness itself, against the real servers: a test that trusts a harness which cannot tell a
// good config from a bad one, or leaves servers running, proves nothing.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { get } from "node:http";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import {
  describeWithHaproxy,
  describeWithNginx,
  haproxyCheck,
  nginxTest,
  startHaproxy,
  startNginx,
} from "./index.js";
import { isRunning } from "./processes.js";
import { makeScratchRoot, recordProcessGroup, sweepScratchRoot } from "./scratch.js";

function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // A new connection each time: Node's default agent keeps connections alive, and one kept from
    // before a reload may be closed by the old worker just as the next request is written on it.
    get(url, { agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve(body));
    }).on("error", reject);
  });
}

/** A connection in the middle of its request headers: a worker must keep serving it after a reload. */
function halfOpenRequest(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.write("GET / HTTP/1.1\r\nHost: held\r\n");
      resolve(socket);
    });
    socket.on("error", reject);
  });
}

function answering(port: number, body: string): string {
  return `server {\n    listen 127.0.0.1:${port};\n    location / {\n        return 200 "${body}";\n    }\n}\n`;
}

describeWithNginx("nginxTest", () => {
  it("accepts a whole nginx.conf in the main context", async () => {
    const result = await nginxTest({ text: "events {}\nhttp {\n    server_tokens off;\n}\n" });
    expect(result).toMatchObject({ ok: true, context: "main" });
  });

  it("wraps an http fragment and a server fragment", async () => {
    expect(await nginxTest({ text: "upstream app {\n    server 127.0.0.1:9;\n}\n" })).toMatchObject({ ok: true, context: "http" });
    expect(await nginxTest({ text: "location /ws {\n    proxy_pass http://127.0.0.1:9;\n}\n" })).toMatchObject({
      ok: true,
      context: "server",
    });
  });

  it("reports a syntax error on the fragment's own line", async () => {
    const text = "server {\n    listen 8080;\n    location / {\n        return 200\n    }\n}\n";
    const result = await nginxTest({ text });
    expect(result.ok).toBe(false);
    expect(result.context).toBe("http");
    expect(result.line).toBe(5);
    expect(result.message).toBe('unexpected "}"');
  });

  it("reports where an unterminated block ends", async () => {
    const result = await nginxTest({ text: "events {}\nhttp {\n    server {\n" });
    expect(result).toMatchObject({ ok: false, context: "main", line: 4 });
    expect(result.message).toMatch(/^unexpected end of file/);
  });
});

describeWithHaproxy("haproxyCheck", () => {
  it("accepts a valid config, even one without a listener", async () => {
    expect((await haproxyCheck({ text: "backend app\n    server s1 127.0.0.1:9\n" })).ok).toBe(true);
  });

  it("reports the line of an unmatched quote", async () => {
    const text = 'frontend web\n    bind 127.0.0.1:8080\n    acl ws hdr(upgrade) "websocket\n';
    const result = await haproxyCheck({ text });
    expect(result).toMatchObject({ ok: false, line: 3 });
    expect(result.message).toMatch(/^unmatched quote/);
  });
});

describeWithNginx("startNginx", () => {
  it("serves the config, reloads a new one, keeps the old one when nginx refuses, and stops", async () => {
    const server = await startNginx((port) => answering(port, "first"));
    expect(await fetchText(server.url)).toBe("first");

    await server.reload((port) => answering(port, "second"));
    expect(await fetchText(server.url)).toBe("second");

    await expect(server.reload((port) => answering(port, "third").replace(";\n    location", "\n    location"))).rejects.toThrow(
      /refused the reloaded config/,
    );
    expect(await fetchText(server.url)).toBe("second");

    const master = Number(/(\d+)#\d+: start worker processes/.exec(server.log())?.[1]);
    const workers = [...server.log().matchAll(/start worker process (\d+)/g)].map((match) => Number(match[1]));
    await server.stop();
    expect([master, ...workers].filter(isRunning)).toEqual([]);
  });
});

describeWithNginx("startNginx reloading while old workers drain", () => {
  it("reloads again while a worker of the first config still serves an open connection", async () => {
    const server = await startNginx((port) => answering(port, "first"));
    const held = await halfOpenRequest(server.port);
    await server.reload((port) => answering(port, "second"));
    await server.reload((port) => answering(port, "third"));
    expect(await fetchText(server.url)).toBe("third");
    held.destroy();
  });
});

describeWithNginx("startNginx with a whole nginx.conf", () => {
  const wholeConfig = (body: string) => (port: number) =>
    `worker_processes 2;\nevents {}\nhttp {\n    access_log off;\n${answering(port, body)}}\n`;

  it("runs it in the main context and reloads every worker", async () => {
    const server = await startNginx(wholeConfig("one"));
    expect(await fetchText(server.url)).toBe("one");
    await server.reload(wholeConfig("two"));
    // Several requests, so that each worker gets a chance to answer: none may serve the old config.
    const answers = await Promise.all(Array.from({ length: 8 }, () => fetchText(server.url)));
    expect(new Set(answers)).toEqual(new Set(["two"]));
  });
});

describeWithHaproxy("startHaproxy", () => {
  const config = (body: string) => (port: number) =>
    `defaults\n    mode http\n    timeout connect 1s\n    timeout client 5s\n    timeout server 5s\n\n` +
    `frontend web\n    bind 127.0.0.1:${port}\n    http-request return status 200 content-type text/plain string "${body}"\n`;

  it("serves the config, reloads a new one, keeps the old one when HAProxy refuses, and stops", async () => {
    const server = await startHaproxy(config("first"));
    expect(await fetchText(server.url)).toBe("first");

    await server.reload(config("second"));
    expect(await fetchText(server.url)).toBe("second");

    await expect(server.reload(config('unterminated "'))).rejects.toThrow(/refused the reloaded config/);
    expect(await fetchText(server.url)).toBe("second");

    const processes = [...server.log().matchAll(/\((\d+)\)/g)].map((match) => Number(match[1]));
    await server.stop();
    expect([...new Set(processes)].filter(isRunning)).toEqual([]);
  });

  it("reloads again while a worker of the first config still serves an open connection", async () => {
    const server = await startHaproxy(config("first"));
    const held = await halfOpenRequest(server.port);
    await server.reload(config("second"));
    await server.reload(config("third"));
    expect(await fetchText(server.url)).toBe("third");
    held.destroy();
  });
});

describeWithNginx("servers nobody stops", () => {
  let leftRunning: number | undefined;

  it("are stopped when the test that started them ends", async () => {
    const server = await startNginx((port) => answering(port, "forgotten"));
    leftRunning = Number(/(\d+)#\d+: start worker processes/.exec(server.log())?.[1]);
    expect(isRunning(leftRunning)).toBe(true);
  });

  it("(checked by the next test)", () => {
    expect(leftRunning).toBeDefined();
    expect(isRunning(leftRunning!)).toBe(false);
  });
});

describe("the end-of-run sweep", () => {
  it("kills a process group a crashed worker left in the scratch root, and reports it", async () => {
    const root = makeScratchRoot();
    const serverDir = join(root, "nginx-leaked");
    mkdirSync(serverDir);
    const leaked = spawn("sleep", ["60"], { detached: true, stdio: "ignore" });
    recordProcessGroup(serverDir, leaked.pid!);
    const quietDir = join(root, "nginx-stopped");
    mkdirSync(quietDir);

    expect(sweepScratchRoot(root)).toEqual([serverDir]);
    await vi.waitFor(() => expect(isRunning(leaked.pid!)).toBe(false));
  });
});
