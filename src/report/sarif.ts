// SARIF 2.1.0 for code scanning services (GitHub, Azure DevOps, SonarQube imports).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PARSE_ERROR_RULE_ID, type Finding, type Fix, type Severity } from "../engine/finding.js";
import type { ConfiguredSeverity, RuleMeta } from "../engine/rule.js";
import { displayPath } from "./paths.js";
import { PROBE_RULE_ID, probeProblemLines } from "./probe-text.js";
import type { Formatter, ReportInput, RouteProbe } from "./types.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const SOURCE_ROOT = "%SRCROOT%";

type SarifLevel = "error" | "warning" | "none";

function levelOf(severity: Severity | ConfiguredSeverity): SarifLevel {
  return severity === "off" ? "none" : severity;
}

const PARSE_ERROR_RULE: RuleMeta<unknown> = {
  id: PARSE_ERROR_RULE_ID,
  description: "The file could not be parsed; nothing in it was checked.",
  defaultSeverity: "error",
  fixable: false,
  docs: "docs/parse-errors.md",
};

/** Findings of the engine itself (ruleId null) get this id: code scanning wants one on every result. */
const ENGINE_RULE: RuleMeta<unknown> = {
  id: "wslint",
  description: "Problems with wslint's own comments in the configuration, such as disable directives that silence nothing.",
  defaultSeverity: "warning",
  fixable: false,
  docs: "docs/suppressions.md",
};

/** The rule of a failed live handshake through a route (`wslint lint --probe`). */
const PROBE_RULE: RuleMeta<unknown> = {
  id: PROBE_RULE_ID,
  description: "A live WebSocket handshake through the route (wslint lint --probe) failed.",
  defaultSeverity: "error",
  fixable: false,
  docs: "README.md#probe",
};

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** Relative to the working directory (uriBaseId %SRCROOT%) when inside it, a file: URI otherwise. */
function artifactLocation(cwd: string, file: string): ArtifactLocation {
  const shown = displayPath(cwd, file);
  if (shown.startsWith("/")) return { uri: pathToFileURL(shown).href };
  return { uri: shown.split("/").map(encodeURIComponent).join("/"), uriBaseId: SOURCE_ROOT };
}

function region(start: Finding["start"], end: Finding["end"]) {
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

function sarifFix(cwd: string, description: string, fix: Fix) {
  return {
    description: { text: description },
    artifactChanges: fix.map((edit) => ({
      artifactLocation: artifactLocation(cwd, edit.file),
      replacements: [
        {
          deletedRegion: { charOffset: edit.range[0], charLength: edit.range[1] - edit.range[0] },
          insertedContent: { text: edit.text },
        },
      ],
    })),
  };
}

/**
 * Where rule documents are published, for SARIF's helpUri: the ToolInfo's, else the environment
 * variable WSLINT_DOCS_BASE_URL (such as https://github.com/you/wslint/blob/v0.1.0/). Without one
 * there is no helpUri: a repository path is not a link code scanning can open, and wslint has no
 * public address of its own yet. Only absolute http(s) URLs count.
 */
export const DOCS_BASE_ENV = "WSLINT_DOCS_BASE_URL";

function docsBase(toolBase: string | undefined): URL | undefined {
  const text = toolBase ?? process.env[DOCS_BASE_ENV];
  if (text === undefined || text === "" || !URL.canParse(text)) return undefined;
  const url = new URL(text.endsWith("/") ? text : `${text}/`);
  return url.protocol === "https:" || url.protocol === "http:" ? url : undefined;
}

/** The package root (the directory of wslint's package.json), from src/report or dist/src/report. */
function packageRoot(): string | undefined {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(directory, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "wslint") return directory;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/**
 * A rule's document as SARIF help.markdown (code scanning shows it with each alert): its text
 * without the title, which the alert shows anyway. Links relative to the document become absolute
 * under the docs base, or just their text without one. Docs that name a section (`README.md#probe`)
 * or cannot be read give none.
 */
function helpMarkdown(rule: RuleMeta<unknown>, root: string | undefined, base: URL | undefined): string | undefined {
  if (root === undefined || URL.canParse(rule.docs) || rule.docs.includes("#")) return undefined;
  const path = join(root, rule.docs);
  if (!existsSync(path)) return undefined;
  const body = readFileSync(path, "utf8").replace(/^# .*\n+/, "");
  return body.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (link, text: string, target: string) => {
    if (URL.canParse(target)) return link;
    return base === undefined ? text : `[${text}](${new URL(target, new URL(rule.docs, base)).href})`;
  });
}

function helpUri(rule: RuleMeta<unknown>, base: URL | undefined): string | undefined {
  if (URL.canParse(rule.docs)) return rule.docs;
  return base === undefined ? undefined : new URL(rule.docs, base).href;
}

function helpText(rule: RuleMeta<unknown>, uri: string | undefined): string {
  return `${rule.description} See ${uri ?? `${rule.docs} in the wslint package`}.`;
}

export function sarifLog(input: ReportInput): Record<string, unknown> {
  const rules = new Map(input.rules);
  const allFindings = input.files.flatMap((report) => [...report.findings, ...(report.suppressed ?? []).map((s) => s.finding)]);
  if (allFindings.some((finding) => finding.ruleId === PARSE_ERROR_RULE_ID)) rules.set(PARSE_ERROR_RULE_ID, PARSE_ERROR_RULE);
  if (allFindings.some((finding) => finding.ruleId === null)) rules.set(ENGINE_RULE.id, ENGINE_RULE);
  const failedProbes = input.files.flatMap((report) =>
    (report.probes ?? []).filter((probe) => probe.outcome === "failed").map((probe) => ({ file: report.file, probe })),
  );
  if (failedProbes.length > 0) rules.set(PROBE_RULE.id, PROBE_RULE);
  const descriptors = [...rules.values()].sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(descriptors.map((rule, index) => [rule.id, index]));

  const result = (finding: Finding, suppressions?: { kind: "inSource"; justification?: string }[]) => {
    const entry: Record<string, unknown> = {
      level: levelOf(finding.severity),
      message: { text: finding.message },
      locations: [
        { physicalLocation: { artifactLocation: artifactLocation(input.cwd, finding.file), region: region(finding.start, finding.end) } },
      ],
    };
    entry.ruleId = finding.ruleId ?? ENGINE_RULE.id;
    const index = ruleIndex.get(entry.ruleId as string);
    if (index !== undefined) entry.ruleIndex = index;
    if (finding.related !== undefined && finding.related.length > 0) {
      entry.relatedLocations = finding.related.map((related, id) => ({
        id,
        message: { text: related.message },
        physicalLocation: { artifactLocation: artifactLocation(input.cwd, related.file), region: region(related.start, related.end) },
      }));
    }
    const fixes = [
      ...(finding.fix === undefined ? [] : [sarifFix(input.cwd, "Apply with wslint --fix", finding.fix)]),
      ...(finding.suggestions ?? []).map((suggestion) => sarifFix(input.cwd, suggestion.description, suggestion.fix)),
    ];
    if (fixes.length > 0) entry.fixes = fixes;
    if (finding.evidence !== undefined && finding.evidence.length > 0) entry.properties = { evidence: finding.evidence };
    if (suppressions !== undefined) entry.suppressions = suppressions;
    return entry;
  };

  // A failed probe at the route's first line, its related locations the findings that explain it.
  const probeResult = (file: string, probe: RouteProbe) => ({
    ruleId: PROBE_RULE.id,
    ruleIndex: ruleIndex.get(PROBE_RULE.id),
    level: "error",
    message: { text: probeProblemLines(probe, input.cwd).join("\n") },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(input.cwd, file), region: region(probe.start, probe.end) } }],
    ...(probe.findings.length > 0
      ? {
          relatedLocations: probe.findings.map((finding, id) => ({
            id,
            message: { text: `${finding.ruleId ?? ENGINE_RULE.id}: ${finding.message}` },
            physicalLocation: { artifactLocation: artifactLocation(input.cwd, finding.file), region: region(finding.start, finding.end) },
          })),
        }
      : {}),
    properties: { route: probe.route, url: probe.url },
  });

  const base = docsBase(input.tool.docsBaseUri);
  const root = packageRoot();

  const results = input.files.flatMap((report) => [
    ...report.findings.map((finding) => result(finding)),
    ...(report.suppressed ?? []).map(({ finding, directives }) =>
      result(
        finding,
        directives.map((directive) => (directive.reason === null ? { kind: "inSource" } : { kind: "inSource", justification: directive.reason })),
      ),
    ),
  ]);
  results.push(...failedProbes.map(({ file, probe }) => probeResult(file, probe)));

  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: input.tool.name,
            version: input.tool.version,
            ...(input.tool.informationUri === undefined ? {} : { informationUri: input.tool.informationUri }),
            rules: descriptors.map((rule) => {
              const uri = helpUri(rule, base);
              const markdown = helpMarkdown(rule, root, base);
              return {
                id: rule.id,
                shortDescription: { text: rule.description },
                fullDescription: { text: rule.description },
                help: { text: helpText(rule, uri), ...(markdown === undefined ? {} : { markdown }) },
                ...(uri === undefined ? {} : { helpUri: uri }),
                defaultConfiguration: { level: levelOf(rule.defaultSeverity) },
                properties: { fixable: rule.fixable },
              };
            }),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(input.cwd).href.replace(/\/?$/, "/") } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

export const formatSarif: Formatter = (input) => JSON.stringify(sarifLog(input), null, 2);
