// nginx under test: `nginx -t` on a file or text, and a real nginx on 127.0.0.1.
//
// How a config is wrapped. Fixtures and test configs are often fragments: a few `server` blocks
// (http context) or a few `location`s (server context) rather than a whole nginx.conf. The harness
// never guesses from the text; it asks nginx, trying in this order:
//   main:   the file itself is the config (`-c FILE`), so its relative includes resolve from
//           its own directory, as in production;
//   http:   a wrapper `events {}  http { include FILE; }`;
//   server: a wrapper `events {}  http { server { include FILE; } }`.
// Through `include`, nginx still reports errors with the file's own path and line numbers. The
// first wrapping nginx accepts wins. When it accepts none, the verdict is the one from the
// wrapping where nginx read furthest into the file before it stopped: a syntax error at line 40
// of an http fragment is reported at line 40, not as "server is not allowed here" at line 1 of
// the main-context attempt. Relative paths in a wrapped fragment resolve against the scratch
// prefix.
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { findServer } from "./binaries.js";
import { checkResult, type ConfigForPort, type ConfigInput, type RunningServer, type ServerCheckResult, type ServerError } from "./server-api.js";
import { runCommand } from "./commands.js";
import { makeScratchDir } from "./scratch.js";
import { isRunning, runningChildren } from "./processes.js";
import { freePort, ServerProcess } from "./server-process.js";

export type NginxContext = "main" | "http" | "server";

const CONTEXTS_IN_ORDER: readonly NginxContext[] = ["main", "http", "server"];

export interface NginxTestResult extends ServerCheckResult {
  /** The context the verdict comes from (see the top of this file). */
  context: NginxContext;
}

/**
 * nginx's own syntax errors, those of its tokenizer and block structure, as opposed to errors
 * about what a directive means (unknown directive, bad value, host not found, missing
 * certificate). `directive "x" has no opening "{"` and `... is not terminated by ";"` are not
 * among them: they need nginx's knowledge of which directives take a block.
 */
export function isNginxSyntaxError(message: string): boolean {
  return /^(unexpected |too long parameter)/.test(message);
}

function requireNginx(): string {
  const binary = findServer("nginx");
  if (!binary) throw new Error("nginx is not installed (see the banner at the start of the run)");
  return binary;
}

function includeLine(file: string): string {
  return `include "${file.replace(/["\\]/g, "\\$&")}";`;
}

/**
 * A config that loads `file` in `context`. `nginx -t` needs it for fragments only; a running
 * server always starts from one, so that a reload may switch between a fragment and a whole file.
 */
function wrapperText(context: NginxContext, file: string): string {
  const header = `# Written by the wslint test harness: ${file} is loaded in the ${context} context.\n`;
  switch (context) {
    case "main":
      return `${header}${includeLine(file)}\n`;
    case "http":
      return `${header}events {}\nhttp {\n${includeLine(file)}\n}\n`;
    case "server":
      return `${header}events {}\nhttp {\nserver {\n${includeLine(file)}\n}\n}\n`;
  }
}

/**
 * Error entries look like `2026/11/29 12:32:10 [emerg] 4387#4387: MESSAGE in FILE:LINE`. MESSAGE
 * may span lines: nginx quotes directive names with their escapes (`\r`, `\n`, a backslash before
 * a line break) already resolved. An entry ends where the next one or nginx's summary starts.
 */
function nginxErrors(output: string): ServerError[] {
  const errors: ServerError[] = [];
  const entries = /\[(?:emerg|alert|crit)\] (?:\d+#\d+: )?([^]*?)(?=\n\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[|\nnginx: |\n?$)/g;
  for (const match of output.matchAll(entries)) {
    const located = /^([^]*) in (.+):(\d+)$/.exec(match[1]!);
    errors.push(
      located ? { message: located[1]!, file: located[2]!, line: Number(located[3]) } : { message: match[1]! },
    );
  }
  return errors;
}

/** A prefix directory with the `logs/` that relative log paths in a config expect. */
function makePrefix(purpose: string): string {
  const prefix = makeScratchDir(purpose);
  mkdirSync(join(prefix, "logs"));
  return prefix;
}

async function testInContext(binary: string, prefix: string, file: string, context: NginxContext): Promise<NginxTestResult> {
  let config = file;
  if (context !== "main") {
    config = join(prefix, `wrapper-${context}.conf`);
    writeFileSync(config, wrapperText(context, file));
  }
  // No `-g 'pid ...'`: it would clash with a config's own `pid` ("duplicate"), and `nginx -t`
  // writes no pid file. Errors found while reading the config always go to stderr.
  const run = await runCommand(binary, ["-t", "-q", "-p", `${prefix}/`, "-c", config]);
  if (run.timedOut) throw new Error(`nginx -t on ${file} did not finish`);
  return { ...checkResult(run.code === 0, run.stderr, nginxErrors(run.stderr), file), context };
}

/**
 * How far into the file nginx read before it stopped. An error without a line in the file itself
 * comes from an included file or from a check after reading everything (`no "events" section`):
 * nginx got through the file's own lines up to there.
 */
function linesRead(result: NginxTestResult): number {
  return result.line ?? Number.POSITIVE_INFINITY;
}

function readFurthest(a: NginxTestResult, b: NginxTestResult): NginxTestResult {
  return linesRead(b) > linesRead(a) ? b : a;
}

/** Runs `nginx -t` on a config file or text, wrapped as explained at the top of this file. */
export async function nginxTest(config: ConfigInput): Promise<NginxTestResult> {
  const binary = requireNginx();
  const prefix = makePrefix("nginx-test");
  try {
    let file: string;
    if ("file" in config) {
      file = resolve(config.file);
    } else {
      file = join(prefix, "config.conf");
      writeFileSync(file, config.text);
    }
    let best: NginxTestResult | undefined;
    for (const context of CONTEXTS_IN_ORDER) {
      const result = await testInContext(binary, prefix, file, context);
      if (result.ok) return result;
      best = best ? readFurthest(best, result) : result;
    }
    return best!;
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
}

/**
 * A worker stops taking new connections when it logs that it is shutting down (it may go on
 * serving open ones, WebSockets included, for a long time), or when it is gone.
 */
function stoppedAccepting(log: string, worker: number): boolean {
  return log.includes(`${worker}#${worker}: gracefully shutting down`) || !isRunning(worker);
}

const BIND_RACE = /Address already in use/;
const START_ATTEMPTS = 3;

class NginxServer implements RunningServer {
  readonly url: string;
  readonly configFile: string;
  private readonly errorLog: string;

  constructor(
    private readonly serverProcess: ServerProcess,
    readonly port: number,
    readonly dir: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.configFile = join(dir, "site.conf");
    this.errorLog = join(dir, "error.log");
  }

  log(): string {
    return this.errorLogText() + this.serverProcess.capturedOutput();
  }

  private errorLogText(): string {
    try {
      return readFileSync(this.errorLog, "utf8");
    } catch {
      return ""; // Not written yet.
    }
  }

  async reload(config?: ConfigForPort): Promise<void> {
    // A config nginx rejects is still handed to nginx: tests may check that the old one stays.
    if (config) await writeNginxConfig(this.dir, config(this.port));
    const before = this.errorLogText();
    // From /proc, not the log: a worker forked a moment ago may not have been logged yet.
    const oldWorkers = runningChildren(this.serverProcess.pid);
    this.serverProcess.signal("SIGHUP");
    await this.serverProcess.waitFor("nginx reloaded its config", () => {
      const log = this.errorLogText();
      const since = log.slice(before.length);
      const refused = nginxErrors(since)[0];
      if (refused) throw new Error(`nginx refused the reloaded config: ${refused.message} (line ${refused.line ?? "?"})`);
      const newWorkerStarted = /start worker process \d+/.test(since);
      return newWorkerStarted && oldWorkers.every((worker) => stoppedAccepting(log, worker)) ? true : undefined;
    });
  }

  /**
   * The master accepts connections on its listening socket before it forks the workers that
   * answer them: wait for both.
   */
  async waitUntilServing(): Promise<void> {
    await this.serverProcess.waitUntilListening(this.port);
    await this.serverProcess.waitFor("nginx started a worker", () => (/start worker process \d+/.test(this.errorLogText()) ? true : undefined));
  }

  stop(): Promise<void> {
    return this.serverProcess.stop();
  }
}

/**
 * Writes site.conf and the nginx.conf that loads it in the context nginx accepts (or, for a
 * config nginx rejects, the one it read furthest), and returns nginx's verdict on it.
 */
async function writeNginxConfig(dir: string, text: string): Promise<NginxTestResult> {
  const site = join(dir, "site.conf");
  writeFileSync(site, text);
  const verdict = await nginxTest({ file: site });
  writeFileSync(join(dir, "nginx.conf"), wrapperText(verdict.context, site));
  return verdict;
}

/**
 * Starts nginx on a free port of 127.0.0.1 with the config `config(port)` (a whole nginx.conf or a
 * fragment, wrapped as `nginxTest` does) and resolves once it accepts connections. The config must
 * not set `pid` or `daemon`: the harness sets them to keep the server in its scratch directory and
 * in the foreground. Workers run as nginx's default user (nobody), which works from the scratch
 * directory as root too; the directory is world-readable so that they can read it.
 */
export async function startNginx(config: ConfigForPort): Promise<RunningServer> {
  const binary = requireNginx();
  for (let attempt = 1; ; attempt++) {
    const dir = makePrefix("nginx");
    chmodSync(dir, 0o755);
    const port = await freePort();
    const verdict = await writeNginxConfig(dir, config(port));
    if (!verdict.ok) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`nginx -t rejects the config at line ${verdict.line ?? "?"}: ${verdict.message}\n${verdict.stderr}`);
    }
    const directives = `daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log notice;`;
    const args = ["-p", `${dir}/`, "-c", join(dir, "nginx.conf"), "-g", directives];
    const server = new NginxServer(new ServerProcess("nginx", binary, args, dir), port, dir);
    try {
      await server.waitUntilServing();
      return server;
    } catch (error) {
      const log = server.log();
      await server.stop();
      if (attempt < START_ATTEMPTS && BIND_RACE.test(log)) continue;
      throw new Error(`${(error as Error).message}\n${log}`);
    }
  }
}
