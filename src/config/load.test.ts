import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RuleMeta } from "../engine/rule.js";
import { CONFIG_FILE_NAME, ConfigLoader, type ConfigResult } from "./load.js";

const readTimeout: RuleMeta<{ minimum: string; proxies: number }> = {
  id: "nginx/ws-read-timeout",
  description: "WebSocket routes need a read timeout longer than the idle period.",
  defaultSeverity: "warning",
  fixable: true,
  docs: "rules/nginx/ws-read-timeout/README.md",
  options: {
    schema: (z) =>
      z.strictObject({
        minimum: z.string().regex(/^\d+[smhd]?$/, 'expected a duration like "61s"'),
        proxies: z.number().int(),
      }).partial(),
    defaults: { minimum: "61s", proxies: 1 },
  },
};
const upgradeHeader: RuleMeta = {
  id: "nginx/ws-upgrade-header",
  description: "Forward Upgrade and Connection.",
  defaultSeverity: "error",
  fixable: true,
  docs: "rules/nginx/ws-upgrade-header/README.md",
};
const rules = [readTimeout, upgradeHeader] as RuleMeta<unknown>[];

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "wslint-config-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeConfig(directory: string, content: unknown): Promise<string> {
  await mkdir(directory, { recursive: true });
  const path = join(directory, CONFIG_FILE_NAME);
  await writeFile(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return path;
}

function expectFailure(result: ConfigResult): string {
  if (result.ok) throw new Error(`expected an invalid config, got ${JSON.stringify(result.config)}`);
  return result.message;
}

function expectConfig(result: ConfigResult) {
  if (!result.ok) throw new Error(result.message);
  return result.config;
}

describe("ConfigLoader discovery", () => {
  it("finds the nearest config upwards from the linted file's directory", async () => {
    const outer = await writeConfig(root, { rules: { "nginx/ws-upgrade-header": "off" } });
    const inner = await writeConfig(join(root, "sites"), { rules: { "nginx/ws-upgrade-header": "warn" } });
    await mkdir(join(root, "sites", "deep", "er"), { recursive: true });
    const loader = new ConfigLoader({ rules, cwd: root });
    expect(expectConfig(await loader.configFor("sites/deep/er/a.conf")).path).toBe(inner);
    expect(expectConfig(await loader.configFor(join(root, "nginx.conf"))).path).toBe(outer);
    expect(expectConfig(await loader.configFor("sites/b.conf")).rules.get("nginx/ws-upgrade-header")).toEqual({ severity: "warning" });
  });

  it("uses the defaults when no directory up to the root has a config", async () => {
    // tmpdir() and its parents are assumed to hold no wslint.config.json.
    const config = expectConfig(await new ConfigLoader({ rules, cwd: root }).configFor("x/a.conf"));
    expect(config.path).toBeNull();
    expect(config.rules.size).toBe(0);
    expect(config.settings.websocket.paths).toEqual([]);
  });

  it("caches by directory: a config created later is not seen by the same loader", async () => {
    const loader = new ConfigLoader({ rules, cwd: root });
    const before = expectConfig(await loader.configFor("a.conf"));
    await writeConfig(root, {});
    expect(expectConfig(await loader.configFor("b.conf"))).toBe(before);
    expect(expectConfig(await new ConfigLoader({ rules, cwd: root }).configFor("b.conf")).path).toBe(join(root, CONFIG_FILE_NAME));
  });

  it("uses --config for every file instead of searching, and reports a missing one", async () => {
    await writeConfig(join(root, "sites"), {});
    const explicit = await writeConfig(join(root, "ci"), { haproxy: { version: "2.8" } });
    const loader = new ConfigLoader({ rules, cwd: root, explicitPath: "ci/wslint.config.json" });
    const config = expectConfig(await loader.configFor("sites/a.conf"));
    expect(config.path).toBe(explicit);
    expect(config.settings.haproxy.version).toBe("2.8");
    const missing = new ConfigLoader({ rules, cwd: root, explicitPath: "nope.json" });
    expect(expectFailure(await missing.configFor("a.conf"))).toBe(`cannot read config file ${join(root, "nope.json")}: ENOENT`);
  });
});

describe("ConfigLoader content", () => {
  it("resolves severities, options over defaults, settings and paths relative to the config", async () => {
    await writeConfig(root, {
      $schema: "./node_modules/wslint/schema.json",
      rules: { "nginx/ws-read-timeout": ["error", { minimum: "3600s" }], "nginx/ws-upgrade-header": ["warn"] },
      nginx: { version: "1.25.3", prefix: "etc/nginx", includeMap: { "/etc/nginx/": "./copied" }, findMainFile: false },
      haproxy: { findMainFile: false },
      websocket: { paths: ["/ws/", "/socket.io/*"], backends: ["chat"] },
      ignore: ["vendor/**"],
    });
    const config = expectConfig(await new ConfigLoader({ rules, cwd: root }).configFor("a.conf"));
    expect(config.directory).toBe(root);
    expect(config.rules.get("nginx/ws-read-timeout")).toEqual({ severity: "error", options: { minimum: "3600s", proxies: 1 } });
    expect(config.rules.get("nginx/ws-upgrade-header")).toEqual({ severity: "warning" });
    expect(config.settings).toEqual({
      nginx: { version: "1.25.3", prefix: join(root, "etc/nginx"), includeMap: { "/etc/nginx/": join(root, "copied") }, findMainFile: false },
      haproxy: { version: null, findMainFile: false },
      websocket: { paths: ["/ws/", "/socket.io/*"], backends: ["chat"] },
    });
    expect(config.ignore).toEqual(["vendor/**"]);
  });

  it("names the path of every bad key, with the rule's own message for its options", async () => {
    await writeConfig(root, {
      rules: {
        "nginx/ws-read-timeout": ["warn", { minimum: "a minute", proxies: 1.5 }],
        "nginx/ws-upgrade-header": "warning",
      },
      nginx: { version: "latest", findMainFile: "no" },
      haproxy: { findMainFile: 1 },
      websocket: { paths: "/ws" },
    });
    const message = expectFailure(await new ConfigLoader({ rules, cwd: root }).configFor("a.conf"));
    expect(message.split("\n")).toEqual([
      `invalid config file ${join(root, CONFIG_FILE_NAME)}:`,
      '  rules["nginx/ws-read-timeout"][1].minimum: expected a duration like "61s"',
      '  rules["nginx/ws-read-timeout"][1].proxies: expected int, received number',
      '  rules["nginx/ws-upgrade-header"]: expected "off", "warn" or "error"',
      '  nginx.version: expected a version like "1.25.3"',
      "  nginx.findMainFile: expected true or false",
      "  haproxy.findMainFile: expected true or false",
      "  websocket.paths: expected array, received string",
    ]);
  });

  it("suggests the closest rule id or key for unknown ones", async () => {
    await writeConfig(root, {
      rules: { "nginx/ws-read-timout": "off", "ws-upgrade-header": "off", "nginx/semicolon": "off" },
      websockets: {},
      nginx: { prefx: "/etc/nginx" },
    });
    const message = expectFailure(await new ConfigLoader({ rules, cwd: root }).configFor("a.conf"));
    expect(message.split("\n").slice(1)).toEqual([
      '  rules["nginx/ws-read-timout"]: unknown rule; did you mean "nginx/ws-read-timeout"?',
      '  rules["ws-upgrade-header"]: unknown rule; did you mean "nginx/ws-upgrade-header"?',
      '  rules["nginx/semicolon"]: unknown rule',
      '  nginx.prefx: unknown key; did you mean "prefix"?',
      '  websockets: unknown key; did you mean "websocket"?',
    ]);
  });

  it("points at the line and column of invalid JSON", async () => {
    await writeConfig(root, '{\n  "rules": {\n    "nginx/ws-upgrade-header": "off",\n  }\n}\n');
    const message = expectFailure(await new ConfigLoader({ rules, cwd: root }).configFor("a.conf"));
    expect(message).toMatch(/invalid JSON: .*\(line 4, column 3\)$/);
  });
});

describe("start-up cost", () => {
  it("imports zod only lazily, and only from the config loader", async () => {
    const sources = ["../engine", "../config", "../report"].map((folder) => new URL(`${folder}/`, import.meta.url));
    for (const folder of sources) {
      const names = await readdir(folder).catch(() => [] as string[]);
      for (const name of names.filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))) {
        const text = await readFile(new URL(name, folder), "utf8");
        expect(text, name).not.toMatch(/^import (?!type )[^;]*from "zod"/m);
      }
    }
  });
});
