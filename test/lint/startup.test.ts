// What a lint run loads: each dialect's parser, model and rules only for files of that dialect,
// the config validator (zod) only when a config file applies, the fixer's writer only with --fix.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BROKEN_HAPROXY, BROKEN_NGINX, REPOSITORY, scratchCopy, wslint } from "./helpers.js";

/**
 * The source modules (paths below the repository, or package names) one CLI run loads. The built
 * CLI is bundled: each file it loads is expanded into the modules its source map lists.
 */
function loadedModules(args: readonly string[], cwd = REPOSITORY): string[] {
  const log = join(scratchCopy(), "imports.log");
  writeFileSync(log, "");
  const run = wslint(args, { cwd, env: { WSLINT_IMPORT_LOG: log, NODE_OPTIONS: `--import=${join(REPOSITORY, "test/lint/record-imports.mjs")}` } });
  expect(run.status, run.stderr).not.toBe(2);
  const modules = readFileSync(log, "utf8")
    .split("\n")
    .filter((url) => url.startsWith("file://"))
    .flatMap((url) => sourcesOf(fileURLToPath(url)))
    .map((path) => {
      const packageName = /\/node_modules\/([^/]+)\//.exec(path);
      return packageName === null ? path.slice(REPOSITORY.length + 1) : packageName[1]!;
    });
  rmSync(log);
  return [...new Set(modules)];
}

/** The absolute paths of the modules bundled into `file`, or `file` itself when it has no map. */
function sourcesOf(file: string): string[] {
  const map = `${file}.map`;
  if (!existsSync(map)) return [file];
  const { sources } = JSON.parse(readFileSync(map, "utf8")) as { sources: string[] };
  return sources.map((source) => resolve(dirname(map), source));
}

describe("lazy loading", () => {
  it("an nginx file loads the nginx parser, model and rules, and nothing of HAProxy, zod, the writer or other formats", () => {
    const modules = loadedModules(["lint", `${BROKEN_NGINX}/nginx.conf`]);
    expect(modules).toEqual(expect.arrayContaining(["src/nginx/parse.ts", "src/nginx/model/build.ts", "rules/nginx/index.ts"]));
    expect(modules.filter((module) => /haproxy|zod|engine\/write|report\/(sarif|gitlab|json)/.test(module))).toEqual([]);
  });

  it("an HAProxy file loads nothing of the nginx parser, model and rules", () => {
    const modules = loadedModules(["lint", `${BROKEN_HAPROXY}/haproxy.cfg`]);
    expect(modules).toEqual(expect.arrayContaining(["src/haproxy/parse.ts", "rules/haproxy/index.ts"]));
    expect(modules.filter((module) => /nginx\/(parse|model)|rules\/nginx|zod/.test(module))).toEqual([]);
  });

  it("a config file brings in zod to check it; --fix brings in the writer", () => {
    const directory = scratchCopy(BROKEN_NGINX);
    writeFileSync(join(directory, "wslint.config.json"), JSON.stringify({ rules: { "nginx/ws-read-timeout": "off" } }));
    expect(loadedModules(["lint", "nginx.conf"], directory)).toContain("zod");
    expect(loadedModules(["lint", "--fix", "nginx.conf"], directory)).toContain("src/engine/write.ts");
  });
});
