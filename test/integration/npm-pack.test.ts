// The npm package: what `npm pack` puts in the tarball, and that the tarball installed into an
// empty project gives a working `wslint`. The tarball is made from the dist/ that `npm test` has
// just built (--ignore-scripts: rebuilding dist/ here would rewrite it under the tests running
// beside this one); the pre-commit test covers the prepare build of a fresh clone.
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRuleMetas } from "../../rules/index.js";
import { isolatedEnv, run, runOk } from "./run.js";
import { REPOSITORY_ROOT } from "./working-tree.js";

const manifest = JSON.parse(readFileSync(join(REPOSITORY_ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  bin: Record<string, string>;
};
const FIXTURES = join(REPOSITORY_ROOT, "fixtures/integration");
const INSTALL_MS = 120_000;

describe("npm package", () => {
  let scratch: string;
  let project: string;
  let packedFiles: string[];
  const env = isolatedEnv();

  const npxWslint = (...args: string[]) => run("npx", ["--no", "--", "wslint", ...args], { cwd: project, env });

  beforeAll(async () => {
    if (!existsSync(join(REPOSITORY_ROOT, manifest.bin.wslint!))) throw new Error("dist/ is missing: run npm run build (npm test does)");
    scratch = mkdtempSync(join(tmpdir(), "wslint-npm-pack-"));
    const pack = await runOk("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch], { cwd: REPOSITORY_ROOT, env });
    const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    packedFiles = packed!.files.map((file) => file.path);

    project = join(scratch, "project");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "uses-wslint", private: true }, null, 2)}\n`);
    await runOk("npm", ["install", "--no-audit", "--no-fund", join(scratch, packed!.filename)], { cwd: project, env, timeoutMs: INSTALL_MS });
  }, INSTALL_MS + 30_000);

  afterAll(() => {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  it("ships the built CLI and rules, and the rule docs the CLI names", async () => {
    expect(packedFiles).toContain(manifest.bin.wslint);
    // The CLI is bundled with the packages it uses: their licenses go with it.
    expect(packedFiles).toContain("dist/src/cli/THIRD-PARTY-LICENSES.md");
    expect(packedFiles).toContain("README.md");
    for (const meta of await allRuleMetas()) {
      if (!URL.canParse(meta.docs)) expect(packedFiles, meta.id).toContain(meta.docs);
    }
  });

  it("ships no sources, tests, fixtures or grammar sources", () => {
    const unwanted = packedFiles.filter(
      (path) =>
        /^(src|test|fixtures|grammar)\//.test(path) ||
        (path.startsWith("rules/") && !path.endsWith("/README.md")) ||
        /\.(ts|ne)$/.test(path) ||
        /\.test\.js$|test-helpers\.js$/.test(path),
    );
    expect(unwanted).toEqual([]);
  });

  it("installs a wslint command that starts with a node shebang", () => {
    const installedCli = join(project, "node_modules", manifest.name, manifest.bin.wslint!);
    expect(readFileSync(installedCli, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
    accessSync(join(project, "node_modules/.bin/wslint"), constants.X_OK);
  });

  it("wslint --version prints the package version; wslint and its commands' --help have examples", async () => {
    const version = await npxWslint("--version");
    expect(version.code, version.output).toBe(0);
    expect(version.stdout.trim()).toBe(manifest.version);
    for (const command of [[], ["lint"], ["parse"], ["probe"], ["rules"], ["config"]]) {
      const help = await npxWslint(...command, "--help");
      expect(help.code, help.output).toBe(0);
      expect(help.stdout, `wslint ${command.join(" ")} --help`).toMatch(/^Examples:\n {2}(\S.*)?wslint /m);
    }
  });

  it("wslint rules lists every rule", async () => {
    const listed = await npxWslint("rules");
    expect(listed.code, listed.output).toBe(0);
    for (const meta of await allRuleMetas()) expect(listed.stdout).toMatch(new RegExp(`^${meta.id}\\s`, "m"));
  });

  it("wslint lint fails on a broken config with its findings, and passes a clean one", async () => {
    copyFileSync(join(FIXTURES, "broken/nginx.conf"), join(project, "nginx.conf"));
    copyFileSync(join(FIXTURES, "clean/haproxy.cfg"), join(project, "haproxy.cfg"));
    const broken = await npxWslint("lint", "nginx.conf");
    expect(broken.code, broken.output).toBe(1);
    expect(broken.stdout).toContain("nginx/ws-upgrade-header");
    const clean = await npxWslint("lint", "haproxy.cfg");
    expect(clean.code, clean.output).toBe(0);
  });
});
