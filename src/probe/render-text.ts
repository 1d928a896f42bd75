import { formatMilliseconds } from "./duration.js";
import type { CheckId, ProbeResult, ProbeTimings } from "./types.js";

const CHECK_LABELS: Record<CheckId, string> = {
  dns: "DNS",
  connect: "TCP connect",
  tls: "TLS",
  response: "response",
  status: "status",
  upgrade: "Upgrade",
  connection: "Connection",
  accept: "Accept",
  subprotocol: "subprotocol",
  extensions: "extensions",
  exchange: "message",
  hold: "hold",
  pings: "pings",
};

const LABEL_WIDTH = Math.max(...Object.values(CHECK_LABELS).map((label) => label.length)) + 2;
const WRAP_COLUMN = 100;

/** One block per URL: a heading, one line per check, the timings, then the diagnosis. */
export function renderProbeText(results: readonly ProbeResult[]): string {
  const blocks = results.map(renderResult);
  if (results.length > 1) {
    const passed = results.filter((result) => result.ok).length;
    blocks.push(`${passed} of ${results.length} URLs passed`);
  }
  return `${blocks.join("\n\n")}\n`;
}

function renderResult(result: ProbeResult): string {
  const lines = [`${result.ok ? "✓" : "✗"} ${result.url}`];
  for (const check of result.checks) {
    lines.push(`  ${check.passed ? "✓" : "✗"} ${CHECK_LABELS[check.id].padEnd(LABEL_WIDTH)}${check.detail}`);
  }
  lines.push(`  timings: ${renderTimings(result.timings)}`);
  for (const diagnosis of result.diagnosis) lines.push(...wrap(diagnosis.message, "  → ", "    "));
  return lines.join("\n");
}

function renderTimings(timings: ProbeTimings): string {
  const phases: Array<[string, number | null]> = [
    ["dns", timings.dnsMs],
    ["connect", timings.connectMs],
    ["tls", timings.tlsMs],
    ["first byte", timings.firstByteMs],
    ["headers", timings.headersMs],
    ["total", timings.totalMs],
  ];
  return phases
    .filter((phase): phase is [string, number] => phase[1] !== null)
    .map(([name, milliseconds]) => `${name} ${formatMilliseconds(milliseconds)}`)
    .join(" · ");
}

function wrap(text: string, firstIndent: string, nextIndent: string): string[] {
  const lines: string[] = [];
  let line = firstIndent;
  for (const word of text.split(/\s+/)) {
    const atLineStart = line === firstIndent || line === nextIndent;
    if (!atLineStart && line.length + 1 + word.length > WRAP_COLUMN) {
      lines.push(line);
      line = nextIndent + word;
    } else {
      line += atLineStart ? word : ` ${word}`;
    }
  }
  lines.push(line);
  return lines;
}
