// Finding and reading wslint.config.json: from the linted file's directory upwards, or the file
// given with --config. zod is imported only here, and only when a config file is actually read.
import { readFile, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { DEFAULT_SETTINGS, type ConfiguredSeverity, type LintSettings, type RuleMeta } from "../engine/rule.js";
import { buildConfigSchema, describeConfigIssues, type ConfigFileContent, type SeverityName } from "./schema.js";

export const CONFIG_FILE_NAME = "wslint.config.json";

export interface RuleSetting {
  severity: ConfiguredSeverity;
  /** The rule's defaults overlaid with the options the file gives; absent when it gives none. */
  options?: unknown;
}

export interface ResolvedConfig {
  /** Absolute path of the config file, or null when none applies (all defaults). */
  path: string | null;
  /** Relative paths of the file (nginx.prefix, includeMap directories, ignore globs) are relative to this. */
  directory: string;
  /** Only the rules the file names. */
  rules: ReadonlyMap<string, RuleSetting>;
  settings: LintSettings;
  ignore: readonly string[];
}

/** An invalid config is the user's to fix: the CLI prints `message` and exits 2. */
export type ConfigResult = { ok: true; config: ResolvedConfig } | { ok: false; message: string };

export function severityFromName(name: SeverityName): ConfiguredSeverity {
  return name === "warn" ? "warning" : name;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function describeJsonError(text: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(reason);
  if (position === null) return reason;
  const before = text.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${reason} (line ${line}, column ${column})`;
}

export interface ConfigLoaderOptions {
  /** Every registered rule: ids for validation and suggestions, schemas for their options. */
  rules: readonly RuleMeta<unknown>[];
  /** --config: use this file for every linted file instead of searching. */
  explicitPath?: string;
  /** Base of relative paths, and of the defaults when no config file applies. */
  cwd?: string;
}

export class ConfigLoader {
  private readonly cwd: string;
  private readonly foundByDirectory = new Map<string, Promise<string | null>>();
  private readonly resultByPath = new Map<string, Promise<ConfigResult>>();

  private readonly defaults: ResolvedConfig;

  constructor(private readonly options: ConfigLoaderOptions) {
    this.cwd = options.cwd ?? process.cwd();
    this.defaults = { path: null, directory: this.cwd, rules: new Map(), settings: DEFAULT_SETTINGS, ignore: [] };
  }

  /** The config that applies to `lintedFile` (for stdin, pass a path in the working directory). */
  async configFor(lintedFile: string): Promise<ConfigResult> {
    const path =
      this.options.explicitPath !== undefined
        ? resolve(this.cwd, this.options.explicitPath)
        : await this.findFrom(dirname(resolve(this.cwd, lintedFile)));
    if (path === null) return { ok: true, config: this.defaults };
    let result = this.resultByPath.get(path);
    if (result === undefined) {
      result = this.read(path);
      this.resultByPath.set(path, result);
    }
    return result;
  }

  private findFrom(directory: string): Promise<string | null> {
    let found = this.foundByDirectory.get(directory);
    if (found === undefined) {
      const candidate = join(directory, CONFIG_FILE_NAME);
      const parent = dirname(directory);
      found = isFile(candidate).then((exists) =>
        exists ? candidate : parent === directory ? null : this.findFrom(parent),
      );
      this.foundByDirectory.set(directory, found);
    }
    return found;
  }


  private async read(path: string): Promise<ConfigResult> {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      return { ok: false, message: `cannot read config file ${path}: ${code}` };
    }
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (error) {
      return { ok: false, message: `${path}: invalid JSON: ${describeJsonError(text, error)}` };
    }
    const z = await import("zod");
    const { schema, knownKeys } = buildConfigSchema(z, this.options.rules);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const lines = describeConfigIssues(parsed.error.issues, knownKeys);
      return { ok: false, message: `invalid config file ${path}:\n${lines.map((line) => `  ${line}`).join("\n")}` };
    }
    return { ok: true, config: this.resolve(path, parsed.data) };
  }

  private resolve(path: string, content: ConfigFileContent): ResolvedConfig {
    const directory = dirname(path);
    const fromConfig = (value: string) => (isAbsolute(value) ? value : resolve(directory, value));
    const metaById = new Map(this.options.rules.map((rule) => [rule.id, rule]));
    const rules = new Map<string, RuleSetting>();
    for (const [id, entry] of Object.entries(content.rules ?? {})) {
      const [name, options] = typeof entry === "string" ? [entry] : entry;
      const setting: RuleSetting = { severity: severityFromName(name) };
      const defaults = metaById.get(id)?.options?.defaults;
      if (options !== undefined) setting.options = { ...(defaults as object), ...(options as object) };
      rules.set(id, setting);
    }
    const includeMap = Object.fromEntries(
      Object.entries(content.nginx?.includeMap ?? {}).map(([prefix, local]) => [prefix, fromConfig(local)]),
    );
    const settings: LintSettings = {
      nginx: {
        version: content.nginx?.version ?? null,
        prefix: content.nginx?.prefix === undefined ? null : fromConfig(content.nginx.prefix),
        includeMap,
        findMainFile: content.nginx?.findMainFile ?? true,
      },
      haproxy: { version: content.haproxy?.version ?? null, findMainFile: content.haproxy?.findMainFile ?? true },
      websocket: { paths: content.websocket?.paths ?? [], backends: content.websocket?.backends ?? [] },
    };
    return { path, directory, rules, settings, ignore: content.ignore ?? [] };
  }
}
