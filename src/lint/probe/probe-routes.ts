// `wslint lint --probe BASE_URL`: a live handshake through every WebSocket route the linted
// configuration has, each result joined to the static findings of the same route.
import type { Finding } from "../../engine/finding.js";
import { formatMilliseconds } from "../../probe/duration.js";
import { probeUrl, type ProbeOptions } from "../../probe/probe.js";
import type { ProbeResult } from "../../probe/types.js";
import type { RouteProbe } from "../../report/types.js";
import type { LintRun } from "../run.js";
import { findingsByRoute } from "./link.js";
import { uniqueRoutes, type WebSocketRoute } from "./routes.js";

export interface RouteProbeSettings {
  /** --probe: scheme, host, port and an optional path prefix the routes' paths are appended to. */
  baseUrl: string;
  /** What each probe is given: --header, --resolve, --insecure, --probe-hold, --probe-timeout. */
  probe: ProbeOptions;
}

/** Probes at a time: enough to keep a run of many routes short, few enough not to flood a proxy. */
export const PROBE_CONCURRENCY = 4;

/** The WebSocket routes of every unit linted, as its files are after --fix; each route once. */
export function webSocketRoutesOf(run: LintRun): WebSocketRoute[] {
  return uniqueRoutes(run.units.flatMap(({ unit, texts }) => unit.webSocketRoutes(texts)));
}

/** `http://proxy:8080/app` + `/ws` = `http://proxy:8080/app/ws`: the base's path is the prefix the proxy is mounted at. */
export function routeUrl(baseUrl: string, path: string): string {
  const base = new URL(baseUrl);
  return `${base.protocol}//${base.host}${base.pathname.replace(/\/$/, "")}${path}`;
}

export interface ProbedRoute {
  /** The file the route is written in, whose report the probe goes to. */
  file: string;
  probe: RouteProbe;
}

/**
 * One probe per path of each route, at most PROBE_CONCURRENCY at a time, each bounded by the
 * probe's own timeout (and hold). A route without a known path is reported as skipped.
 */
export async function probeRoutes(
  routes: readonly WebSocketRoute[],
  findings: readonly Finding[],
  settings: RouteProbeSettings,
): Promise<ProbedRoute[]> {
  const linked = findingsByRoute(routes, findings);
  const planned = routes.flatMap((route): { route: WebSocketRoute; path: string | null }[] =>
    route.paths.length === 0 ? [{ route, path: null }] : route.paths.map((path) => ({ route, path })),
  );
  return mapWithConcurrency(planned, PROBE_CONCURRENCY, async ({ route, path }) => {
    const routeFindings = linked.get(route)!;
    const probe =
      path === null
        ? skippedProbe(route, routeFindings)
        : probedRoute(route, routeFindings, await probeUrl(routeUrl(settings.baseUrl, path), settings.probe));
    return { file: route.file, probe };
  });
}

function skippedProbe(route: WebSocketRoute, findings: Finding[]): RouteProbe {
  return {
    route: route.name,
    ...route.head,
    outcome: "skipped",
    url: null,
    summary: route.noPathBecause!,
    diagnosis: [],
    findings,
    result: null,
  };
}

function probedRoute(route: WebSocketRoute, findings: Finding[], result: ProbeResult): RouteProbe {
  return {
    route: route.name,
    ...route.head,
    outcome: result.ok ? "passed" : "failed",
    url: result.url,
    summary: summarize(result),
    diagnosis: result.diagnosis.map((diagnosis) => diagnosis.message),
    findings,
    result,
  };
}

/** What the probe saw, in a few words: `handshake returned 400 Bad Request`. */
export function summarize(result: ProbeResult): string {
  const failed = result.checks.find((check) => !check.passed);
  const { response, hold } = result;
  if (failed === undefined) {
    const held = hold === null ? "" : `, open after ${formatMilliseconds(hold.requestedMs)} idle`;
    return `handshake passed (${response!.status} ${response!.reason} in ${formatMilliseconds(result.timings.totalMs)})${held}`;
  }
  if (response !== null && response.status !== 101) return `handshake returned ${`${response.status} ${response.reason}`.trim()}`;
  if (failed.id === "hold") return `handshake passed, but the idle connection was ${failed.detail}`;
  return `${failed.id} failed: ${failed.detail}`;
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
