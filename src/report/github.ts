// GitHub Actions workflow commands: each finding becomes an annotation on the pull request diff.
import type { Finding } from "../engine/finding.js";
import { displayPath } from "./paths.js";
import { PROBE_RULE_ID, probeProblemLines } from "./probe-text.js";
import type { Formatter, RouteProbe } from "./types.js";

/** Escaping of a command's message, as the Actions runner decodes it. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values also may not contain the `,` and `:` that delimit properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function annotation(cwd: string, finding: Finding): string {
  const properties = [
    `file=${escapeProperty(displayPath(cwd, finding.file))}`,
    `line=${finding.start.line}`,
    `col=${finding.start.column}`,
    `endLine=${finding.end.line}`,
    `endColumn=${finding.end.column}`,
    `title=${escapeProperty(finding.ruleId ?? "wslint")}`,
  ].join(",");
  const evidence = finding.evidence?.length ? `\nWebSocket route: ${finding.evidence.join("; ")}` : "";
  return `::${finding.severity} ${properties}::${escapeData(finding.message + evidence)}`;
}

/** A failed probe: an error at the route's first line, with the probe's diagnosis below. */
function probeAnnotation(cwd: string, file: string, probe: RouteProbe): string {
  const properties = [
    `file=${escapeProperty(displayPath(cwd, file))}`,
    `line=${probe.start.line}`,
    `col=${probe.start.column}`,
    `endLine=${probe.end.line}`,
    `endColumn=${probe.end.column}`,
    `title=${PROBE_RULE_ID}`,
  ].join(",");
  return `::error ${properties}::${escapeData(probeProblemLines(probe, cwd).join("\n"))}`;
}

export const formatGithub: Formatter = (input) =>
  input.files
    .flatMap((report) => [
      ...report.findings.map((finding) => annotation(input.cwd, finding)),
      ...(report.probes ?? []).filter((probe) => probe.outcome === "failed").map((probe) => probeAnnotation(input.cwd, report.file, probe)),
    ])
    .map((line) => `${line}\n`)
    .join("");
