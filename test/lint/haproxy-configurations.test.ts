// HAProxy configurations of several files: the files of a directory are read as `haproxy -f DIR`
// reads them (one configuration, in its order, defaults carried from one file to the next); a
// file named alone, with no haproxy.cfg above it, is read as `haproxy -f FILE` reads it (with one,
// see haproxy-find-main.test.ts).
import { cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeWithHaproxy, haproxyCheck } from "../servers/index.js";
import { lintJson, REPOSITORY, ruleIdsIn, scratchCopy, wslint, type JsonResult } from "./helpers.js";

const CONFIGURATION = "fixtures/lint/haproxy-multi";
const DEFAULTS = "00-defaults.cfg";
const APP = "10-app.cfg";

/** The line `backend be_chat` is on, where the timeout findings point. */
function backendLine(directory: string): number {
  return readFileSync(join(directory, APP), "utf8").split("\n").indexOf("backend be_chat") + 1;
}

function resultFor(results: readonly JsonResult[], suffix: string): JsonResult {
  const result = results.find((candidate) => candidate.filePath.endsWith(suffix));
  if (result === undefined) throw new Error(`no result for ${suffix} in ${results.map((candidate) => candidate.filePath).join(", ")}`);
  return result;
}

describe("an HAProxy configuration in a directory", () => {
  it("is read as one: the backend takes the timeout tunnel of the defaults in the file before it", () => {
    const { run, results } = lintJson([CONFIGURATION]);
    expect(run.status).toBe(0);
    expect(results.map((result) => result.filePath).sort()).toEqual([DEFAULTS, APP].map((file) => join(REPOSITORY, CONFIGURATION, file)));
    expect(results.flatMap((result) => result.messages)).toEqual([]);
  });

  it("is found in a directory below the one named", () => {
    const directory = scratchCopy();
    cpSync(CONFIGURATION, join(directory, "haproxy", "conf.d"), { recursive: true });
    expect(lintJson([directory]).results.flatMap((result) => result.messages)).toEqual([]);
  });

  it("gives a file named alone, with no haproxy.cfg above it, only what that file holds, as haproxy -f FILE would", () => {
    const { results } = lintJson([join(CONFIGURATION, APP)]);
    expect(results.map((result) => result.filePath)).toEqual([join(REPOSITORY, CONFIGURATION, APP)]);
    expect(ruleIdsIn(results, APP)).toEqual(["haproxy/ws-timeout-tunnel"]);
    expect(resultFor(results, APP).messages[0]!.line).toBe(backendLine(CONFIGURATION));
  });

  it("reads its files in HAProxy's order: defaults in a file read after the backend do not apply to it", () => {
    const directory = scratchCopy(CONFIGURATION);
    renameSync(join(directory, DEFAULTS), join(directory, "20-defaults.cfg"));
    const { results } = lintJson([directory]);
    expect(ruleIdsIn(results, APP)).toEqual(["haproxy/ws-timeout-tunnel"]);
    expect(ruleIdsIn(results, "20-defaults.cfg")).toEqual([]);
  });

  it("leaves out what haproxy -f DIR does not read: a subdirectory's files, names starting with a period", () => {
    for (const defaults of [join("sub", DEFAULTS), `.${DEFAULTS}`]) {
      const directory = scratchCopy(CONFIGURATION);
      mkdirSync(join(directory, "sub"));
      renameSync(join(directory, DEFAULTS), join(directory, defaults));
      const { results } = lintJson([directory]);
      expect(ruleIdsIn(results, APP), defaults).toEqual(["haproxy/ws-timeout-tunnel"]);
      expect(ruleIdsIn(results, defaults), defaults).toEqual([]);
    }
  });

  it("is not judged when one of its files has a syntax error, and not fixed", () => {
    const directory = scratchCopy(CONFIGURATION);
    const defaultsPath = join(directory, DEFAULTS);
    // Read alone, the backend would lack the tunnel timeout this line fails to set.
    const broken = readFileSync(defaultsPath, "utf8").replace("timeout tunnel 1h", 'timeout tunnel "1h');
    writeFileSync(defaultsPath, broken);
    const app = readFileSync(join(directory, APP), "utf8");

    const run = wslint(["lint", "--fix", "--format", "json", directory]);
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(ruleIdsIn(results, DEFAULTS)).toEqual(["parse-error"]);
    expect(ruleIdsIn(results, APP)).toEqual([]);
    expect(readFileSync(defaultsPath, "utf8")).toBe(broken);
    expect(readFileSync(join(directory, APP), "utf8")).toBe(app);
  });
});

describeWithHaproxy("an HAProxy configuration in a directory, fixed", () => {
  it("gets the fix in the backend's file, not in the defaults it inherits from, and passes haproxy -c -f DIR", async () => {
    const directory = scratchCopy(CONFIGURATION);
    const defaultsPath = join(directory, DEFAULTS);
    const shortTunnel = readFileSync(defaultsPath, "utf8").replace("timeout tunnel 1h", "timeout tunnel 10s");
    writeFileSync(defaultsPath, shortTunnel);

    const before = resultFor(lintJson([directory]).results, APP).messages;
    expect(before.map((message) => [message.ruleId, message.line])).toEqual([["haproxy/ws-timeout-tunnel", backendLine(directory)]]);
    // The finding says where the inherited value is written.
    expect(before[0]!.message).toContain(`${defaultsPath}:${shortTunnel.split("\n").indexOf("    timeout tunnel 10s") + 1}`);

    expect(wslint(["lint", "--fix", directory]).status).toBe(0);
    expect(readFileSync(defaultsPath, "utf8")).toBe(shortTunnel);
    expect(readFileSync(join(directory, APP), "utf8")).toMatch(/^backend be_chat\n(?: {4}.*\n)*? {4}timeout tunnel 1h\n/m);

    const verdict = await haproxyCheck({ file: directory });
    expect(verdict.ok, verdict.stderr).toBe(true);
    const after = lintJson([directory]);
    expect(after.run.status).toBe(0);
    expect(after.results.flatMap((result) => result.messages)).toEqual([]);
  });
});
