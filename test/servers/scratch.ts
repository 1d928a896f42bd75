// Every file the harness writes (prefixes, configs, pid and log files) lives in one scratch root
// per test run. The vitest global setup creates it and names it in WSLINT_SERVER_ROOT, so that its
// teardown can find and kill any server a crashed test worker left behind; outside vitest each
// process makes its own root and removes it on exit. Nothing here may import vitest.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runningInGroup } from "./processes.js";

export const SCRATCH_ROOT_VARIABLE = "WSLINT_SERVER_ROOT";

/** Written into a running server's directory: the id of its process group, for the sweep. */
const PROCESS_GROUP_FILE = "process-group";

let ownRoot: string | undefined;

function scratchRoot(): string {
  const shared = process.env[SCRATCH_ROOT_VARIABLE];
  if (shared) return shared;
  if (ownRoot === undefined) {
    const root = makeScratchRoot();
    process.once("exit", () => rmSync(root, { recursive: true, force: true }));
    ownRoot = root;
  }
  return ownRoot;
}

export function makeScratchRoot(): string {
  return mkdtempSync(join(tmpdir(), "wslint-servers-"));
}

/** A fresh directory for one check or one server, e.g. `.../nginx-Ab12Cd`. */
export function makeScratchDir(purpose: string): string {
  return mkdtempSync(join(scratchRoot(), `${purpose}-`));
}

export function recordProcessGroup(dir: string, processGroup: number): void {
  writeFileSync(join(dir, PROCESS_GROUP_FILE), `${processGroup}\n`);
}

/**
 * Kills every server process group still alive under `root` and removes the root. Returns the
 * directories of the servers it had to kill: any at all means a test or the harness leaked one.
 */
export function sweepScratchRoot(root: string): string[] {
  const leaked: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    let processGroup: number;
    try {
      processGroup = Number(readFileSync(join(root, entry.name, PROCESS_GROUP_FILE), "utf8"));
    } catch {
      continue;
    }
    if (processGroup > 1 && runningInGroup(processGroup).length > 0) {
      process.kill(-processGroup, "SIGKILL");
      leaked.push(join(root, entry.name));
    }
  }
  rmSync(root, { recursive: true, force: true });
  return leaked;
}
