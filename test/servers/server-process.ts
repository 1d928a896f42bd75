// A real server running under the test harness: its own process group (so that one signal reaches
// the master and its workers), its output captured, and a guarantee that it is stopped — at the
// end of the test that started it, at the end of the test file otherwise, and on process exit.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { afterAll, onTestFinished, TestRunner } from "vitest";
import { recordProcessGroup } from "./scratch.js";

const POLL_INTERVAL_MS = 20;
const START_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;

const running = new Set<ServerProcess>();

process.on("exit", () => {
  for (const server of running) server.killNow();
});
afterAll(stopAllServers);

async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port that was free a moment ago on 127.0.0.1 (callers retry when a server loses the race). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export class ServerProcess {
  private readonly child: ChildProcess;
  private output = "";
  /** "code 1" or "signal SIGKILL" once the process has exited. */
  private exitStatus: string | undefined;
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    file: string,
    args: readonly string[],
    /** The server's scratch directory, removed when it stops. */
    readonly dir: string,
  ) {
    this.child = spawn(file, args, { cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const pid = this.child.pid;
    if (pid === undefined) throw new Error(`${name}: could not start ${file}`);
    recordProcessGroup(dir, pid);
    this.child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (this.output += chunk));
    this.child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.output += chunk));
    this.exited = new Promise((resolve) =>
      this.child.once("exit", (code, signal) => {
        this.exitStatus = signal ? `signal ${signal}` : `code ${code}`;
        resolve();
      }),
    );
    running.add(this);
    if (TestRunner.getCurrentTest()) onTestFinished(() => this.stop());
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Everything the server wrote to stdout and stderr so far. */
  capturedOutput(): string {
    return this.output;
  }

  hasExited(): boolean {
    return this.exitStatus !== undefined;
  }

  signal(signal: NodeJS.Signals): void {
    process.kill(this.pid, signal);
  }

  /**
   * Polls `check` until it returns a value, failing after `timeoutMs` or as soon as the server
   * exits. `describe` explains in the error what was awaited.
   */
  async waitFor<T>(describe: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = START_TIMEOUT_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (this.hasExited()) throw new Error(`${this.name} exited (${this.exitStatus}) while waiting until ${describe}`);
      if (Date.now() > deadline) throw new Error(`${this.name}: timed out after ${timeoutMs} ms waiting until ${describe}`);
      await delay(POLL_INTERVAL_MS);
    }
  }

  waitUntilListening(port: number): Promise<true> {
    return this.waitFor(`it listens on 127.0.0.1:${port}`, async () => ((await accepts(port)) ? true : undefined));
  }

  /** Asks the whole process group to stop, kills it if it has not within a grace period. */
  async stop(): Promise<void> {
    if (!running.delete(this)) return;
    if (!this.hasExited()) {
      this.signalGroup("SIGTERM");
      const stoppedInTime = await Promise.race([this.exited.then(() => true), delay(STOP_GRACE_MS).then(() => false)]);
      if (!stoppedInTime) this.signalGroup("SIGKILL");
      await this.exited;
    }
    // Workers of a master that died first would survive in the group: make sure none is left.
    this.signalGroup("SIGKILL");
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** For the exit hook, where nothing asynchronous runs any more. */
  killNow(): void {
    this.signalGroup("SIGKILL");
    rmSync(this.dir, { recursive: true, force: true });
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // The group is already gone.
    }
  }
}
