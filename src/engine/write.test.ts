import { lstat, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeSource, type SourceFile } from "../syntax/source.js";
import { InternalError } from "./errors.js";
import type { Finding } from "./finding.js";
import { fixDryRunDiff, keepFinalNewline, planFixedFiles, writeFileAtomically, writeFixedFiles } from "./write.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "wslint-write-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function sourceOnDisk(name: string, bytes: Uint8Array, mode = 0o644): Promise<SourceFile> {
  const path = join(directory, name);
  await writeFile(path, bytes, { mode });
  return decodeSource(path, await readFile(path));
}

const parseErrorIn = (file: string): Finding => {
  const position = { offset: 0, line: 1, column: 1 };
  return { ruleId: "parse-error", severity: "error", message: "x", file, start: position, end: position, fatal: true };
};

describe("writeFixedFiles", () => {
  it("keeps mode, CRLF, latin1, the BOM and the final newline", async () => {
    const latin1 = await sourceOnDisk("latin1.conf", Buffer.from("# caf\xe9\r\nlisten 80;\r\n", "latin1"), 0o640);
    const bom = await sourceOnDisk("bom.conf", Buffer.from("\ufefflisten 80;\n", "utf8"), 0o600);
    expect(latin1.encoding).toBe("latin1");
    expect(bom.bom).toBe(true);
    const sources = new Map([latin1, bom].map((source) => [source.path, source]));
    const texts = new Map([
      [latin1.path, latin1.text.replace("80", "443")],
      // A fix that dropped the final newline gets it back.
      [bom.path, bom.text.replace("80;\n", "443;")],
    ]);
    const plan = planFixedFiles(sources, { texts, changedFiles: [...texts.keys()], findings: [] });
    expect(await writeFixedFiles(plan)).toEqual([latin1.path, bom.path]);
    expect(await readFile(latin1.path)).toEqual(Buffer.from("# caf\xe9\r\nlisten 443;\r\n", "latin1"));
    expect((await stat(latin1.path)).mode & 0o777).toBe(0o640);
    expect(await readFile(bom.path)).toEqual(Buffer.from("\ufefflisten 443;\n", "utf8"));
    expect((await stat(bom.path)).mode & 0o777).toBe(0o600);
    expect(await readdir(directory)).toEqual(["bom.conf", "latin1.conf"]);
  });

  it("never writes a file that has parse errors", async () => {
    const broken = await sourceOnDisk("broken.conf", Buffer.from("server {\n"));
    const texts = new Map([[broken.path, "server {\n}\n"]]);
    const plan = planFixedFiles(new Map([[broken.path, broken]]), {
      texts,
      changedFiles: [broken.path],
      findings: [parseErrorIn(broken.path)],
    });
    expect(plan.refused).toEqual([broken.path]);
    expect(await writeFixedFiles(plan)).toEqual([]);
    expect(fixDryRunDiff(plan, directory)).toBe("");
    expect(await readFile(broken.path, "utf8")).toBe("server {\n");
  });

  it("refuses characters a latin1 file cannot hold", async () => {
    const latin1 = await sourceOnDisk("l.conf", Buffer.from("caf\xe9\n", "latin1"));
    const texts = new Map([[latin1.path, "caf\xe9 \u2713\n"]]);
    expect(() => planFixedFiles(new Map([[latin1.path, latin1]]), { texts, changedFiles: [latin1.path], findings: [] })).toThrow(
      InternalError,
    );
    expect(await readFile(latin1.path)).toEqual(Buffer.from("caf\xe9\n", "latin1"));
  });
});

describe("fixDryRunDiff", () => {
  it("shows what --fix would write, with paths relative to the working directory, and writes nothing", async () => {
    const source = await sourceOnDisk("site.conf", Buffer.from("location /ws {\r\n}\r\n"));
    const texts = new Map([[source.path, "location /ws {\r\n  proxy_http_version 1.1;\r\n}"]]);
    const plan = planFixedFiles(new Map([[source.path, source]]), { texts, changedFiles: [source.path], findings: [] });
    expect(fixDryRunDiff(plan, directory)).toBe(
      "--- a/site.conf\n+++ b/site.conf\n@@ -1,2 +1,3 @@\n location /ws {\r\n+  proxy_http_version 1.1;\r\n }\r\n",
    );
    expect(await readFile(source.path, "utf8")).toBe("location /ws {\r\n}\r\n");
  });
});

describe("writeFileAtomically", () => {
  it("writes through a symlink and leaves the link in place", async () => {
    const real = join(directory, "real.conf");
    const link = join(directory, "link.conf");
    await writeFile(real, "old\n", { mode: 0o604 });
    await symlink(real, link);
    await writeFileAtomically(link, Buffer.from("new\n"));
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    expect(await readFile(real, "utf8")).toBe("new\n");
    expect((await stat(real)).mode & 0o777).toBe(0o604);
  });
});

describe("keepFinalNewline", () => {
  it("restores a final line break in the file's line ending, and adds none that was not there", () => {
    expect(keepFinalNewline("a\r\nb\r\n", "a\r\nb")).toBe("a\r\nb\r\n");
    expect(keepFinalNewline("a\n", "a\nb\n")).toBe("a\nb\n");
    expect(keepFinalNewline("a", "b")).toBe("b");
  });
});
