// The parent side of parse-worker.mjs: checks one input at a time within a time budget, and
// replaces the worker when a parse overruns it or kills the worker.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import type { SyntaxProblem } from "../../src/syntax/problems.js";
import { REPOSITORY_ROOT, type Dialect } from "./fixtures.js";

export interface WorkerVerdict {
  /** What went wrong: an exception, a broken round trip, a bad position, or the time budget. */
  failure?: string;
  problems: SyntaxProblem[];
}

interface Reply extends WorkerVerdict {
  id: number;
}

export class ParseInWorker {
  private worker!: Worker;
  private ready!: Promise<void>;
  private nextId = 0;
  private pending: { id: number; settle: (verdict: WorkerVerdict) => void } | undefined;

  constructor() {
    this.start();
  }

  private start(): void {
    // The CLI parses on Node's main thread, whose stack is about 1 MB; a worker's defaults to 4 MB,
    // which would let through a recursion that overflows in real use.
    this.worker = new Worker(new URL("./parse-worker.mjs", import.meta.url), { resourceLimits: { stackSizeMb: 1 } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once("message", () => resolve());
      this.worker.once("error", reject);
    });
    this.worker.on("message", (reply: Reply) => {
      if (this.pending && this.pending.id === reply.id) this.pending.settle(reply);
    });
    // A crash the worker could not catch (out of memory, native stack overflow).
    this.worker.on("error", (error) => this.pending?.settle({ failure: `the worker died: ${error.stack}`, problems: [] }));
  }

  private async restart(): Promise<void> {
    await this.worker.terminate();
    this.start();
  }

  /** Parses `bytes` as `dialect`, prints the tree back and checks every position. */
  async check(dialect: Dialect, bytes: Uint8Array, budgetMs: number): Promise<WorkerVerdict> {
    await this.ready;
    const id = ++this.nextId;
    const verdict = await new Promise<WorkerVerdict>((resolve) => {
      const timer = setTimeout(
        () => resolve({ failure: `did not finish within ${budgetMs} ms`, problems: [] }),
        budgetMs,
      );
      this.pending = {
        id,
        settle: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
      };
      this.worker.postMessage({ id, dialect, bytes });
    });
    this.pending = undefined;
    if (verdict.failure?.startsWith("did not finish") || verdict.failure?.startsWith("the worker died")) await this.restart();
    return verdict;
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** The built modules the worker loads, and the ones they import, transitively. */
const WORKER_ENTRY_MODULES = [
  "src/syntax/source.js",
  "src/nginx/parse.js",
  "src/nginx/print.js",
  "src/haproxy/parse.js",
  "src/haproxy/print.js",
];

function builtModulesFrom(entries: readonly string[]): string[] {
  const visited = new Set<string>();
  const pending = entries.map((entry) => join(REPOSITORY_ROOT, "dist", entry));
  while (pending.length > 0) {
    const module = pending.pop()!;
    if (visited.has(module)) continue;
    visited.add(module);
    const code = readFileSync(module, "utf8");
    for (const [, specifier] of code.matchAll(/\bfrom\s+["'](\.{1,2}\/[^"']+)["']/g)) {
      pending.push(resolve(dirname(module), specifier!));
    }
  }
  return [...visited];
}

/** The file a built module was compiled from: its TypeScript source, or a generated grammar's .ne. */
function sourceOf(builtModule: string): string {
  const inRepository = relative(join(REPOSITORY_ROOT, "dist"), builtModule);
  const grammar = /^src\/generated\/(.+)-grammar\.js$/.exec(inRepository);
  return grammar ? join(REPOSITORY_ROOT, "grammar", `${grammar[1]}.ne`) : join(REPOSITORY_ROOT, inRepository.replace(/\.js$/, ".ts"));
}

/**
 * The worker runs the built parsers: a source or grammar file changed after its last build would
 * make the fuzz tests test old code. `npm test` builds first; running vitest alone may not.
 */
export function staleBuildMessage(): string | undefined {
  const entries = WORKER_ENTRY_MODULES.map((entry) => join(REPOSITORY_ROOT, "dist", entry));
  const missing = entries.find((entry) => !existsSync(entry));
  if (missing) return `${relative(REPOSITORY_ROOT, missing)} is missing: run npm run build (npm test does)`;
  for (const built of builtModulesFrom(WORKER_ENTRY_MODULES)) {
    const source = sourceOf(built);
    if (existsSync(source) && statSync(source).mtimeMs > statSync(built).mtimeMs) {
      return `${relative(REPOSITORY_ROOT, source)} changed after it was built: run npm run build (npm test does)`;
    }
  }
  return undefined;
}
