// HAProxy under test: `haproxy -c` on a file or text, and a real HAProxy on 127.0.0.1.
// HAProxy configs are always whole files of sections, so nothing is wrapped.
import { rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { findServer } from "./binaries.js";
import { runCommand } from "./commands.js";
import { checkResult, type ConfigForPort, type ConfigInput, type RunningServer, type ServerCheckResult, type ServerError } from "./server-api.js";
import { isRunning, runningChildren } from "./processes.js";
import { makeScratchDir } from "./scratch.js";
import { freePort, ServerProcess } from "./server-process.js";

/**
 * HAProxy's own syntax errors: how a line splits into words (quotes, escapes, `${VAR}`, word and
 * line limits, the final newline) and the `.if` blocks, as opposed to errors about what a keyword
 * means.
 */
export function isHaproxySyntaxError(message: string): boolean {
  return /^(unmatched quote|unmatched brace|truncated or invalid hexadecimal sequence|forbidden first char in environment variable name|too many words|line too long|Missing LF on last line|lone '\.\w+'|non-terminated '\.if' block|unparsable conditional expression)/.test(
    message,
  );
}

function requireHaproxy(): string {
  const binary = findServer("haproxy");
  if (!binary) throw new Error("haproxy is not installed (see the banner at the start of the run)");
  return binary;
}

/** The closing summary lines, which repeat that errors were found. */
const SUMMARY = /^(Error\(s\) found in configuration file|Fatal errors found in configuration)/;

/** Alerts look like `[ALERT]    (123) : config : parsing [FILE:LINE] : MESSAGE`. */
function haproxyErrors(output: string): ServerError[] {
  const errors: ServerError[] = [];
  for (const match of output.matchAll(/^\[ALERT\]\s+\(\d+\) : (?:config : )?(.*)$/gm)) {
    const text = match[1]!;
    if (SUMMARY.test(text)) continue;
    const located = /^(?:parsing )?\[(.+):(\d+)\]\s*:\s*(.*)$/.exec(text);
    errors.push(located ? { message: located[3]!, file: located[1]!, line: Number(located[2]) } : { message: text });
  }
  return errors;
}

/**
 * Runs `haproxy -c` on a config file or text. Exit code 2 ("valid but no listener") counts as
 * accepted. `-dr` keeps unresolvable server names (`server app app.internal:80`) from failing the
 * check: they say nothing about the syntax.
 */
export async function haproxyCheck(config: ConfigInput): Promise<ServerCheckResult> {
  const binary = requireHaproxy();
  const dir = makeScratchDir("haproxy-check");
  try {
    let file: string;
    if ("file" in config) {
      file = resolve(config.file);
    } else {
      file = join(dir, "haproxy.cfg");
      writeFileSync(file, config.text);
    }
    const run = await runCommand(binary, ["-c", "-dr", "-f", file]);
    if (run.timedOut) throw new Error(`haproxy -c on ${file} did not finish`);
    const output = run.stdout + run.stderr;
    return checkResult(run.code === 0 || run.code === 2, output, haproxyErrors(output), file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A worker stops taking new connections when it logs its proxies as stopped (it may go on serving
 * open ones, WebSockets included, for a long time), or when it is gone.
 */
function stoppedAccepting(output: string, worker: number): boolean {
  return new RegExp(`\\(${worker}\\) : Proxy \\S+ stopped`).test(output) || !isRunning(worker);
}

const BIND_RACE = /cannot bind socket|Address already in use/;
const START_ATTEMPTS = 3;

/** Whether the master process answers `show proc` on its CLI socket. */
function masterAnswers(socketPath: string): Promise<true | undefined> {
  return new Promise((resolve) => {
    let answer = "";
    const socket = connect(socketPath, () => socket.write("show proc\n"));
    const finish = (value: true | undefined) => {
      socket.destroy();
      resolve(value);
    };
    socket.setEncoding("utf8").on("data", (chunk: string) => {
      answer += chunk;
      if (/\bmaster\b/.test(answer)) finish(true);
    });
    socket.setTimeout(1000, () => finish(undefined));
    socket.on("error", () => finish(undefined));
    socket.on("end", () => finish(undefined));
  });
}

class HaproxyServer implements RunningServer {
  readonly url: string;
  readonly configFile: string;
  readonly masterSocket: string;

  constructor(
    private readonly serverProcess: ServerProcess,
    readonly port: number,
    readonly dir: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.configFile = join(dir, "haproxy.cfg");
    this.masterSocket = join(dir, "master.sock");
  }

  log(): string {
    return this.serverProcess.capturedOutput();
  }

  async reload(config?: ConfigForPort): Promise<void> {
    if (config) writeFileSync(this.configFile, config(this.port));
    // A master still re-executing itself after the previous reload drops a SIGUSR2; once it
    // answers on its CLI socket it has its signal handlers again.
    await this.serverProcess.waitFor("the haproxy master answers on its CLI", () => masterAnswers(this.masterSocket));
    const before = this.log();
    const oldWorkers = runningChildren(this.serverProcess.pid);
    // In master-worker mode SIGUSR2 makes the master re-read the config and replace its workers.
    this.serverProcess.signal("SIGUSR2");
    await this.serverProcess.waitFor("haproxy reloaded its config", () => {
      const output = this.log();
      const since = output.slice(before.length);
      if (since.includes("Loading failure!")) {
        const refused = haproxyErrors(since)[0];
        throw new Error(`haproxy refused the reloaded config: ${refused?.message ?? since} (line ${refused?.line ?? "?"})`);
      }
      const loaded = since.includes("Loading success.");
      return loaded && oldWorkers.every((worker) => stoppedAccepting(output, worker)) ? true : undefined;
    });
  }

  waitUntilListening(): Promise<true> {
    return this.serverProcess.waitUntilListening(this.port);
  }

  stop(): Promise<void> {
    return this.serverProcess.stop();
  }
}

/**
 * Starts HAProxy (master-worker, in the foreground) on a free port of 127.0.0.1 with the config
 * `config(port)` and resolves once it accepts connections on that port.
 */
export async function startHaproxy(config: ConfigForPort): Promise<RunningServer> {
  const binary = requireHaproxy();
  for (let attempt = 1; ; attempt++) {
    const dir = makeScratchDir("haproxy");
    const port = await freePort();
    const text = config(port);
    const verdict = await haproxyCheck({ text });
    if (!verdict.ok) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`haproxy -c rejects the config at line ${verdict.line ?? "?"}: ${verdict.message}\n${verdict.stderr}`);
    }
    const configFile = join(dir, "haproxy.cfg");
    writeFileSync(configFile, text);
    const args = ["-W", "-db", "-S", join(dir, "master.sock"), "-f", configFile];
    const server = new HaproxyServer(new ServerProcess("haproxy", binary, args, dir), port, dir);
    try {
      await server.waitUntilListening();
      return server;
    } catch (error) {
      const log = server.log();
      await server.stop();
      if (attempt < START_ATTEMPTS && BIND_RACE.test(log)) continue;
      throw new Error(`${(error as Error).message}\n${log}`);
    }
  }
}
