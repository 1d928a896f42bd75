import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { HaproxyParseResult } from "../haproxy/ast.js";
import { loadInput } from "../load/inputs.js";
import { haproxyMainFile, isHaproxyFragment, placeHaproxyFragments } from "./haproxy-context.js";

const ETC_HAPROXY = resolve("fixtures/lint/haproxy-find-main/etc/haproxy");

async function parsed(path: string): Promise<HaproxyParseResult> {
  const input = await loadInput(path, { dialect: "haproxy" });
  if (input.dialect !== "haproxy") throw new Error("not HAProxy");
  return input.result;
}

const scratch: string[] = [];
afterEach(() => {
  for (const directory of scratch.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A copy of the fixture's etc/haproxy in a new git repository. */
function scratchRepository(): string {
  const directory = mkdtempSync(join(tmpdir(), "wslint-haproxy-context-"));
  scratch.push(directory);
  mkdirSync(join(directory, ".git"));
  cpSync(ETC_HAPROXY, join(directory, "haproxy"), { recursive: true });
  return join(directory, "haproxy");
}

describe("isHaproxyFragment", () => {
  it("is a file that parses and has no global section", async () => {
    expect(isHaproxyFragment(await parsed(join(ETC_HAPROXY, "conf.d/app.cfg")))).toBe(true);
    expect(isHaproxyFragment(await parsed(join(ETC_HAPROXY, "haproxy.cfg")))).toBe(false);
  });
});

describe("haproxyMainFile", () => {
  it("is the nearest haproxy.cfg in a parent directory, up to the directory holding .git", () => {
    const etc = scratchRepository();
    const app = join(etc, "conf.d/app.cfg");
    expect(haproxyMainFile(app)).toBe(join(etc, "haproxy.cfg"));
    mkdirSync(join(etc, "conf.d/.git"));
    expect(haproxyMainFile(app)).toBeNull();
  });

  it("is none when the file's own directory holds a haproxy.cfg", () => {
    const etc = scratchRepository();
    copyFileSync(join(etc, "haproxy.cfg"), join(etc, "conf.d/haproxy.cfg"));
    expect(haproxyMainFile(join(etc, "conf.d/app.cfg"))).toBeNull();
  });
});

describe("placeHaproxyFragments", () => {
  it("reads haproxy.cfg, then the fragments' directory in HAProxy's order, once for the fragments it holds", async () => {
    const fragments = await Promise.all(
      ["conf.d/legacy.cfg", "conf.d/app.cfg"].map(async (file) => ({ item: file, result: await parsed(join(ETC_HAPROXY, file)) })),
    );
    const placement = placeHaproxyFragments(fragments, process.cwd());
    expect(placement.alone).toEqual([]);
    expect(placement.notes).toEqual([]);
    expect(placement.contexts).toHaveLength(1);
    const [context] = placement.contexts;
    expect(context!.results.map((result) => result.file.source.path)).toEqual(
      ["haproxy.cfg", "conf.d/app.cfg", "conf.d/chat.cfg", "conf.d/legacy.cfg"].map((file) => join(ETC_HAPROXY, file)),
    );
    // The named files keep the parse they were read with.
    expect(context!.results[1]).toBe(fragments[1]!.result);
    expect(context!.items).toEqual(["conf.d/legacy.cfg", "conf.d/app.cfg"]);
    expect([...context!.reported]).toEqual([join(ETC_HAPROXY, "conf.d/legacy.cfg"), join(ETC_HAPROXY, "conf.d/app.cfg")]);
  });
});
