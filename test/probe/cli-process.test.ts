// `wslint probe` through the built executable (npm test builds it first), against the real echo
// backend: exit codes and output as a user sees them.
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKEND_ENDPOINT, startWebSocketBackend, type WebSocketBackend } from "./websocket-backend.js";

const CLI = "dist/src/cli/main.js";

/** Asynchronous on purpose: the backend runs in this process and must keep answering. */
function wslintProbe(args: string[]): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, "probe", ...args], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe("wslint probe (the executable)", () => {
  let backend: WebSocketBackend;
  let goodUrl: string;
  beforeAll(async () => {
    backend = await startWebSocketBackend();
    goodUrl = `${backend.url}${BACKEND_ENDPOINT}`;
  });
  afterAll(() => backend.stop());

  it("exits 0 when every check passes", async () => {
    const run = await wslintProbe([goodUrl, "--send", "hi", "--expect", "^hi$", "--hold", "300ms", "--ping", "100ms"]);
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`✓ ${goodUrl}`);
  });

  it("exits 1 when a check fails, and the JSON says which", async () => {
    const run = await wslintProbe([`${backend.url}/not-the-endpoint`, "--format", "json"]);
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; results: Array<{ response: { status: number } }> };
    expect(report.ok).toBe(false);
    expect(report.results[0]?.response.status).toBe(404);
  });

  // GOOD_URL stands for the backend's URL, known only once it runs.
  it.each([
    ["a bad URL", ["notaurl"]],
    ["a bad duration", ["GOOD_URL", "--hold", "ten seconds"]],
    ["bad header syntax", ["GOOD_URL", "-H", "Authorization Bearer s3cret"]],
    ["an unknown option", ["GOOD_URL", "--no-such-option"]],
    ["no URL at all", []],
  ])("exits 2 for %s with a message and no stack trace", async (_case, args) => {
    const requestsBefore = backend.requests.length;
    const run = await wslintProbe(args.map((arg) => (arg === "GOOD_URL" ? goodUrl : arg)));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).not.toBe("");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain("s3cret");
    expect(run.stdout).toBe("");
    expect(backend.requests.length).toBe(requestsBefore);
  });

  it("redacts credentials in text and JSON output", async () => {
    const secret = `s3cret-${Math.random()}`;
    for (const format of ["text", "json"]) {
      const run = await wslintProbe([goodUrl, "-H", `Authorization: Bearer ${secret}`, "-H", `Cookie: id=${secret}`, "--format", format]);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).not.toContain(secret);
    }
    expect(backend.requests.at(-1)?.headers.authorization).toBe(`Bearer ${secret}`);
  });
});
