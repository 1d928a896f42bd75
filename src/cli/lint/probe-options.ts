// The options of `wslint lint --probe BASE_URL`. Only commander is loaded here, at start-up; the
// probe itself is imported when a run asks for it.
import type { Command } from "commander";
import type { FixMode } from "../../lint/run.js";
import { UsageError } from "../io.js";
import type { RouteProbing } from "./route-probing.js";

export interface ProbeFlags {
  probe?: string;
  probeHold?: string;
  probeTimeout?: string;
  header?: string[];
  resolve?: string[];
  insecure?: boolean;
}

/** The options that only mean something with --probe, by their flag. */
const PROBE_ONLY: Record<string, keyof ProbeFlags> = {
  "--probe-hold": "probeHold",
  "--probe-timeout": "probeTimeout",
  "--header": "header",
  "--resolve": "resolve",
  "--insecure": "insecure",
};

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addProbeOptions(command: Command): Command {
  return command
    .option("--probe <base-url>", "after linting, open a WebSocket handshake to BASE_URL + the path of each WebSocket route, and report it beside the route's findings")
    .option("--probe-hold <duration>", "with --probe: keep each connection open and idle this long (75s) and fail if something closes it")
    .option("--probe-timeout <duration>", "with --probe: the handshake timeout of each probe (default 10s)")
    .option("--header <header>", 'with --probe: extra request header "Name: value" (repeatable)', collect)
    .option("--resolve <host:port:addr>", "with --probe: connect to ADDR for HOST:PORT, keeping HOST for Host, SNI and the certificate (repeatable)", collect)
    .option("--insecure", "with --probe: do not verify the server's TLS certificate");
}

/** Null without --probe; the probing a run asks for otherwise. Throws UsageError for options that do not go together. */
export async function routeProbingFor(flags: ProbeFlags, fix: FixMode): Promise<RouteProbing | null> {
  if (flags.probe === undefined) {
    const stray = Object.entries(PROBE_ONLY).find(([, key]) => flags[key] !== undefined);
    if (stray !== undefined) throw new UsageError(`${stray[0]} needs --probe BASE_URL`);
    return null;
  }
  if (fix === "dry-run") throw new UsageError("--probe cannot be used with --fix-dry-run, which prints a diff instead of a report");
  const { prepareRouteProbing } = await import("./route-probing.js");
  return prepareRouteProbing(flags);
}
