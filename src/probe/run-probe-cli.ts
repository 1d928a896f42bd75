import { readFileSync } from "node:fs";
import { parseDuration } from "./duration.js";
import { ProbeUsageError } from "./errors.js";
import { parseHeaderOption } from "./headers.js";
import { probeUrl, type ProbeOptions } from "./probe.js";
import { renderProbeText } from "./render-text.js";
import { parseProbeTarget, parseResolveOption } from "./target.js";

export const PROBE_EXIT_OK = 0;
export const PROBE_EXIT_FAILED = 1;
export const PROBE_EXIT_USAGE = 2;

/** The options as commander hands them over: strings, lists of strings for repeatable ones. */
export interface ProbeCliOptions {
  header?: string[];
  origin?: string;
  subprotocol?: string[];
  timeout?: string;
  insecure?: boolean;
  ca?: string;
  servername?: string;
  resolve?: string[];
  send?: string;
  expect?: string;
  hold?: string;
  ping?: string;
  format?: string;
}

/** Shaped like the CLI's own output, so the CLI can hand its writer in. */
export interface ProbeCliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Probes every URL (concurrently), prints the results and returns the exit code. */
export async function runProbeCli(urls: string[], cliOptions: ProbeCliOptions, output: ProbeCliOutput): Promise<number> {
  let options: ProbeOptions;
  try {
    options = probeOptionsFrom(cliOptions);
    if (urls.length === 0) throw new ProbeUsageError("give at least one URL, like ws://localhost:8080/socket");
    for (const url of urls) parseProbeTarget(url, options.resolve);
  } catch (error) {
    if (!(error instanceof ProbeUsageError)) throw error;
    output.err(`wslint probe: ${error.message}\n`);
    return PROBE_EXIT_USAGE;
  }
  const results = await Promise.all(urls.map((url) => probeUrl(url, options)));
  const ok = results.every((result) => result.ok);
  output.out(cliOptions.format === "json" ? `${JSON.stringify({ ok, results }, null, 2)}\n` : renderProbeText(results));
  return ok ? PROBE_EXIT_OK : PROBE_EXIT_FAILED;
}

function probeOptionsFrom(cli: ProbeCliOptions): ProbeOptions {
  const format = cli.format ?? "text";
  if (format !== "text" && format !== "json") throw new ProbeUsageError(`--format: expected text or json, got "${format}"`);
  const options: ProbeOptions = {
    headers: (cli.header ?? []).map(parseHeaderOption),
    subprotocols: cli.subprotocol ?? [],
    resolve: (cli.resolve ?? []).map(parseResolveOption),
    insecure: cli.insecure ?? false,
  };
  if (cli.origin !== undefined) options.origin = cli.origin;
  if (cli.servername !== undefined) options.servername = cli.servername;
  if (cli.send !== undefined) options.send = cli.send;
  if (cli.timeout !== undefined) options.timeoutMs = parseDuration(cli.timeout, "--timeout");
  if (cli.hold !== undefined) options.holdMs = parseDuration(cli.hold, "--hold");
  if (cli.ping !== undefined) {
    if (cli.hold === undefined) throw new ProbeUsageError("--ping needs --hold: pings are sent while the connection is held");
    options.pingIntervalMs = parseDuration(cli.ping, "--ping");
  }
  if (cli.expect !== undefined) {
    try {
      options.expect = new RegExp(cli.expect);
    } catch (error) {
      throw new ProbeUsageError(`--expect: not a regular expression: ${(error as Error).message}`);
    }
  }
  if (cli.ca !== undefined) {
    try {
      options.ca = readFileSync(cli.ca, "utf8");
    } catch (error) {
      throw new ProbeUsageError(`--ca: cannot read ${cli.ca}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  return options;
}

