// Runs the tools the integration tests drive (git, npm, pre-commit, bash) the way a user's shell
// would, with a working directory and environment of the test's choosing.
import { runCommand, type CommandResult } from "../servers/commands.js";

export type RunResult = Omit<CommandResult, "timedOut">;

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Never rejects for a non-zero exit; rejects when the command cannot start or runs too long. */
export async function run(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const { timedOut, ...result } = await runCommand(file, args, { ...options, timeoutMs });
  if (timedOut) throw new Error(`${file} ${args.join(" ")} ran longer than ${timeoutMs / 1000}s:\n${result.output}`);
  return result;
}

/** Like `run`, but a non-zero exit is an error carrying the command's output. */
export async function runOk(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const result = await run(file, args, options);
  if (result.code !== 0) throw new Error(`${file} ${args.join(" ")} exited with ${result.code}:\n${result.output}`);
  return result;
}

/**
 * The test process's environment as a user's shell has it: without git's hook variables (GIT_DIR,
 * GIT_INDEX_FILE, ...), which would point a tool at this checkout when the suite runs inside a git
 * hook, and without the npm_* variables `npm test` gives its script (npm_config_local_prefix,
 * npm_package_*, ...), which belong to this checkout. npm is told to take packages from its cache
 * when it has them: the tests install wslint's dependencies several times, and `npm ci` has just
 * filled the cache.
 */
export function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("GIT_") && !name.startsWith("npm_")));
  return { ...env, npm_config_prefer_offline: "true", npm_config_update_notifier: "false", ...extra };
}
