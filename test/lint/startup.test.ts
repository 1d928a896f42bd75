// What a lint run loads: each dialect's parser, model and rules only for files of that dialect,
// the config validator (zod) only when a config file applies, the fixer's writer only with --fix.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BROKEN_HAPROXY, BROKEN_NGINX, REPOSITORY, scratchCopy, wslint } from "./helpers.js";

/** The modules (paths below the repository, or package names) one CLI run loads. */
function loadedModules(args: readonly string[], cwd = REPOSITORY): string[] {
  const log = join(scratchCopy(), "imports.log");
  writeFileSync(log, "");
  const run = wslint(args, { cwd, env: { WSLINT_IMPORT_LOG: log, NODE_OPTIONS: `--import=${join(REPOSITORY, "test/lint/record-imports.mjs")}` } });
  expect(run.status, run.stderr).not.toBe(2);
  const modules = readFileSync(log, "utf8")
    .split("\n")
    .filter((url) => url.startsWith("file://"))
    .map((url) => {
      const path = new URL(url).pathname;
      const packageName = /\/node_modules\/([^/]+)\//.exec(path);
      return packageName === null ? path.slice(REPOSITORY.length + 1) : packageName[1]!;
    });
  rmSync(log);
  return modules;
}

describe("lazy loading", () => {
  it("an nginx file loads the nginx parser, model and rules, and nothing of HAProxy, zod, the writer or other formats", () => {
    const modules = loadedModules(["lint", `${BROKEN_NGINX}/nginx.conf`]);
    expect(modules).toEqual(expect.arrayContaining(["dist/src/nginx/parse.js", "dist/src/nginx/model/build.js", "dist/rules/nginx/index.js"]));
    expect(modules.filter((module) => /haproxy|zod|engine\/write|report\/(sarif|gitlab|json)/.test(module))).toEqual([]);
  });

  it("an HAProxy file loads nothing of the nginx parser, model and rules", () => {
    const modules = loadedModules(["lint", `${BROKEN_HAPROXY}/haproxy.cfg`]);
    expect(modules).toEqual(expect.arrayContaining(["dist/src/haproxy/parse.js", "dist/rules/haproxy/index.js"]));
    expect(modules.filter((module) => /nginx\/(parse|model)|rules\/nginx|zod/.test(module))).toEqual([]);
  });

  it("a config file brings in zod to check it; --fix brings in the writer", () => {
    const directory = scratchCopy(BROKEN_NGINX);
    writeFileSync(join(directory, "wslint.config.json"), JSON.stringify({ rules: { "nginx/ws-read-timeout": "off" } }));
    expect(loadedModules(["lint", "nginx.conf"], directory)).toContain("zod");
    expect(loadedModules(["lint", "--fix", "nginx.conf"], directory)).toContain("dist/src/engine/write.js");
  });
});
