// wslint-disable comments end to end, and --report-unused-disable-directives.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BROKEN_NGINX, lintJson, ruleIdsIn, scratchCopy } from "./helpers.js";

const CHAT = "conf.d/chat.conf";

/** The broken example with `comment` on its own line above `location /ws/`. */
function withCommentAboveWs(comment: string): string {
  const directory = scratchCopy(BROKEN_NGINX);
  const path = join(directory, CHAT);
  writeFileSync(path, readFileSync(path, "utf8").replace("    location /ws/ {", `    ${comment}\n    location /ws/ {`));
  return directory;
}

describe("disable comments", () => {
  it("silence the named rule on the next line, kept with their reason in suppressedMessages", () => {
    const directory = withCommentAboveWs("# wslint-disable-next-line nginx/ws-upgrade-header -- the CDN adds it");
    const [chat] = lintJson([directory]).results.filter((result) => result.filePath.endsWith(CHAT));
    const wsLine = 6;
    const onWs = chat!.messages.filter((message) => message.line === wsLine).map((message) => message.ruleId);
    expect(onWs).not.toContain("nginx/ws-upgrade-header");
    expect(onWs).toContain("nginx/ws-http-version");
    expect(chat!.suppressedMessages).toEqual([
      expect.objectContaining({ ruleId: "nginx/ws-upgrade-header", line: wsLine, suppressions: [{ kind: "directive", justification: "the CDN adds it" }] }),
    ]);
    // The other route still has its own.
    expect(chat!.messages.filter((message) => message.ruleId === "nginx/ws-upgrade-header")).toHaveLength(1);
  });

  it("an unused one is reported only with --report-unused-disable-directives", () => {
    const directory = withCommentAboveWs("# wslint-disable-next-line nginx/proxy-header-inheritance -- left over");
    expect(ruleIdsIn(lintJson([directory]).results, CHAT)).not.toContain(null);
    const reported = lintJson(["--report-unused-disable-directives", directory]).results;
    const unused = reported.flatMap((result) => result.messages.filter((message) => message.ruleId === null));
    expect(unused).toEqual([expect.objectContaining({ severity: 1, line: 5, message: expect.stringContaining("'nginx/proxy-header-inheritance'") })]);
  });

  it("never silence a parse error", () => {
    const directory = scratchCopy();
    const file = join(directory, "nginx.conf");
    writeFileSync(file, "# wslint-disable-file -- nothing to see\nhttp {\n");
    const { run, results } = lintJson([file]);
    expect(run.status).toBe(1);
    expect(results[0]!.messages.map((message) => message.ruleId)).toEqual(["parse-error"]);
  });
});
