// A fragment named on the command line (as pre-commit passes a staged file) is linted in the
// nginx.conf found including it, in its directory or above, and only its own findings are reported.
import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findingsOf, lintJson, REPOSITORY, ruleIdsIn, scratchCopy, wslint } from "./helpers.js";

const TREE = "fixtures/lint/nginx/find-main";
const ETC_NGINX = join(TREE, "etc/nginx");
const APP = "sites-enabled/app.conf";
const CHAT = "sites-enabled/chat.conf";
const LEGACY = "conf.d/legacy.conf";
const EXTRA = "sites-available/extra.conf";

/** A scratch copy of the fixture tree, made a git repository so that the search for nginx.conf stops at its root. */
function scratchRepository(fixture = TREE): string {
  const directory = scratchCopy(fixture);
  mkdirSync(join(directory, ".git"));
  return directory;
}

describe("a named nginx fragment", () => {
  it("is linted in the nginx.conf that includes it: the Debian layout, where the map is in nginx.conf, passes", () => {
    const { run, results } = lintJson([APP], { cwd: resolve(ETC_NGINX) });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(results.map((result) => result.filePath)).toEqual([resolve(ETC_NGINX, APP)]);
    expect(findingsOf(results, ETC_NGINX)).toEqual([]);
  });

  it("keeps its own problems, at its own lines", () => {
    const { run, results } = lintJson([join(ETC_NGINX, CHAT)]);
    expect(run.status).toBe(1);
    // Its map is found in nginx.conf: only the missing proxy_http_version is left.
    expect(findingsOf(results, ETC_NGINX)).toEqual([[CHAT, "nginx/ws-http-version", 5]]);
  });

  it("is not blamed for nginx.conf or the other fragments, which are reported when the directory is linted", () => {
    const named = lintJson([join(ETC_NGINX, APP)]);
    expect(named.run.status).toBe(0);
    expect(findingsOf(named.results, ETC_NGINX)).toEqual([]);

    const directory = lintJson([ETC_NGINX]);
    expect(findingsOf(directory.results, ETC_NGINX).sort()).toEqual([
      [LEGACY, "nginx/ws-upgrade-header", 5],
      ["nginx.conf", "nginx/ws-read-timeout", 15],
      [CHAT, "nginx/ws-http-version", 5],
      [EXTRA, "nginx/ws-connection-map", 10],
    ].sort());
  });

  it("named with others that share its nginx.conf: each reports its own findings, nginx.conf none", () => {
    const { results } = lintJson([join(ETC_NGINX, CHAT), join(ETC_NGINX, LEGACY), join(ETC_NGINX, APP)]);
    expect(results.map((result) => result.filePath.slice(resolve(ETC_NGINX).length + 1)).sort()).toEqual([LEGACY, APP, CHAT].sort());
    expect(findingsOf(results, ETC_NGINX).sort()).toEqual([
      [LEGACY, "nginx/ws-upgrade-header", 5],
      [CHAT, "nginx/ws-http-version", 5],
    ].sort());
  });

  it("with --no-find-main-file or nginx.findMainFile false, is linted on its own as before", () => {
    const alone = lintJson(["--no-find-main-file", join(ETC_NGINX, APP)]);
    expect(alone.run.status).toBe(1);
    expect(ruleIdsIn(alone.results, APP)).toEqual(["nginx/ws-connection-map"]);

    const directory = scratchRepository();
    writeFileSync(join(directory, "wslint.config.json"), JSON.stringify({ nginx: { findMainFile: false } }));
    const app = join(directory, "etc/nginx", APP);
    expect(ruleIdsIn(lintJson([app]).results, APP)).toEqual(["nginx/ws-connection-map"]);
    // The command line wins over the file.
    expect(lintJson(["--find-main-file", app]).run.status).toBe(0);
  });

  it("that no nginx.conf on the way up includes is linted on its own, without a note", () => {
    const { run, results } = lintJson([join(ETC_NGINX, EXTRA)]);
    expect(run.stderr).toBe("");
    expect(ruleIdsIn(results, EXTRA)).toEqual(["nginx/ws-connection-map"]);
    expect(results).toHaveLength(1);
  });

  it("reached through a symbolic link (sites-enabled/x.conf -> ../sites-available/x.conf) is linted there, under the path nginx includes", () => {
    const directory = scratchRepository();
    const etc = join(directory, "etc/nginx");
    renameSync(join(etc, CHAT), join(etc, "sites-available/chat.conf"));
    symlinkSync("../sites-available/chat.conf", join(etc, CHAT));
    const { results } = lintJson(["sites-available/chat.conf"], { cwd: etc });
    expect(findingsOf(results, etc)).toEqual([[CHAT, "nginx/ws-http-version", 5]]);
  });

  it("is looked for no higher than the root of its git repository", () => {
    const directory = scratchCopy("fixtures/lint/nginx/find-main-above-repository");
    const app = join(directory, "repository/app.conf");
    expect(lintJson([app]).run.status).toBe(0);
    mkdirSync(join(directory, "repository/.git"));
    const { run, results } = lintJson([app]);
    expect(run.stderr).toBe("");
    expect(ruleIdsIn(results, "app.conf")).toEqual(["nginx/ws-connection-map"]);
  });

  it("is linted on its own, with a note saying why, when its nginx.conf or a file it includes does not parse", () => {
    const directory = scratchRepository();
    const etc = join(directory, "etc/nginx");
    const nginxConf = join(etc, "nginx.conf");
    const text = readFileSync(nginxConf, "utf8");
    // A server block left open: nginx.conf ends inside it.
    writeFileSync(nginxConf, text.replace("    include sites-enabled/*;\n", "    server {\n    include sites-enabled/*;\n"));
    const { run, results } = lintJson([APP], { cwd: etc });
    expect(ruleIdsIn(results, APP)).toEqual(["nginx/ws-connection-map"]);
    expect(run.stderr).toMatch(/^wslint: sites-enabled\/app\.conf is linted on its own: nginx\.conf includes it, but nginx\.conf:27:1: .+\n$/);

    // A missing semicolon makes the include read nothing: wslint cannot tell whether nginx.conf includes the fragment.
    writeFileSync(nginxConf, text.replace("    include conf.d/*.conf;\n", "    include conf.d/*.conf\n"));
    const unknown = lintJson([APP], { cwd: etc });
    expect(ruleIdsIn(unknown.results, APP)).toEqual(["nginx/ws-connection-map"]);
    expect(unknown.run.stderr).toBe(
      'wslint: sites-enabled/app.conf is linted on its own: whether nginx.conf includes it is not known: nginx.conf:23:5: invalid number of arguments in "include" directive\n',
    );

    // A syntax error in another fragment would stop the rules for the whole configuration, unseen.
    const repaired = scratchRepository();
    writeFileSync(join(repaired, "etc/nginx", LEGACY), "server {\n");
    const sibling = lintJson([APP], { cwd: join(repaired, "etc/nginx") });
    expect(ruleIdsIn(sibling.results, APP)).toEqual(["nginx/ws-connection-map"]);
    expect(sibling.run.stderr).toMatch(/^wslint: sites-enabled\/app\.conf is linted on its own: nginx\.conf includes it, but conf\.d\/legacy\.conf:2:1: /);
  });

  it("is fixed in context: its own problems only, and a map it lacks goes into nginx.conf", () => {
    const directory = scratchRepository();
    const etc = join(directory, "etc/nginx");
    const before = (file: string) => readFileSync(join(REPOSITORY, ETC_NGINX, file), "utf8");
    const fixed = wslint(["lint", "--fix", CHAT], { cwd: etc });
    expect(fixed.stderr).toBe("");
    expect(fixed.status).toBe(0);
    expect(readFileSync(join(etc, CHAT), "utf8")).toBe(
      before(CHAT).replace("        proxy_pass http://127.0.0.1:9002;\n", "        proxy_pass http://127.0.0.1:9002;\n        proxy_http_version 1.1;\n"),
    );
    // Findings of the files not named are neither reported nor fixed.
    for (const file of ["nginx.conf", LEGACY, APP]) expect(readFileSync(join(etc, file), "utf8"), file).toBe(before(file));

    // The fix of a finding in the fragment may edit nginx.conf: the map it uses is defined there.
    const withoutMap = before("nginx.conf").replace(/    map \$http_upgrade[^}]*\}\n/, "");
    writeFileSync(join(etc, "nginx.conf"), withoutMap);
    const reported = lintJson([APP], { cwd: etc });
    expect(ruleIdsIn(reported.results, APP)).toEqual(["nginx/ws-connection-map"]);
    expect(wslint(["lint", "--fix", APP], { cwd: etc }).status).toBe(0);
    expect(readFileSync(join(etc, APP), "utf8")).toBe(before(APP));
    expect(readFileSync(join(etc, "nginx.conf"), "utf8")).toMatch(/http \{\n\s+map \$http_upgrade \$connection_upgrade \{/);
  });
});
