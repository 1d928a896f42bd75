import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadInput, type LoadedInput } from "../../load/inputs.js";
import type { NginxConfig } from "../../load/nginx-config.js";
import type { CliOutput } from "../io.js";
import { crossplanePayload } from "./crossplane-payload.js";
import { jsonOutputValue, withoutSourceText } from "./json-output.js";
import { runParse } from "./run-parse.js";

const workDir = mkdtempSync(join(tmpdir(), "wslint-run-parse-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Strings JSON escapes: quotes, backslashes, control characters, characters outside the BMP. */
const oddNginx = join(workDir, "odd.conf");
writeFileSync(
  oddNginx,
  'http {\n    set $a "say \\"hi\\" C:\\\\dir\\\\";\n    set $b \'\u0001\u001f\t\u007f\';\n    set $c 😀𝄞\u2028;\n    # comment with "quotes" and \\ and 😀\n}\n',
);
const oddHaproxy = join(workDir, "odd.cfg");
writeFileSync(oddHaproxy, 'global\n    log "say \\"hi\\" \\x01\\x1f\\xff" local0 # 😀 "\\\n    setenv X \'C:\\dir\' 𝄞\n');

const filesIn = (directory: string) =>
  readdirSync(directory, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(directory, entry.name));

const nginxFiles = ["fixtures/examples/nginx/nginx.conf", ...filesIn("fixtures/nginx/syntax"), ...filesIn("fixtures/nginx/syntax/bad"), oddNginx];
const haproxyFiles = ["fixtures/examples/haproxy/haproxy.cfg", ...filesIn("fixtures/haproxy/syntax"), oddHaproxy];

function capturedOutput(): CliOutput & { stdout: string } {
  const output = {
    stdout: "",
    out: (text: string) => void (output.stdout += text),
    err: () => {},
    outDrained: () => Promise.resolve(),
  };
  return output;
}

async function loadAll(files: readonly string[]): Promise<LoadedInput[]> {
  return Promise.all(files.map((file) => loadInput(file, { followIncludes: true })));
}

describe("runParse output", () => {
  it("prints --format json as JSON.stringify printed the same trees, for both dialects", async () => {
    for (const file of [...nginxFiles, ...haproxyFiles]) {
      const output = capturedOutput();
      await runParse([file], { format: "json" }, output);
      const expected = JSON.stringify(jsonOutputValue(await loadAll([file])), withoutSourceText);
      expect(output.stdout, file).toBe(`${expected}\n`);
    }
    const output = capturedOutput();
    await runParse([...nginxFiles, ...haproxyFiles], { format: "json" }, output);
    const expected = JSON.stringify(jsonOutputValue(await loadAll([...nginxFiles, ...haproxyFiles])), withoutSourceText);
    expect(output.stdout).toBe(`${expected}\n`);
  });

  it("prints --format crossplane as JSON.stringify printed the same payload, with and without comments", async () => {
    const configs = (await loadAll(nginxFiles)).map((input) => (input as { config: NginxConfig }).config);
    for (const comments of [false, true]) {
      const output = capturedOutput();
      await runParse(nginxFiles, { format: "crossplane", comments }, output);
      expect(output.stdout).toBe(`${JSON.stringify(crossplanePayload(configs, { comments }))}\n`);
    }
  });

  it("waits for stdout to drain after each chunk before writing the next", async () => {
    const large = join(workDir, "large.conf");
    const servers = Array.from({ length: 300 }, (_, index) => `    server {\n        listen ${index};\n    }\n`);
    writeFileSync(large, `http {\n${servers.join("")}}\n`);
    const events: string[] = [];
    let draining = false;
    const output: CliOutput = {
      out: (text) => {
        expect(draining, "out() called before the last chunk drained").toBe(false);
        events.push(text === "\n" ? "newline" : "chunk");
        draining = true;
      },
      err: () => {},
      outDrained: () =>
        new Promise((resolve) =>
          setTimeout(() => {
            draining = false;
            events.push("drained");
            resolve();
          }, 1),
        ),
    };
    await runParse([large], { format: "json" }, output);
    const chunks = events.filter((event) => event === "chunk").length;
    expect(chunks).toBeGreaterThan(2);
    expect(events).toEqual([...Array.from({ length: chunks }, () => ["chunk", "drained"]).flat(), "newline"]);
  });
});
