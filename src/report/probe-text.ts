// The words every format uses for a route probe, so that a failed handshake reads the same in a
// terminal, a pull request annotation and a code scanning alert: what the handshake gave, then
// which static findings explain it.
import { displayPath } from "./paths.js";
import type { RouteProbe } from "./types.js";

/** The rule id of a failed probe in formats that want one (sarif, github, gitlab). */
export const PROBE_RULE_ID = "probe/handshake";

/** `nginx/ws-upgrade-header at conf.d/app.conf:12, nginx/ws-http-version at conf.d/app.conf:12` */
function describeFindings(probe: RouteProbe, cwd: string): string {
  const places = probe.findings.map((finding) => `${finding.ruleId ?? "wslint"} at ${displayPath(cwd, finding.file)}:${finding.start.line}`);
  return [...new Set(places)].join(", ");
}

/**
 * How the static findings relate to the live result: they explain a failed handshake; a failure
 * none explains is said to be outside what the rules see; findings beside a pass are problems a
 * handshake does not show. When nothing answered (DNS, TCP, TLS) the findings explain nothing
 * and are only named. Empty for a clean pass and a skipped route.
 */
export function probeConclusion(probe: RouteProbe, cwd: string): string {
  const found = describeFindings(probe, cwd);
  if (probe.outcome === "failed" && probe.result?.response === null) {
    // Nothing answered over HTTP: the route itself was never tried.
    return found === "" ? "" : `the handshake did not reach the route, where static analysis found ${found}`;
  }
  if (probe.outcome === "failed") {
    return found === ""
      ? "no static finding explains it: look at the backend and the network, and at rules turned off or findings suppressed for this route"
      : `static analysis found ${found}`;
  }
  if (probe.outcome === "passed" && found !== "") {
    const hint = probe.result?.hold ? "" : " (an idle timeout shows only with --probe-hold)";
    return `static analysis still found ${found}: not every problem shows in a live handshake${hint}`;
  }
  return "";
}

/** The one-line message: `handshake returned 400; static analysis found nginx/ws-upgrade-header at conf.d/app.conf:12`. */
export function probeMessage(probe: RouteProbe, cwd: string): string {
  const conclusion = probeConclusion(probe, cwd);
  const subject = probe.outcome === "skipped" ? `not probed: ${probe.summary}` : probe.summary;
  return conclusion === "" ? subject : `${subject}; ${conclusion}`;
}

/**
 * A failed probe as a problem report (sarif, github, gitlab), at the route's line: the URL and
 * message, then the probe's diagnosis, a line each.
 */
export function probeProblemLines(probe: RouteProbe, cwd: string): string[] {
  return [`probe ${probe.url}: ${probeMessage(probe, cwd)}`, ...probe.diagnosis];
}

/** `location /ws: ws://127.0.0.1:8080/ws` */
export function probeTitle(probe: RouteProbe): string {
  return probe.url === null ? probe.route : `${probe.route}: ${probe.url}`;
}
