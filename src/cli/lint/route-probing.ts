// `wslint lint --probe`: turns the probe options into probe settings (usage errors before any
// file is read), then probes the routes of the finished lint run and puts each result in the
// report of the file its route is written in.
import { probeRoutes, webSocketRoutesOf, type RouteProbeSettings } from "../../lint/probe/probe-routes.js";
import type { LintRun } from "../../lint/run.js";
import { parseDuration } from "../../probe/duration.js";
import { ProbeUsageError } from "../../probe/errors.js";
import { parseHeaderOption } from "../../probe/headers.js";
import { DEFAULT_TIMEOUT_MS, type ProbeOptions } from "../../probe/probe.js";
import { parseProbeTarget, parseResolveOption } from "../../probe/target.js";
import type { FormatterName } from "../../report/index.js";
import { displayPath } from "../../report/paths.js";
import { probeMessage } from "../../report/probe-text.js";
import type { FileReport } from "../../report/types.js";
import { UsageError, type CliOutput } from "../io.js";
import type { ProbeFlags } from "./probe-options.js";

/** The formats that list every probe; the others report failed probes only, as problems. */
const FORMATS_WITH_EVERY_PROBE: ReadonlySet<FormatterName> = new Set(["stylish", "json"]);

export interface RouteProbing {
  /**
   * Probes every WebSocket route of the run and adds each result to the report of the route's
   * file. Routes the format does not list as skipped are named on standard error. Resolves to
   * whether a probe failed.
   */
  run(files: FileReport[], lintRun: LintRun, format: FormatterName, output: CliOutput): Promise<boolean>;
}

export function prepareRouteProbing(flags: ProbeFlags): RouteProbing {
  const settings = probeSettings(flags);
  return {
    async run(files, lintRun, format, output) {
      const routes = webSocketRoutesOf(lintRun);
      if (routes.length === 0) output.err("wslint: --probe: the configuration has no WebSocket route to probe\n");
      const probed = await probeRoutes(routes, files.flatMap((report) => report.findings), settings);
      for (const { file, probe } of probed) {
        // Every file a unit read has a report, clean or not.
        const report = files.find((candidate) => candidate.file === file)!;
        (report.probes ??= []).push(probe);
        if (probe.outcome === "skipped" && !FORMATS_WITH_EVERY_PROBE.has(format)) {
          const cwd = process.cwd();
          output.err(`wslint: ${displayPath(cwd, file)}:${probe.start.line}: ${probe.route}: ${probeMessage(probe, cwd)}\n`);
        }
      }
      return probed.some(({ probe }) => probe.outcome === "failed");
    },
  };
}

function probeSettings(flags: ProbeFlags): RouteProbeSettings {
  try {
    const baseUrl = flags.probe!;
    const base = parseProbeTarget(baseUrl);
    if (new URL(baseUrl).search !== "") throw new ProbeUsageError(`"${baseUrl}": the routes' paths are appended to BASE_URL, which may not have a ?query`);
    const probe: ProbeOptions = {
      headers: (flags.header ?? []).map(parseHeaderOption),
      resolve: (flags.resolve ?? []).map(parseResolveOption),
      insecure: flags.insecure ?? false,
      timeoutMs: flags.probeTimeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(flags.probeTimeout, "--probe-timeout"),
    };
    if (flags.probeHold !== undefined) probe.holdMs = parseDuration(flags.probeHold, "--probe-hold");
    return { baseUrl: base.url, probe };
  } catch (error) {
    if (!(error instanceof ProbeUsageError)) throw error;
    throw new UsageError(error.message.startsWith("--") ? error.message : `--probe: ${error.message}`);
  }
}
