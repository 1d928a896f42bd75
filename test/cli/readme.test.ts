// The README's set-up commands are what CI runs and what works: keep them true.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLI, wslint } from "./run-wslint.js";

const readme = readFileSync("README.md", "utf8");
const shellBlocks = [...readme.matchAll(/```sh\n([^]*?)```/g)].map((match) => match[1]!.trim());

describe("README", () => {
  it("starts with the two set-up commands: run wslint on an example, run the tests", () => {
    expect(shellBlocks[0]).toMatch(new RegExp(`^npm ci && node ${CLI} lint fixtures/(examples|lint)/`));
    expect(shellBlocks[1]).toBe("npm ci && npm test");
  });

  it("gives the test command that .ci/run runs", () => {
    const ciCommands = readFileSync(".ci/run", "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"));
    expect(ciCommands.at(-1)).toBe(shellBlocks[1]);
    expect(ciCommands).toContain("export WSLINT_REQUIRE_SERVERS=1");
  });

  it("lints a bundled broken example that exists and shows real findings", () => {
    const args = shellBlocks[0]!.replace(`npm ci && node ${CLI} `, "").split(" ");
    const run = wslint([...args, "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    const ruleIds = (JSON.parse(run.stdout) as { messages: { ruleId: string | null }[] }[]).flatMap((result) => result.messages.map((message) => message.ruleId));
    expect(ruleIds.length).toBeGreaterThan(0);
    expect(ruleIds).not.toContain("parse-error");
  });
});
