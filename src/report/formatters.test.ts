import { join } from "node:path";
import { sarifValidator } from "../../test/sarif-schema.js";
import { describe, expect, it } from "vitest";
import type { Finding } from "../engine/finding.js";
import type { RuleMeta } from "../engine/rule.js";
import type { DisableDirective } from "../engine/suppressions.js";
import { LineIndex } from "../syntax/source.js";
import { FORMATTERS, isFormatterName } from "./index.js";
import { eslintResults } from "./json.js";
import { sarifLog } from "./sarif.js";
import type { ProbeResult } from "../probe/types.js";
import type { ReportInput, RouteProbe } from "./types.js";

const CWD = "/work/project";
const CHAT = "sites/chat.conf";
const HTTP = "nginx.conf";
const BROKEN = "sites/broken.conf";
const OUTSIDE = "/elsewhere/x.conf";
const CHAT_TEXT = "server {\n\tlisten 80;\n\tlocation /ws/ {\n\t\tproxy_pass http://chat;\n\t}\n}\n";
const HTTP_TEXT = "http {\n    include sites/*.conf;\n}\n";
const BROKEN_TEXT = "server {\n";

function span(text: string, needle: string, from = 0) {
  const lines = new LineIndex(text);
  const offset = text.indexOf(needle, from);
  if (offset === -1) throw new Error(`${needle} not in text`);
  return { start: lines.position(offset), end: lines.position(offset + needle.length) };
}

const upgrade: Finding = {
  ruleId: "nginx/ws-upgrade-header",
  severity: "error",
  message: "WebSocket route does not forward the Upgrade header.",
  file: CHAT,
  ...span(CHAT_TEXT, "proxy_pass http://chat;"),
  fix: [{ file: CHAT, range: [span(CHAT_TEXT, "proxy_pass").start.offset, span(CHAT_TEXT, "proxy_pass").start.offset], text: "proxy_set_header Upgrade $http_upgrade;\n\t\t" }],
  evidence: ["location /ws/ matches websocket.paths", "upstream chat is in websocket.backends"],
  suggestions: [{ description: "Forward only for /ws/", fix: [{ file: CHAT, range: [0, 0], text: "# x\n" }] }],
};
const timeout: Finding = {
  ruleId: "nginx/ws-read-timeout",
  severity: "warning",
  message: "proxy_read_timeout is 60s, shorter than the 61s idle period.",
  file: CHAT,
  ...span(CHAT_TEXT, "location /ws/"),
  fix: [
    { file: CHAT, range: [span(CHAT_TEXT, "{\n\t\tproxy").end.offset - 7, span(CHAT_TEXT, "{\n\t\tproxy").end.offset - 7], text: "proxy_read_timeout 3600s;\n\t\t" },
    { file: HTTP, range: [7, 7], text: "    map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n" },
  ],
  related: [{ message: "included from here", file: HTTP, ...span(HTTP_TEXT, "include sites/*.conf;") }],
};
const parseError: Finding = {
  ruleId: "parse-error",
  severity: "error",
  message: "unexpected end of file, expecting '}'",
  file: BROKEN,
  ...span(BROKEN_TEXT, ""),
  fatal: true,
};
parseError.start = parseError.end = new LineIndex(BROKEN_TEXT).position(BROKEN_TEXT.length);
const unused: Finding = {
  ruleId: null,
  severity: "warning",
  message: "100% odd: a, b\r\nand more",
  file: OUTSIDE,
  start: { offset: 0, line: 1, column: 1 },
  end: { offset: 5, line: 1, column: 6 },
};
const suppressedFinding: Finding = { ...upgrade, message: "suppressed one", fix: undefined, suggestions: undefined, evidence: undefined };
const directive: DisableDirective = {
  scope: "line",
  file: CHAT,
  line: 4,
  ruleIds: ["nginx/ws-upgrade-header"],
  reason: "the CDN terminates WebSockets",
  start: upgrade.start,
  end: upgrade.end,
};

const meta = (id: string, defaultSeverity: RuleMeta["defaultSeverity"], fixable: boolean): RuleMeta<unknown> => ({
  id,
  description: `${id} description.`,
  defaultSeverity,
  fixable,
  docs: `rules/${id}/README.md`,
});

/** A probe result as probeUrl gives it, with what the formatters read. */
function probeResultWith(url: string, status: number, reason: string): ProbeResult {
  return {
    url,
    ok: status === 101,
    checks: [{ id: "status", passed: status === 101, detail: `HTTP/1.1 ${status} ${reason}` }],
    timings: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 2, headersMs: 2, totalMs: 3 },
    request: { connectedTo: "127.0.0.1:8080", requestLine: "GET /ws/ HTTP/1.1", headers: [] },
    response: { httpVersion: "1.1", status, reason, headers: [] },
    exchange: null,
    hold: null,
    diagnosis: [],
  };
}

const routeHead = span(CHAT_TEXT, "location /ws/");
const failedProbe: RouteProbe = {
  route: "location /ws/",
  ...routeHead,
  outcome: "failed",
  url: "ws://127.0.0.1:8080/ws/",
  summary: "handshake returned 426 Upgrade Required",
  diagnosis: ["426 Upgrade Required: the backend expects a WebSocket upgrade."],
  findings: [upgrade],
  result: probeResultWith("ws://127.0.0.1:8080/ws/", 426, "Upgrade Required"),
};
const passedProbe: RouteProbe = {
  route: "location /ws/",
  ...routeHead,
  outcome: "passed",
  url: "ws://127.0.0.1:8080/ws/echo",
  summary: "handshake passed (101 Switching Protocols in 3 ms)",
  diagnosis: [],
  findings: [timeout],
  result: probeResultWith("ws://127.0.0.1:8080/ws/echo", 101, "Switching Protocols"),
};
const skippedProbe: RouteProbe = {
  route: "location ~ ^/live$",
  start: unused.start,
  end: unused.end,
  outcome: "skipped",
  url: null,
  summary: "a regex location names no path to probe",
  diagnosis: [],
  findings: [],
  result: null,
};

const input: ReportInput = {
  cwd: CWD,
  tool: { name: "wslint", version: "0.1.0", informationUri: "https://example.com/wslint", docsBaseUri: "https://example.com/wslint/blob/main/" },
  rules: new Map(
    [meta("nginx/ws-upgrade-header", "error", true), meta("nginx/ws-read-timeout", "warning", true), meta("nginx/ws-off", "off", false)].map(
      (rule) => [rule.id, rule],
    ),
  ),
  files: [
    { file: HTTP, findings: [], text: HTTP_TEXT },
    { file: BROKEN, findings: [parseError], text: BROKEN_TEXT },
    {
      file: CHAT,
      findings: [timeout, upgrade],
      text: CHAT_TEXT,
      suppressed: [{ finding: suppressedFinding, directives: [directive] }],
      probes: [failedProbe, passedProbe],
    },
    { file: OUTSIDE, findings: [unused], probes: [skippedProbe] },
  ],
};

describe("formatter registry", () => {
  it("knows every --format name", () => {
    expect(Object.keys(FORMATTERS).sort()).toEqual(["github", "gitlab", "json", "sarif", "stylish"]);
    expect(isFormatterName("sarif")).toBe(true);
    expect(isFormatterName("toString")).toBe(false);
  });
});

describe("stylish", () => {
  it("groups by file, shows the line with a marker, evidence and a summary", () => {
    const output = FORMATTERS.stylish(input, { color: false });
    expect(output).toBe(
      [
        "sites/broken.conf",
        "  2:1  error    unexpected end of file, expecting '}'  parse-error",
        "    2 | ",
        "      | ^",
        "",
        "sites/chat.conf",
        "  3:2  warning  proxy_read_timeout is 60s, shorter than the 61s idle period.  nginx/ws-read-timeout",
        "    3 | \tlocation /ws/ {",
        "      | \t^~~~~~~~~~~~~",
        "      = nginx.conf:2:5: included from here",
        "  4:3  error    WebSocket route does not forward the Upgrade header.  nginx/ws-upgrade-header",
        "    4 | \t\tproxy_pass http://chat;",
        "      | \t\t^~~~~~~~~~~~~~~~~~~~~~~",
        "      = WebSocket route: location /ws/ matches websocket.paths; upstream chat is in websocket.backends",
        "      = suggestion: Forward only for /ws/",
        "  ✗ 3:2  probe location /ws/: ws://127.0.0.1:8080/ws/",
        "      handshake returned 426 Upgrade Required; static analysis found nginx/ws-upgrade-header at sites/chat.conf:4",
        "      → 426 Upgrade Required: the backend expects a WebSocket upgrade.",
        "  ✓ 3:2  probe location /ws/: ws://127.0.0.1:8080/ws/echo",
        "      handshake passed (101 Switching Protocols in 3 ms); static analysis still found nginx/ws-read-timeout at sites/chat.conf:3: not every problem shows in a live handshake (an idle timeout shows only with --probe-hold)",
        "",
        "/elsewhere/x.conf",
        "  1:1  warning  100% odd: a, b\r\nand more",
        "  - 1:1  probe location ~ ^/live$",
        "      not probed: a regex location names no path to probe",
        "",
        "✖ 4 problems (2 errors, 2 warnings)",
        "  2 fixable with --fix",
        "",
        "probes: 1 failed, 1 passed, 1 not probed",
        "",
      ].join("\n"),
    );
  });

  it("colours severities only when asked", () => {
    const coloured = FORMATTERS.stylish(input, { color: true });
    expect(coloured).toContain("\u001b[31merror  \u001b[39m");
    expect(coloured.replace(/\u001b\[\d+m/g, "")).toBe(FORMATTERS.stylish(input, { color: false }));
  });

  it("prints nothing for clean files, and counts in the singular", () => {
    expect(FORMATTERS.stylish({ ...input, files: [{ file: HTTP, findings: [], text: HTTP_TEXT }] }, { color: false })).toBe("");
    const one = FORMATTERS.stylish({ ...input, files: [{ file: BROKEN, findings: [parseError] }] }, { color: false });
    expect(one).toContain("✖ 1 problem (1 error, 0 warnings)\n");
    expect(one).not.toContain("fixable");
  });
});

describe("json", () => {
  const results = eslintResults(input);

  it("has ESLint's shape and counts per file", () => {
    expect(results.map((result) => result.filePath)).toEqual([join(CWD, HTTP), join(CWD, BROKEN), join(CWD, CHAT), OUTSIDE]);
    for (const result of results) {
      expect(Object.keys(result).filter((key) => key !== "source" && key !== "probes")).toEqual([
        "filePath",
        "messages",
        "suppressedMessages",
        "errorCount",
        "fatalErrorCount",
        "warningCount",
        "fixableErrorCount",
        "fixableWarningCount",
        "usedDeprecatedRules",
      ]);
    }
    const chat = results[2]!;
    expect([chat.errorCount, chat.warningCount, chat.fixableErrorCount, chat.fixableWarningCount, chat.fatalErrorCount]).toEqual([1, 1, 1, 1, 0]);
    expect(results[1]!.fatalErrorCount).toBe(1);
    expect(results[1]!.messages[0]).toEqual({
      ruleId: "parse-error",
      severity: 2,
      message: "unexpected end of file, expecting '}'",
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 1,
      fatal: true,
    });
  });

  it("gives a fix as one edit of the message's own file, and leaves out fixes spanning files", () => {
    const [timeoutMessage, upgradeMessage] = eslintResults(input)[2]!.messages;
    expect(upgradeMessage!.severity).toBe(2);
    expect(upgradeMessage!.fix).toEqual({ range: upgrade.fix![0]!.range, text: upgrade.fix![0]!.text });
    expect(upgradeMessage!.suggestions).toEqual([{ desc: "Forward only for /ws/", fix: { range: [0, 0], text: "# x\n" } }]);
    expect(timeoutMessage!.severity).toBe(1);
    expect(timeoutMessage).not.toHaveProperty("fix");
  });

  it("lists suppressed messages with their reasons, the source of files with problems, and probes", () => {
    expect(results[2]!.suppressedMessages).toEqual([
      expect.objectContaining({ message: "suppressed one", suppressions: [{ kind: "directive", justification: "the CDN terminates WebSockets" }] }),
    ]);
    expect(results[2]!.source).toBe(CHAT_TEXT);
    expect(results[0]).not.toHaveProperty("source");
    expect(results[2]!.probes!.map((probe) => [probe.outcome, probe.url, probe.line, probe.result?.response?.status])).toEqual([
      ["failed", failedProbe.url, 3, 426],
      ["passed", passedProbe.url, 3, 101],
    ]);
    expect(results[2]!.probes![0]!.message).toBe(
      "handshake returned 426 Upgrade Required; static analysis found nginx/ws-upgrade-header at sites/chat.conf:4",
    );
    expect(results[2]!.probes![0]!.findings).toEqual([
      { ruleId: "nginx/ws-upgrade-header", filePath: join(CWD, CHAT), line: upgrade.start.line, column: upgrade.start.column },
    ]);
    expect(results[3]!.probes).toEqual([expect.objectContaining({ outcome: "skipped", url: null, result: null })]);
    expect(results[0]).not.toHaveProperty("probes");
    expect(JSON.parse(FORMATTERS.json(input, { color: false }))).toEqual(JSON.parse(JSON.stringify(results)));
  });
});

describe("sarif", () => {
  const validate = sarifValidator();

  it("is valid SARIF 2.1.0", () => {
    const log = JSON.parse(FORMATTERS.sarif(input, { color: false }));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const empty = sarifLog({ ...input, files: [] });
    expect(validate(empty), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The validator does reject what is not SARIF.
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ level: "fatal", message: {} }] }] })).toBe(false);
  });

  it("always has results, and describes every rule with its level and help", () => {
    const run = (sarifLog({ ...input, files: [] }) as { runs: { results: unknown[] }[] }).runs[0]!;
    expect(run.results).toEqual([]);
    const log = sarifLog(input) as any;
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((rule: { id: string }) => rule.id)).toEqual([
      "nginx/ws-off",
      "nginx/ws-read-timeout",
      "nginx/ws-upgrade-header",
      "parse-error",
      "probe/handshake",
      "wslint",
    ]);
    expect(rules[0].defaultConfiguration.level).toBe("none");
    expect(rules[2]).toMatchObject({
      shortDescription: { text: "nginx/ws-upgrade-header description." },
      helpUri: "https://example.com/wslint/blob/main/rules/nginx/ws-upgrade-header/README.md",
      defaultConfiguration: { level: "error" },
    });
    expect(log.runs[0].tool.driver).toMatchObject({ name: "wslint", version: "0.1.0", informationUri: "https://example.com/wslint" });
    const { informationUri: _, ...withoutHomePage } = input.tool;
    const logWithoutHomePage = JSON.parse(FORMATTERS.sarif({ ...input, tool: withoutHomePage }, { color: false }));
    expect(logWithoutHomePage.runs[0].tool.driver).not.toHaveProperty("informationUri");
  });

  it("locates results relative to the working directory with 1-based regions, and carries fixes and suppressions", () => {
    const results = (sarifLog(input) as any).runs[0].results;
    const upgradeResult = results.find((result: any) => result.ruleId === "nginx/ws-upgrade-header" && !result.suppressions);
    expect(upgradeResult.ruleIndex).toBe(2);
    expect(upgradeResult.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "sites/chat.conf", uriBaseId: "%SRCROOT%" },
      region: { startLine: 4, startColumn: 3, endLine: 4, endColumn: 26 },
    });
    expect(upgradeResult.fixes[0].artifactChanges[0].replacements[0]).toEqual({
      deletedRegion: { charOffset: upgrade.fix![0]!.range[0], charLength: 0 },
      insertedContent: { text: upgrade.fix![0]!.text },
    });
    const timeoutResult = results.find((result: any) => result.ruleId === "nginx/ws-read-timeout");
    expect(timeoutResult.fixes[0].artifactChanges.map((change: any) => change.artifactLocation.uri)).toEqual(["sites/chat.conf", "nginx.conf"]);
    const outside = results.find((result: any) => result.ruleId === "wslint");
    expect(outside.ruleIndex).toBe(5);
    expect(outside.locations[0].physicalLocation.artifactLocation).toEqual({ uri: "file:///elsewhere/x.conf" });
    const probe = results.filter((result: any) => result.ruleId === "probe/handshake");
    // Only the failed probe is a result, at the route's line, pointing to the finding that explains it.
    expect(probe).toHaveLength(1);
    expect(probe[0]).toMatchObject({
      level: "error",
      ruleIndex: 4,
      locations: [{ physicalLocation: { region: { startLine: 3, startColumn: 2, endLine: 3, endColumn: 15 } } }],
      relatedLocations: [
        {
          id: 0,
          message: { text: `nginx/ws-upgrade-header: ${upgrade.message}` },
          physicalLocation: { artifactLocation: { uri: "sites/chat.conf" }, region: { startLine: 4, startColumn: 3 } },
        },
      ],
      properties: { route: "location /ws/", url: failedProbe.url },
    });
    expect(probe[0].message.text).toMatch(/^probe ws:\/\/127\.0\.0\.1:8080\/ws\/: handshake returned 426 Upgrade Required; static analysis found nginx\/ws-upgrade-header at sites\/chat\.conf:4\n426 /);
    const suppressed = results.find((result: any) => result.suppressions);
    expect(suppressed.suppressions).toEqual([{ kind: "inSource", justification: "the CDN terminates WebSockets" }]);
  });
});

describe("github", () => {
  it("prints one escaped workflow command per finding", () => {
    const lines = FORMATTERS.github(input, { color: false }).split("\n");
    expect(lines).toEqual([
      "::error file=sites/broken.conf,line=2,col=1,endLine=2,endColumn=1,title=parse-error::unexpected end of file, expecting '}'",
      "::warning file=sites/chat.conf,line=3,col=2,endLine=3,endColumn=15,title=nginx/ws-read-timeout::proxy_read_timeout is 60s, shorter than the 61s idle period.",
      "::error file=sites/chat.conf,line=4,col=3,endLine=4,endColumn=26,title=nginx/ws-upgrade-header::WebSocket route does not forward the Upgrade header.%0AWebSocket route: location /ws/ matches websocket.paths; upstream chat is in websocket.backends",
      "::error file=sites/chat.conf,line=3,col=2,endLine=3,endColumn=15,title=probe/handshake::probe ws://127.0.0.1:8080/ws/: handshake returned 426 Upgrade Required; static analysis found nginx/ws-upgrade-header at sites/chat.conf:4%0A426 Upgrade Required: the backend expects a WebSocket upgrade.",
      "::warning file=/elsewhere/x.conf,line=1,col=1,endLine=1,endColumn=6,title=wslint::100%25 odd: a, b%0D%0Aand more",
      "",
    ]);
  });

  it("escapes commas and colons in properties", () => {
    const tricky = { ...unused, file: "a,b:c.conf", ruleId: "x:y,z" };
    const output = FORMATTERS.github({ ...input, files: [{ file: tricky.file, findings: [tricky] }] }, { color: false });
    expect(output).toContain("file=a%2Cb%3Ac.conf,");
    expect(output).toContain("title=x%3Ay%2Cz::");
  });
});

describe("gitlab", () => {
  const issuesOf = (report: ReportInput) =>
    JSON.parse(FORMATTERS.gitlab(report, { color: false })) as {
      description: string;
      check_name: string;
      fingerprint: string;
      severity: string;
      location: { path: string; lines: { begin: number } };
    }[];

  it("reports each finding with its check, severity and location", () => {
    const issues = issuesOf(input);
    expect(issues.map((issue) => [issue.check_name, issue.severity, issue.location.path, issue.location.lines.begin])).toEqual([
      ["parse-error", "blocker", "sites/broken.conf", 2],
      ["nginx/ws-read-timeout", "minor", "sites/chat.conf", 3],
      ["nginx/ws-upgrade-header", "major", "sites/chat.conf", 4],
      ["probe/handshake", "major", "sites/chat.conf", 3],
      ["wslint", "minor", "/elsewhere/x.conf", 1],
    ]);
    expect(issues[3]!.description).toBe(
      "probe ws://127.0.0.1:8080/ws/: handshake returned 426 Upgrade Required; static analysis found nginx/ws-upgrade-header at sites/chat.conf:4 " +
        "426 Upgrade Required: the backend expects a WebSocket upgrade.",
    );
    expect(issues[2]!.description).toBe(upgrade.message);
  });

  it("keeps fingerprints unique, and stable when lines move", () => {
    const duplicate = { ...upgrade };
    const twice: ReportInput = { ...input, files: [{ file: CHAT, findings: [upgrade, duplicate], text: CHAT_TEXT }] };
    const [first, second] = issuesOf(twice).map((issue) => issue.fingerprint);
    expect(first).not.toBe(second);

    const shifted = `# a comment\n${CHAT_TEXT}`;
    const moved = { ...upgrade, ...span(shifted, "proxy_pass http://chat;") };
    const after = issuesOf({ ...input, files: [{ file: CHAT, findings: [moved], text: shifted }] });
    expect(after[0]!.location.lines.begin).toBe(5);
    expect(after[0]!.fingerprint).toBe(first);
  });
});
