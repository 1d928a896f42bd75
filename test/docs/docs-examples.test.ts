// What the README and docs/ tell users to write works: the rule ids they name exist, their
// wslint.config.json examples are accepted, and their disable comments silence a real finding.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { allRuleMetas } from "../../rules/index.js";
import { wslint } from "../cli/run-wslint.js";

const ruleIds = new Set((await allRuleMetas()).map((meta) => meta.id));
const userDocs = ["README.md", ...readdirSync("docs").filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)];
const ruleDocs = (["nginx", "haproxy"] as const).flatMap((dialect) =>
  readdirSync(`rules/${dialect}`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_"))
    .map((entry) => `rules/${dialect}/${entry.name}/README.md`),
);

function fencedBlocks(markdown: string, info: string): string[] {
  return [...markdown.matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)].filter((match) => match[1] === info).map((match) => match[2]!);
}

const scratch = mkdtempSync(join(tmpdir(), "wslint-docs-examples-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** Writes `text` as `name` in a directory of its own, so that no other file or config is near. */
function scratchFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(scratch, "example-")), name);
  writeFileSync(path, text);
  return path;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

function anchorsIn(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```$/gm, "");
  return new Set([...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1]!.trim())));
}

describe.each(userDocs)("%s", (path) => {
  const text = readFileSync(path, "utf8");

  it("links to files and headings that exist", () => {
    const broken: string[] = [];
    for (const [, target, anchor] of text.matchAll(/\]\(([^)\s#]*)(?:#([^)\s]+))?\)/g)) {
      if (URL.canParse(target!)) continue;
      const file = target === "" ? path : normalize(join(dirname(path), target!));
      if (!existsSync(file)) broken.push(`${target}: no such file`);
      else if (anchor !== undefined && file.endsWith(".md") && !anchorsIn(readFileSync(file, "utf8")).has(anchor)) broken.push(`${target}#${anchor}: no such heading`);
    }
    expect(broken).toEqual([]);
  });

  it("names only registered rules", () => {
    // An id stands after a space, quote, backtick or bracket (not inside a path such as
    // rules/nginx/... or /etc/nginx/...) and is not followed by more of a path. Lines showing the
    // error for an unknown rule name a wrong id on purpose.
    const named = [...text.split("\n").filter((line) => !line.includes("unknown rule")).join("\n").matchAll(/(?<=[\s"'`[(])((?:nginx|haproxy)\/[a-z0-9]+(?:-[a-z0-9]+)*)(?![\w/.=-])/g)].map((match) => match[1]!);
    expect(named.filter((id) => !ruleIds.has(id))).toEqual([]);
  });
});

describe("configuration examples", () => {
  const examples = [...userDocs, ...ruleDocs].flatMap((path) =>
    fencedBlocks(readFileSync(path, "utf8"), "json")
      .filter((block) => /^\{\s*"(\$schema|rules)"/.test(block.trim()))
      .map((block, index) => [`${path} #${index + 1}`, block] as const),
  );

  it("are found in the README, docs/configuration.md and rules with options", () => {
    const sources = new Set(examples.map(([name]) => name.replace(/ #\d+$/, "")));
    expect(sources).toContain("README.md");
    expect(sources).toContain("docs/configuration.md");
    expect(sources).toContain("rules/nginx/ws-read-timeout/README.md");
    expect(sources).toContain("rules/haproxy/ws-timeout-tunnel/README.md");
  });

  it.each(examples)("%s is a valid wslint.config.json", (_name, block) => {
    const config = scratchFile("wslint.config.json", block);
    // Findings may change with the settings (an includeMap to a directory this checkout lacks);
    // an invalid configuration stops wslint with exit code 2 and says why on stderr.
    const run = wslint(["lint", "--config", config, "fixtures/examples"]);
    expect(run.stderr).toBe("");
    expect(run.status).not.toBe(2);
  });
});

describe("disable-comment examples", () => {
  const examples = ["README.md", "docs/suppressions.md"].flatMap((path) => {
    const text = readFileSync(path, "utf8");
    return (["nginx", "haproxy"] as const).flatMap((dialect) =>
      fencedBlocks(text, dialect)
        .filter((block) => block.includes("wslint-disable"))
        // A lone comment shows the syntax; there is nothing for it to silence.
        .filter((block) => block.split("\n").some((line) => line.trim() !== "" && !line.trim().startsWith("#")))
        .map((block, index) => [`${path} ${dialect} #${index + 1}`, dialect, block] as const),
    );
  });

  it("are found in the README and docs/suppressions.md", () => {
    expect(examples.map(([name]) => name.split(" ")[0])).toEqual(expect.arrayContaining(["README.md", "docs/suppressions.md"]));
  });

  it.each(examples)("%s silences a finding with each comment", (_name, dialect, block) => {
    const file = scratchFile(dialect === "nginx" ? "example.conf" : "haproxy.cfg", block);
    const run = wslint(["lint", "--format", "json", "--report-unused-disable-directives", file]);
    expect(run.stderr).toBe("");
    const [report] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[]; suppressedMessages: { line: number }[] }[];
    expect(report!.messages.map((message) => message.message)).toEqual([]);
    const comments = block.split("\n").filter((line) => line.includes("wslint-disable")).length;
    expect(new Set(report!.suppressedMessages.map((message) => message.line)).size).toBe(comments);
  });
});
