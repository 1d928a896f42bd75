// Exit codes: 0 clean, 1 errors or too many warnings, 2 usage errors, unreadable paths and bugs.
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { BROKEN_NGINX, lintJson, ruleIdsIn, scratchCopy, wslint } from "./helpers.js";

const stackTraceLine = /^\s+at /m;

/** A mattermost-like server whose WebSocket route takes its proxy settings from a missing snippet. */
const UNREADABLE_INCLUDE_NGINX = "fixtures/lint/nginx/unreadable-include/nginx.conf";

/** A repository's nginx.conf that includes nginx's MIME types from the server, which this machine lacks. */
const DISTRIBUTION_FILES_NGINX = "fixtures/lint/nginx/distribution-files/nginx.conf";

/** A WebSocket route that only lacks a long read timeout: one warning, nothing else. */
const WARNING_ONLY = `events {
}

http {
    server {
        listen 8080;

        location /ws/ {
            proxy_pass http://127.0.0.1:9000;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "upgrade";
        }
    }
}
`;

function warningOnlyFile(): string {
  const file = join(scratchCopy(), "nginx.conf");
  writeFileSync(file, WARNING_ONLY);
  return file;
}

describe("exit codes", () => {
  it("0 for a clean configuration, 1 for one with errors", () => {
    expect(wslint(["lint", "fixtures/examples/nginx/nginx.conf"]).status).toBe(0);
    expect(wslint(["lint", BROKEN_NGINX]).status).toBe(1);
  });

  it("warnings alone give 0, unless there are more than --max-warnings", () => {
    const file = warningOnlyFile();
    const { run, results } = lintJson([file]);
    expect(run.status).toBe(0);
    expect(ruleIdsIn(results, "nginx.conf")).toEqual(["nginx/ws-read-timeout"]);
    expect(wslint(["lint", "--max-warnings", "0", file]).status).toBe(1);
    expect(wslint(["lint", "--max-warnings", "1", file]).status).toBe(0);
    expect(wslint(["lint", "--max-warnings", "-1", file]).status).toBe(0);
  });

  it("--quiet reports no warnings and does not count them", () => {
    const file = warningOnlyFile();
    expect(wslint(["lint", "--quiet", "--max-warnings", "0", file])).toMatchObject({ status: 0, stdout: "" });
    const { results } = lintJson(["--quiet", BROKEN_NGINX]);
    const severities = results.flatMap((result) => result.messages.map((message) => message.severity));
    expect(severities.length).toBeGreaterThan(0);
    expect(severities.every((severity) => severity === 2)).toBe(true);
  });

  it("a file that does not parse is an error, never clean, and reported like a finding", () => {
    const file = join(scratchCopy(), "nginx.conf");
    writeFileSync(file, "http {\n    server {\n        listen 80\n    }\n");
    const { run, results } = lintJson([file]);
    expect(run.status).toBe(1);
    const [message] = results[0]!.messages;
    expect(message).toMatchObject({ ruleId: "parse-error", severity: 2, fatal: true });
    expect(results[0]!.fatalErrorCount).toBe(1);
    expect(wslint(["lint", file]).stdout).toContain("parse-error");
  });

  it("a missing include is an error at the include line", () => {
    const directory = scratchCopy();
    writeFileSync(join(directory, "nginx.conf"), "events {\n}\n\nhttp {\n    include missing.conf;\n}\n");
    const { run, results } = lintJson([join(directory, "nginx.conf")]);
    expect(run.status).toBe(1);
    expect(results[0]!.messages).toEqual([expect.objectContaining({ ruleId: "parse-error", line: 5, column: 5 })]);
    expect(results[0]!.messages[0]!.message).toContain("missing.conf");
  });

  it("beside an include that cannot be read, only the include is reported, not guesses about what it holds", () => {
    // The WebSocket route's proxy_pass is in the snippet wslint cannot read: "no proxy_pass" would be a guess.
    const { run, results } = lintJson([UNREADABLE_INCLUDE_NGINX]);
    expect(run.status).toBe(1);
    expect(results.map((result) => result.filePath)).toEqual([resolve(UNREADABLE_INCLUDE_NGINX)]);
    const messages = results[0]!.messages;
    expect(messages.map((message) => [message.ruleId, message.line, message.fatal])).toEqual([
      ["parse-error", 17, true],
      ["parse-error", 22, true],
    ]);
    expect(messages.every((message) => message.message.startsWith('cannot include "') && message.message.includes("snippets/chat-proxy.conf"))).toBe(true);
  });

  it("a missing mime.types from the server is read as empty: the route's own problems are reported", () => {
    const { run, results } = lintJson([DISTRIBUTION_FILES_NGINX]);
    expect(run.status).toBe(1);
    const messages = results[0]!.messages;
    expect(messages.map((message) => [message.ruleId, message.line, message.fatal ?? false])).toEqual([
      ["nginx/ws-http-version", 19, false],
      ["nginx/ws-read-timeout", 19, false],
    ]);
  });

  it("2 for an unreadable path, after the other files are linted", () => {
    const run = wslint(["lint", "--format", "json", "no/such/file.conf", BROKEN_NGINX]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("wslint: cannot read no/such/file.conf: no such file or directory\n");
    expect(JSON.parse(run.stdout).some((result: { errorCount: number }) => result.errorCount > 0)).toBe(true);
  });

  it.each([
    [["lint", "--format", "xml", BROKEN_NGINX], /argument 'xml' is invalid/],
    [["lint", "--fix", "--fix-dry-run", BROKEN_NGINX], /--fix and --fix-dry-run cannot be used together/],
    [["lint", "--max-warnings", "many", BROKEN_NGINX], /expected a number of warnings/],
    [["lint", "--nginx-version", "latest", BROKEN_NGINX], /expected a version like/],
    [["lint", "--fix", "-"], /--fix cannot write fixes back to standard input/],
    [["lint", "-", "-"], /standard input \(-\) can be read only once/],
    [["lint"], /missing required argument 'paths'/],
  ])("2 for a usage error: %j", (args, message) => {
    const run = wslint(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(stackTraceLine);
  });

  it("lint is the default command: wslint PATHS", () => {
    const run = wslint(["--format", "json", BROKEN_NGINX]);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual(lintJson([BROKEN_NGINX]).results);
  });
});
