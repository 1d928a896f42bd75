// `wslint probe` as the CLI runs it: option parsing, exit codes, both output formats and
// redaction in them, against the real echo backend.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProbeCli, type ProbeCliOptions } from "../../src/probe/run-probe-cli.js";
import { BACKEND_ENDPOINT, startWebSocketBackend, type WebSocketBackend } from "./websocket-backend.js";

async function run(urls: string[], options: ProbeCliOptions = {}) {
  let stdout = "";
  let stderr = "";
  const exitCode = await runProbeCli(urls, options, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { exitCode, stdout, stderr };
}

let backend: WebSocketBackend;
let goodUrl: string;
let refusedUrl: string;
beforeAll(async () => {
  backend = await startWebSocketBackend();
  goodUrl = `${backend.url}${BACKEND_ENDPOINT}`;
  const gone = await startWebSocketBackend();
  await gone.stop();
  refusedUrl = `${gone.url}${BACKEND_ENDPOINT}`;
});
afterAll(() => backend.stop());

describe("exit codes", () => {
  it("is 0 when every URL passes every check", async () => {
    const { exitCode, stdout } = await run([goodUrl, goodUrl], { send: "x", expect: "^x$", hold: "200ms", ping: "50ms" });
    expect(exitCode).toBe(0);
    expect(stdout).toContain("2 of 2 URLs passed");
  });

  it("is 1 when one URL fails a check", async () => {
    const { exitCode, stdout } = await run([goodUrl, refusedUrl]);
    expect(exitCode).toBe(1);
    expect(stdout).toContain("1 of 2 URLs passed");
  });

  it.each<[string, string[], ProbeCliOptions, RegExp]>([
    ["a bad URL", ["not a url"], {}, /not a URL/],
    ["a bad scheme", ["ftp://example.com/"], {}, /scheme/],
    ["a bad duration", ["ws://127.0.0.1/"], { hold: "10x" }, /--hold: "10x" is not a duration/],
    ["a bad timeout", ["ws://127.0.0.1/"], { timeout: "soon" }, /--timeout/],
    ["bad header syntax", ["ws://127.0.0.1/"], { header: ["NoColonHere"] }, /--header: expected "Name: value"/],
    ["--ping without --hold", ["ws://127.0.0.1/"], { ping: "1s" }, /--ping needs --hold/],
    ["a bad --resolve", ["ws://127.0.0.1/"], { resolve: ["example.com:443"] }, /--resolve/],
    ["a bad --format", ["ws://127.0.0.1/"], { format: "xml" }, /--format/],
    ["a bad --expect", ["ws://127.0.0.1/"], { expect: "(" }, /--expect/],
    ["an unreadable --ca", ["ws://127.0.0.1/"], { ca: "/nonexistent/ca.pem" }, /--ca: cannot read \/nonexistent\/ca\.pem: ENOENT/],
  ])("is 2 for %s, with a clear message and no stack trace", async (_case, urls, options, message) => {
    const requestsBefore = backend.requests.length;
    const { exitCode, stdout, stderr } = await run([goodUrl, ...urls], options);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/^wslint probe: /);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe("");
    // Usage is checked before anything is probed.
    expect(backend.requests.length).toBe(requestsBefore);
  });
});

describe("output", () => {
  const secret = `Bearer ${Math.random()}`;

  it("prints one line per check with a mark, the timings and the diagnosis", async () => {
    const { stdout } = await run([goodUrl, refusedUrl], { header: [`Authorization: ${secret}`] });
    const lines = stdout.split("\n");
    expect(lines).toContain(`✓ ${goodUrl}`);
    expect(lines).toContain(`✗ ${refusedUrl}`);
    expect(lines.filter((line) => /^ {2}✓ status +101 Switching Protocols$/.test(line))).toHaveLength(1);
    expect(lines.some((line) => /^ {2}✗ TCP connect +.*ECONNREFUSED/.test(line))).toBe(true);
    expect(lines.some((line) => /^ {2}→ Connection refused/.test(line))).toBe(true);
    expect(lines.filter((line) => line.startsWith("  timings: "))).toHaveLength(2);
    expect(stdout).not.toContain(secret);
  });

  it("prints JSON with every result, credentials redacted", async () => {
    const { stdout } = await run([goodUrl, refusedUrl], { format: "json", header: [`Authorization: ${secret}`, "Cookie: id=42"] });
    const report = JSON.parse(stdout) as { ok: boolean; results: Array<{ url: string; ok: boolean; request: { headers: unknown[] } }> };
    expect(report.ok).toBe(false);
    expect(report.results.map((result) => [result.url, result.ok])).toEqual([
      [goodUrl, true],
      [refusedUrl, false],
    ]);
    expect(report.results[0]?.request.headers).toContainEqual({ name: "Authorization", value: "[redacted]" });
    expect(stdout).not.toContain(secret);
    expect(stdout).not.toContain("id=42");
    // ...while the server did receive them.
    expect(backend.requests.at(-1)?.headers).toMatchObject({ authorization: secret, cookie: "id=42" });
  });
});
