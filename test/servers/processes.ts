// What /proc says about processes. A killed worker whose parent died first stays a zombie until
// pid 1 reaps it (slowly, in some containers): it is dead for our purposes, though kill(pid, 0)
// still succeeds on it.
import { readdirSync, readFileSync } from "node:fs";

interface ProcessStatus {
  pid: number;
  state: string;
  parent: number;
  processGroup: number;
}

function status(pid: number): ProcessStatus | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (command) state ppid pgrp ...": the command may contain spaces and parentheses.
    const [state, parent, processGroup] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pid, state: state!, parent: Number(parent), processGroup: Number(processGroup) };
  } catch {
    return undefined;
  }
}

export function isRunning(pid: number): boolean {
  const current = status(pid);
  return current !== undefined && current.state !== "Z";
}

function runningProcesses(): ProcessStatus[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => status(Number(entry)))
    .filter((current): current is ProcessStatus => current !== undefined && current.state !== "Z");
}

/** The pids of the processes of a process group that are still running. */
export function runningInGroup(processGroup: number): number[] {
  return runningProcesses()
    .filter((current) => current.processGroup === processGroup)
    .map((current) => current.pid);
}

/** The pids of a process's running children (an nginx master's workers). */
export function runningChildren(parent: number): number[] {
  return runningProcesses()
    .filter((current) => current.parent === parent)
    .map((current) => current.pid);
}
