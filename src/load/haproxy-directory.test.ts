import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { describeWithHaproxy, haproxyCheck } from "../../test/servers/index.js";
import { compareHaproxyDirectoryOrder, isReadByHaproxyFromDirectory } from "./haproxy-directory.js";

describe("isReadByHaproxyFromDirectory", () => {
  it("takes names whose first .cfg ends them, unless they start with a period", () => {
    expect(["haproxy.cfg", "10-app.cfg", "a.b.cfg"].map(isReadByHaproxyFromDirectory)).toEqual([true, true, true]);
    expect(["app.conf", "app.cfg.bak", "a.cfg.cfg", ".old.cfg", ".cfg", "cfg", "app"].map(isReadByHaproxyFromDirectory)).toEqual(
      [false, false, false, false, false, false, false],
    );
  });
});

describe("compareHaproxyDirectoryOrder", () => {
  it("sorts by file name, byte by byte", () => {
    const paths = ["d/a.cfg", "d/B.cfg", "d/9-x.cfg", "d/10-y.cfg", "d/é.cfg", "d/z.cfg"];
    expect(paths.sort(compareHaproxyDirectoryOrder)).toEqual(["d/10-y.cfg", "d/9-x.cfg", "d/B.cfg", "d/a.cfg", "d/z.cfg", "d/é.cfg"]);
  });
});

describeWithHaproxy("the files haproxy -f DIR reads", () => {
  let directory = "";
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it("are those wslint reads, in the same order", async () => {
    directory = mkdtempSync(join(tmpdir(), "wslint-haproxy-dir-"));
    // Every file HAProxy reads fails with an error naming the file, so its errors list what it read, in order.
    const names = ["a.cfg", "B.cfg", "10-y.cfg", "9-x.cfg", "é.cfg", "a.cfg.cfg", ".old.cfg", "app.conf", "app.cfg.bak", "linked.cfg"];
    names.forEach((name, index) => {
      if (name !== "linked.cfg") writeFileSync(join(directory, name), `frontend fe${index}\n    unknown-keyword\n`);
    });
    symlinkSync("a.cfg", join(directory, "linked.cfg"));
    mkdirSync(join(directory, "sub.cfg"));
    writeFileSync(join(directory, "sub.cfg", "inner.cfg"), "frontend inner\n    unknown-keyword\n");

    const verdict = await haproxyCheck({ file: directory });
    const readByHaproxy = verdict.errors.flatMap((error) => (error.file === undefined ? [] : [basename(error.file)]));
    const readByWslint = readdirSync(directory, { withFileTypes: true })
      .filter((entry) => !entry.isDirectory() && isReadByHaproxyFromDirectory(entry.name))
      .map((entry) => join(directory, entry.name))
      .sort(compareHaproxyDirectoryOrder)
      .map((path) => basename(path));
    expect(readByHaproxy.length).toBeGreaterThan(0);
    expect(readByWslint).toEqual(readByHaproxy);
  });
});
