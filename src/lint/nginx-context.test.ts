import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadInput } from "../load/inputs.js";
import type { NginxConfig } from "../load/nginx-config.js";
import { isNginxFragment, mainFileCandidates, placeNginxFragments } from "./nginx-context.js";

const ETC_NGINX = resolve("fixtures/lint/nginx/find-main/etc/nginx");

async function loaded(path: string): Promise<NginxConfig> {
  const input = await loadInput(path, { dialect: "nginx", followIncludes: false });
  if (input.dialect !== "nginx") throw new Error("not nginx");
  return input.config;
}

const scratch: string[] = [];
afterEach(() => {
  for (const directory of scratch.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe("isNginxFragment", () => {
  it("is a file without an events, http, stream or mail block at its top level", async () => {
    expect(isNginxFragment(await loaded(join(ETC_NGINX, "sites-enabled/app.conf")))).toBe(true);
    expect(isNginxFragment(await loaded(join(ETC_NGINX, "nginx.conf")))).toBe(false);
  });
});

describe("mainFileCandidates", () => {
  it("lists nginx.conf in the fragment's directory and each parent, up to the directory holding .git", () => {
    const directory = mkdtempSync(join(tmpdir(), "wslint-context-"));
    scratch.push(directory);
    cpSync("fixtures/lint/nginx/find-main-above-repository", directory, { recursive: true });
    const fragment = join(directory, "repository/app.conf");
    expect([...mainFileCandidates(fragment)][0]).toBe(join(directory, "nginx.conf"));
    mkdirSync(join(directory, "repository/.git"));
    expect([...mainFileCandidates(fragment)]).toEqual([]);
  });
});

describe("placeNginxFragments", () => {
  it("reads one nginx.conf for the fragments it includes, and reports only theirs", async () => {
    const fragments = await Promise.all(
      ["sites-enabled/app.conf", "sites-enabled/chat.conf", "sites-available/extra.conf"].map(async (file) => {
        const path = join(ETC_NGINX, file);
        return { item: file, config: await loaded(path), prefix: undefined, includeMap: [] };
      }),
    );
    const placement = placeNginxFragments(fragments, process.cwd());
    expect(placement.contexts).toHaveLength(1);
    const [context] = placement.contexts;
    expect(context!.config.main).toBe(join(ETC_NGINX, "nginx.conf"));
    expect(context!.items).toEqual(["sites-enabled/app.conf", "sites-enabled/chat.conf"]);
    expect([...context!.reported]).toEqual([join(ETC_NGINX, "sites-enabled/app.conf"), join(ETC_NGINX, "sites-enabled/chat.conf")]);
    expect(placement.alone).toEqual(["sites-available/extra.conf"]);
    expect(placement.notes).toEqual([]);
  });
});
