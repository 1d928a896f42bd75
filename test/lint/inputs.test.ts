// What lint reads: standard input, nginx -T dumps, directories (main files chosen by their
// includes), ignore globs, and the include options.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findServer, describeWithNginx } from "../servers/index.js";
import { BROKEN_HAPROXY, BROKEN_NGINX, lintJson, NGINX_WITH_INCLUDES, REPOSITORY, ruleIdsIn, scratchCopy, wslint } from "./helpers.js";

describe("standard input", () => {
  it("is linted under --stdin-filename, which also names its dialect", () => {
    const text = readFileSync(join(BROKEN_NGINX, "conf.d/chat.conf"), "utf8");
    const { run, results } = lintJson(["--stdin-filename", "edge/chat.conf", "-"], { stdin: text });
    expect(run.status).toBe(1);
    expect(results.map((result) => result.filePath)).toEqual([resolve(REPOSITORY, "edge/chat.conf")]);
    expect(ruleIdsIn(results, "edge/chat.conf")).toContain("nginx/ws-upgrade-header");
  });
});

describeWithNginx("an nginx -T dump on standard input", () => {
  it("is read as the files it holds: findings name the original files and lines", () => {
    const main = resolve(BROKEN_NGINX, "nginx.conf");
    const dump = spawnSync(findServer("nginx")!, ["-T", "-c", main], { encoding: "utf8" });
    expect(dump.status).toBe(0);
    const fromDump = lintJson(["-"], { stdin: dump.stderr + dump.stdout }).results;
    const fromDisk = lintJson([main]).results;
    const chat = resolve(BROKEN_NGINX, "conf.d/chat.conf");
    expect(fromDump.map((result) => result.filePath).sort()).toEqual([chat, main]);
    const positions = (results: typeof fromDisk) =>
      results.flatMap((result) => result.messages.map((message) => [result.filePath, message.ruleId, message.line, message.column]));
    expect(positions(fromDump)).toEqual(positions(fromDisk));
  });
});

describe("directories", () => {
  it("lint each main file with its includes, and an included file only through them", () => {
    const { results } = lintJson([NGINX_WITH_INCLUDES]);
    // Linted alone, sites/chat.conf would also lack the map nginx.conf defines for it.
    expect(ruleIdsIn(results, "sites/chat.conf")).toEqual(["nginx/ws-upgrade-header"]);
    expect(ruleIdsIn(results, "standalone.conf")).toEqual(["nginx/ws-http-version"]);
    expect(results.map((result) => result.filePath.slice(resolve(NGINX_WITH_INCLUDES).length + 1)).sort()).toEqual([
      "nginx.conf",
      "sites/chat.conf",
      "standalone.conf",
    ]);
    const alone = lintJson(["--no-find-main-file", join(NGINX_WITH_INCLUDES, "sites/chat.conf")]).results;
    expect(ruleIdsIn(alone, "sites/chat.conf").length).toBeGreaterThan(1);
  });

  it("skip node_modules, .git and files that are not *.conf or *.cfg", () => {
    const directory = scratchCopy(NGINX_WITH_INCLUDES);
    const broken = "http {\n";
    for (const skipped of ["node_modules/x.conf", ".git/y.conf", "notes.txt"]) {
      mkdirSync(join(directory, skipped, ".."), { recursive: true });
      writeFileSync(join(directory, skipped), broken);
    }
    const { results } = lintJson([directory]);
    expect(results).toHaveLength(3);
  });

  it("honour the ignore globs of wslint.config.json, relative to its directory", () => {
    const directory = scratchCopy(NGINX_WITH_INCLUDES);
    writeFileSync(join(directory, "wslint.config.json"), JSON.stringify({ ignore: ["standalone.conf"] }));
    const linted = [join(directory, "nginx.conf"), join(directory, "sites/chat.conf")];
    for (const [cwd, path] of [[REPOSITORY, directory], [join(directory, "sites"), ".."]] as const) {
      const { results } = lintJson([path], { cwd });
      expect(results.map((result) => result.filePath).sort(), `from ${cwd}`).toEqual(linted);
    }
    // A file named on the command line is linted all the same.
    expect(ruleIdsIn(lintJson([join(directory, "standalone.conf")]).results, "standalone.conf")).toEqual(["nginx/ws-http-version"]);
    expect(ruleIdsIn(lintJson([directory, join(directory, "standalone.conf")]).results, "standalone.conf")).toEqual(["nginx/ws-http-version"]);
  });
});

describe("both dialects", () => {
  it("lint in one run, each file by the dialect its name says", () => {
    const { results } = lintJson([BROKEN_NGINX, BROKEN_HAPROXY]);
    expect(ruleIdsIn(results, "conf.d/chat.conf").every((id) => id!.startsWith("nginx/"))).toBe(true);
    const haproxy = ruleIdsIn(results, "haproxy.cfg");
    expect(haproxy.length).toBeGreaterThan(0);
    expect(haproxy.every((id) => id!.startsWith("haproxy/"))).toBe(true);
    const forced = lintJson(["--dialect", "haproxy", "--stdin-filename", "lb.txt", "-"], { stdin: readFileSync(join(BROKEN_HAPROXY, "haproxy.cfg"), "utf8") });
    expect(ruleIdsIn(forced.results, "lb.txt")).toEqual(haproxy);
  });
});

describe("include options", () => {
  it("--prefix and --include-map find includes written for another machine", () => {
    const directory = scratchCopy(NGINX_WITH_INCLUDES);
    const main = join(directory, "nginx.conf");
    writeFileSync(main, readFileSync(main, "utf8").replace("include sites/*.conf;", "include /etc/nginx/sites/*.conf;"));
    const unmapped = lintJson([main]).results;
    expect(ruleIdsIn(unmapped, "sites/chat.conf")).toEqual([]);
    const mapped = lintJson(["--include-map", `/etc/nginx=${directory}`, main]).results;
    expect(ruleIdsIn(mapped, "sites/chat.conf")).toEqual(["nginx/ws-upgrade-header"]);
  });
});
