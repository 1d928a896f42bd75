import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import type { RuleMeta } from "../engine/rule.js";
import { configJsonSchema, formatConfigPath } from "./schema.js";

const rules = [
  {
    id: "nginx/ws-read-timeout",
    description: "WebSocket routes need a read timeout longer than the idle period.",
    defaultSeverity: "warning",
    fixable: true,
    docs: "rules/nginx/ws-read-timeout/README.md",
    options: {
      schema: (z) => z.strictObject({ minimum: z.string().regex(/^\d+s$/) }).partial(),
      defaults: { minimum: "61s" },
    },
  } satisfies RuleMeta<{ minimum: string }>,
  {
    id: "haproxy/ws-timeout-tunnel",
    description: "Set timeout tunnel.",
    defaultSeverity: "error",
    fixable: false,
    docs: "rules/haproxy/ws-timeout-tunnel/README.md",
  } satisfies RuleMeta,
] as RuleMeta<unknown>[];

describe("formatConfigPath", () => {
  it("writes identifiers with dots and other keys in brackets", () => {
    expect(formatConfigPath(["rules", "nginx/x", 1, "minimum"])).toBe('rules["nginx/x"][1].minimum');
    expect(formatConfigPath(["nginx", "includeMap", "/etc/nginx/"])).toBe('nginx.includeMap["/etc/nginx/"]');
    expect(formatConfigPath([])).toBe("");
  });
});

describe("configJsonSchema", () => {
  it("accepts valid configs and rejects what the loader rejects", async () => {
    const schema = await configJsonSchema(rules);
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const valid = {
      $schema: "./schema.json",
      rules: { "nginx/ws-read-timeout": ["error", { minimum: "90s" }], "haproxy/ws-timeout-tunnel": "off" },
      nginx: { version: "1.25.3", includeMap: { "/etc/nginx/": "./etc" }, findMainFile: false },
      haproxy: { version: "2.8", findMainFile: false },
      websocket: { paths: ["/ws/"] },
      ignore: ["vendor/**"],
    };
    expect(validate(valid), JSON.stringify(validate.errors)).toBe(true);
    for (const invalid of [
      { rules: { "nginx/ws-read-timout": "off" } },
      { rules: { "nginx/ws-read-timeout": ["warn", { minimum: "soon" }] } },
      { rules: { "haproxy/ws-timeout-tunnel": "warning" } },
      { haproxy: { version: "two" } },
      { nginx: { findMainFile: "no" } },
      { haproxy: { findMainFile: "no" } },
      { websockets: {} },
    ]) {
      expect(validate(invalid), JSON.stringify(invalid)).toBe(false);
    }
  });

  it("describes each rule with its description", async () => {
    const schema = (await configJsonSchema(rules)) as { properties: { rules: { properties: Record<string, { description?: string }> } } };
    expect(schema.properties.rules.properties["haproxy/ws-timeout-tunnel"]?.description).toBe("Set timeout tunnel.");
  });
});
