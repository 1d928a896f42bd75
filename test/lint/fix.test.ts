// --fix and --fix-dry-run on scratch copies of the broken example, and the proof that the fixed
// configuration passes the real nginx.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeWithHaproxy, describeWithNginx, haproxyCheck, nginxTest } from "../servers/index.js";
import { BROKEN_HAPROXY, BROKEN_NGINX, lintJson, ruleIdsIn, scratchCopy, wslint } from "./helpers.js";

const CHAT = "conf.d/chat.conf";

function snapshot(directory: string, files: readonly string[]): Map<string, Buffer> {
  return new Map(files.map((file) => [file, readFileSync(join(directory, file))]));
}

describe("lint --fix", () => {
  it("rewrites the files in place and reports only what it could not fix", () => {
    const directory = scratchCopy(BROKEN_NGINX);
    expect(lintJson([directory]).results.flatMap((result) => result.messages).length).toBeGreaterThan(0);

    const run = wslint(["lint", "--fix", "--format", "json", directory]);
    expect(run.stderr).toBe("");
    const remaining = JSON.parse(run.stdout) as { messages: unknown[] }[];
    expect(remaining.flatMap((result) => result.messages)).toEqual([]);
    expect(run.status).toBe(0);
    const chat = readFileSync(join(directory, CHAT), "utf8");
    expect(chat).toContain("proxy_set_header Upgrade $http_upgrade;");
    expect(chat).toContain("proxy_http_version 1.1;");
    // The Connection fix added the map it uses to the http block of the main file.
    expect(readFileSync(join(directory, "nginx.conf"), "utf8")).toMatch(/map \$http_upgrade \$connection_upgrade \{/);
  });

  it("fixing twice changes nothing the second time", () => {
    const directory = scratchCopy(BROKEN_NGINX);
    wslint(["lint", "--fix", directory]);
    const once = snapshot(directory, ["nginx.conf", CHAT]);
    const again = wslint(["lint", "--fix", directory]);
    expect(again).toMatchObject({ status: 0, stdout: "" });
    expect(snapshot(directory, ["nginx.conf", CHAT])).toEqual(once);
  });

  it("keeps permissions, CRLF line endings and a missing final newline", () => {
    const directory = scratchCopy(BROKEN_NGINX);
    const chatPath = join(directory, CHAT);
    const crlf = readFileSync(chatPath, "utf8").replace(/\n/g, "\r\n").replace(/\r\n$/, "");
    writeFileSync(chatPath, crlf);
    chmodSync(chatPath, 0o640);
    expect(wslint(["lint", "--fix", directory]).status).toBe(0);
    const fixed = readFileSync(chatPath, "utf8");
    expect(fixed).not.toBe(crlf);
    expect(fixed).toContain("proxy_set_header Upgrade $http_upgrade;\r\n");
    expect(fixed.replace(/\r\n/g, "")).not.toContain("\n");
    expect(fixed.endsWith("}")).toBe(true);
    expect(statSync(chatPath).mode & 0o777).toBe(0o640);
  });

  it("never touches a file with parse errors, and fixes the other files", () => {
    const directory = scratchCopy(BROKEN_NGINX);
    const broken = join(directory, "broken.conf");
    const brokenText = "events {\n}\n\nhttp {\n    server {\n        location /ws/ {\n            proxy_pass http://127.0.0.1:9000\n        }\n    }\n}\n";
    writeFileSync(broken, brokenText);
    const run = wslint(["lint", "--fix", "--format", "json", directory]);
    expect(run.status).toBe(1);
    expect(readFileSync(broken, "utf8")).toBe(brokenText);
    const results = JSON.parse(run.stdout);
    expect(ruleIdsIn(results, "broken.conf")).toEqual(["parse-error"]);
    expect(ruleIdsIn(results, CHAT)).toEqual([]);
  });

  it("fixes a file that two main files include once, from either", () => {
    const directory = scratchCopy();
    const server = readFileSync(join(BROKEN_NGINX, CHAT), "utf8");
    mkdirSync(join(directory, "shared"));
    writeFileSync(join(directory, "shared/chat.conf"), server);
    for (const main of ["a.conf", "b.conf"]) {
      writeFileSync(join(directory, main), "events {\n}\n\nhttp {\n    include shared/chat.conf;\n}\n");
    }
    const mains = [join(directory, "a.conf"), join(directory, "b.conf")];
    expect(wslint(["lint", "--fix", ...mains]).status).toBe(0);
    const fixed = readFileSync(join(directory, "shared/chat.conf"), "utf8");
    expect(fixed.match(/proxy_http_version 1\.1;/g)).toHaveLength(2); // one per route
    expect(wslint(["lint", "--fix-dry-run", ...mains]).stdout).toBe("");
  });

  it("--quiet --fix fixes errors only", () => {
    const directory = scratchCopy(BROKEN_NGINX);
    const warnings = lintJson([directory]).results.flatMap((result) => result.messages.filter((message) => message.severity === 1));
    expect(warnings.length).toBeGreaterThan(0);
    expect(wslint(["lint", "--quiet", "--fix", directory]).status).toBe(0);
    const after = lintJson([directory]).results.flatMap((result) => result.messages);
    expect(after.map((message) => message.ruleId).sort()).toEqual(warnings.map((message) => message.ruleId).sort());
    expect(after.every((message) => message.severity === 1)).toBe(true);
  });
});

describe("lint --fix-dry-run", () => {
  it("prints the unified diff that --fix would apply, and writes nothing", () => {
    const dryRunCopy = scratchCopy(BROKEN_NGINX);
    const untouched = snapshot(dryRunCopy, ["nginx.conf", CHAT]);
    const run = wslint(["lint", "--fix-dry-run", "."], { cwd: dryRunCopy });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`--- a/${CHAT}\n+++ b/${CHAT}\n@@ `);
    expect(run.stdout).toContain("\n+        proxy_set_header Upgrade $http_upgrade;\n");
    expect(snapshot(dryRunCopy, ["nginx.conf", CHAT])).toEqual(untouched);

    // The diff, applied, gives exactly what --fix writes.
    const patched = scratchCopy(BROKEN_NGINX);
    const apply = spawnSync("git", ["apply", "-p1", "-"], { cwd: patched, input: run.stdout, encoding: "utf8" });
    expect(apply.stderr).toBe("");
    const fixed = scratchCopy(BROKEN_NGINX);
    wslint(["lint", "--fix", fixed]);
    expect(snapshot(patched, ["nginx.conf", CHAT])).toEqual(snapshot(fixed, ["nginx.conf", CHAT]));
  });

  it("shows the fixes of standard input under its --stdin-filename", () => {
    const text = readFileSync(join(BROKEN_NGINX, CHAT), "utf8");
    const run = wslint(["lint", "--fix-dry-run", "--stdin-filename", "chat.conf", "-"], { stdin: text });
    expect(run.stdout).toMatch(/^--- a\/chat\.conf\n\+\+\+ b\/chat\.conf\n/);
  });
});

describeWithNginx("the bundled broken example, fixed", () => {
  it("passes nginx -t after wslint lint --fix, and lints clean", async () => {
    const directory = scratchCopy(BROKEN_NGINX);
    const main = join(directory, "nginx.conf");
    const before = lintJson([directory]).results.flatMap((result) => result.messages.map((message) => message.ruleId));
    expect(before.length).toBeGreaterThan(0);
    expect(wslint(["lint", "--fix", directory]).status).toBe(0);
    const verdict = await nginxTest({ file: main });
    expect(verdict.ok, verdict.stderr).toBe(true);
    const after = lintJson([directory]);
    expect(after.run.status).toBe(0);
    expect(after.results.flatMap((result) => result.messages)).toEqual([]);
  });
});

describeWithHaproxy("the bundled broken HAProxy example, fixed", () => {
  it("passes haproxy -c after wslint lint --fix, and lints clean", async () => {
    const directory = scratchCopy(BROKEN_HAPROXY);
    const config = join(directory, "haproxy.cfg");
    expect(ruleIdsIn(lintJson([config]).results, "haproxy.cfg").length).toBeGreaterThan(0);
    expect(wslint(["lint", "--fix", config]).status).toBe(0);
    const verdict = await haproxyCheck({ file: config });
    expect(verdict.ok, verdict.stderr).toBe(true);
    expect(ruleIdsIn(lintJson([config]).results, "haproxy.cfg")).toEqual([]);
  });
});
