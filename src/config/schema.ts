// The shape of wslint.config.json, built from the zod module handed in (loaded only when a config
// file is read) and from the registered rules, whose own schemas validate their options.
import type * as zod from "zod";
import type { RuleMeta } from "../engine/rule.js";
import { didYouMean } from "./did-you-mean.js";

export type Zod = typeof zod;

export const SEVERITY_NAMES = ["off", "warn", "error"] as const;
export type SeverityName = (typeof SEVERITY_NAMES)[number];

export type RuleEntry = SeverityName | [SeverityName] | [SeverityName, unknown];

/** wslint.config.json as written, once validated. */
export interface ConfigFileContent {
  $schema?: string;
  rules?: Record<string, RuleEntry>;
  nginx?: { version?: string; prefix?: string; includeMap?: Record<string, string>; findMainFile?: boolean };
  haproxy?: { version?: string; findMainFile?: boolean };
  websocket?: { paths?: string[]; backends?: string[] };
  ignore?: string[];
}

/** A path into the config as a reader writes it: `rules["nginx/x"][1].minimum`. */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_$][\w$]*$/.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

export interface ConfigSchema {
  schema: zod.ZodType<ConfigFileContent>;
  /** Known keys of each strict object by formatted path, for "did you mean" on unknown keys. */
  knownKeys: ReadonlyMap<string, readonly string[]>;
}

export function buildConfigSchema(z: Zod, rules: readonly RuleMeta<unknown>[]): ConfigSchema {
  const knownKeys = new Map<string, readonly string[]>();
  const strictObject = <Shape extends zod.ZodRawShape>(path: readonly PropertyKey[], shape: Shape) => {
    knownKeys.set(formatConfigPath(path), Object.keys(shape));
    return z.strictObject(shape).partial();
  };
  const severity = z.enum(SEVERITY_NAMES, { error: () => 'expected "off", "warn" or "error"' });
  const version = (example: string) => z.string().regex(/^\d+(\.\d+){1,2}$/, `expected a version like "${example}"`);
  const nonEmptyStrings = (what: string) => z.array(z.string().min(1, `expected a non-empty ${what}`));
  const flag = (description: string) => z.boolean({ error: () => "expected true or false" }).describe(description);

  const ruleEntries: Record<string, zod.ZodType> = {};
  for (const rule of rules) {
    let withOptions: zod.ZodType = z.tuple([severity]);
    if (rule.options !== undefined) {
      const options = rule.options.schema(z);
      if (options instanceof z.ZodObject) knownKeys.set(formatConfigPath(["rules", rule.id, 1]), Object.keys(options.shape));
      withOptions = z.tuple([severity, options.optional()]);
    }
    const expected = rule.options === undefined ? '"off", "warn" or "error"' : '"off", "warn", "error" or [severity, options]';
    ruleEntries[rule.id] = z.union([severity, withOptions], { error: () => `expected ${expected}` }).describe(rule.description);
  }

  const schema = strictObject([], {
    $schema: z.string().describe("The JSON Schema of this file, for editors."),
    rules: strictObject(["rules"], ruleEntries).describe("Severity, or [severity, options], by rule id."),
    nginx: strictObject(["nginx"], {
      version: version("1.25.3").describe("nginx version the configuration runs on."),
      prefix: z.string().describe("nginx's --prefix, against which relative include paths resolve."),
      includeMap: z
        .record(z.string(), z.string())
        .describe("Include path prefix on the server → local directory holding those files."),
      findMainFile: flag(
        "Lint an nginx fragment named on the command line (conf.d/app.conf) in the nginx.conf found including it, in its directory or a parent up to the repository root (default true).",
      ),
    }),
    haproxy: strictObject(["haproxy"], {
      version: version("2.8").describe("HAProxy version the configuration runs on."),
      findMainFile: flag(
        "Lint an HAProxy file without a global section named on the command line (conf.d/app.cfg), or the files of a directory without one found in a directory named (conf.d), after the haproxy.cfg found in a parent of their directory, up to the repository root (default true).",
      ),
    }),
    websocket: strictObject(["websocket"], {
      paths: nonEmptyStrings("path").describe("URL path prefixes or globs of WebSocket routes."),
      backends: nonEmptyStrings("name").describe("Upstream (nginx) or backend (HAProxy) names serving WebSockets."),
    }),
    ignore: nonEmptyStrings("glob").describe("Globs of files not to lint, relative to this file."),
  });
  return { schema: schema as zod.ZodType<ConfigFileContent>, knownKeys };
}

/** One line per problem: `rules["nginx/x"][1].minimum: expected a duration like "61s"`. */
export function describeConfigIssues(issues: readonly zod.core.$ZodIssue[], knownKeys: ConfigSchema["knownKeys"]): string[] {
  return issues.flatMap((issue): string[] => {
    if (issue.code === "invalid_union") {
      // zod gives up on a union when several members fail; when only one member got past the
      // first level (the [severity, options] array), its issues are the ones that help.
      const deeper = issue.errors.filter((member) => member.some((inner) => inner.path.length > 0));
      if (deeper.length === 1) {
        const nested = deeper[0]!.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
        return describeConfigIssues(nested, knownKeys);
      }
    }
    if (issue.code === "unrecognized_keys") {
      const at = formatConfigPath(issue.path);
      const known = knownKeys.get(at) ?? [];
      const what = at === "rules" ? "unknown rule" : "unknown key";
      return issue.keys.map((key) => `${formatConfigPath([...issue.path, key])}: ${what}${didYouMean(key, known)}`);
    }
    const message = issue.message.replace(/^Invalid input: /, "");
    return [`${formatConfigPath(issue.path) || "(top level)"}: ${message}`];
  });
}

/** `wslint config --schema`: the JSON Schema of wslint.config.json for the registered rules. */
export async function configJsonSchema(rules: readonly RuleMeta<unknown>[]): Promise<Record<string, unknown>> {
  const z = await import("zod");
  const { schema } = buildConfigSchema(z, rules);
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
