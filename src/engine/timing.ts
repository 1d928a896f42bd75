// `WSLINT_TIMING=1 wslint lint ...` prints, on standard error after the report, how long each
// phase of the run took: where the time of a slow lint goes, as ESLint's TIMING=1 shows it for
// its rules. Off, a phase costs one null check.
import { performance } from "node:perf_hooks";

/** The phases in the order a run goes through them; a phase that runs again (--fix) adds up. */
export const PHASES = ["read and parse", "model", "rules", "suppressions", "report"] as const;
export type Phase = (typeof PHASES)[number];

let totals: Map<Phase, number> | null = null;
let startedAt = 0;

export function timingRequested(env: NodeJS.ProcessEnv): boolean {
  return env.WSLINT_TIMING !== undefined && env.WSLINT_TIMING !== "" && env.WSLINT_TIMING !== "0";
}

export function startTiming(): void {
  totals = new Map();
  startedAt = performance.now();
}

function add(phase: Phase, since: number): void {
  totals!.set(phase, (totals!.get(phase) ?? 0) + performance.now() - since);
}

export function timed<T>(phase: Phase, work: () => T): T {
  if (totals === null) return work();
  const since = performance.now();
  try {
    return work();
  } finally {
    add(phase, since);
  }
}

export async function timedAsync<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
  if (totals === null) return work();
  const since = performance.now();
  try {
    return await work();
  } finally {
    add(phase, since);
  }
}

/**
 * The table printed at the end: each phase, then what the process spent before the lint began
 * (Node.js starting, wslint's modules loading) and the whole run so far, in milliseconds.
 */
export function timingTable(): string {
  if (totals === null) return "";
  const rows: [string, number][] = [["start-up", startedAt], ...PHASES.map((phase): [string, number] => [phase, totals!.get(phase) ?? 0])];
  const measured = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const total = performance.now();
  rows.push(["other", Math.max(0, total - measured)], ["total", total]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return `wslint timing (ms):\n${rows.map(([label, ms]) => `  ${label.padEnd(width)}  ${ms.toFixed(1).padStart(8)}`).join("\n")}\n`;
}
