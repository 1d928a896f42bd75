import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sourceFromText } from "../syntax/source.js";
import { diskFileSystem, DumpFileSystem } from "./file-system.js";
import { compareBytes, expandGlob, hasGlobMagic, segmentMatcher } from "./glob.js";

const confD = "fixtures/nginx/includes/basic/conf.d";

describe("hasGlobMagic", () => {
  it("is nginx's test: any of * ? [", () => {
    expect(["a/*.conf", "site?.conf", "[ab].conf"].map(hasGlobMagic)).toEqual([true, true, true]);
    expect(hasGlobMagic("conf.d/site.conf")).toBe(false);
  });
});

describe("segmentMatcher", () => {
  const matches = (pattern: string, name: string) => segmentMatcher(pattern).test(name);

  it("matches * and ? within a name", () => {
    expect(matches("*.conf", "site.conf")).toBe(true);
    expect(matches("*.conf", "site.conf.bak")).toBe(false);
    expect(matches("site?.conf", "site1.conf")).toBe(true);
    expect(matches("site?.conf", "site10.conf")).toBe(false);
  });

  it("leaves names starting with a period to patterns that start with one", () => {
    expect(matches("*", ".hidden")).toBe(false);
    expect(matches("?hidden", ".hidden")).toBe(false);
    expect(matches("[.]hidden", ".hidden")).toBe(false);
    expect(matches(".*", ".hidden")).toBe(true);
  });

  it("reads brackets: sets, ranges, negation, a leading ] as a member", () => {
    expect(matches("[ab].conf", "b.conf")).toBe(true);
    expect(matches("[ab].conf", "c.conf")).toBe(false);
    expect(matches("[0-9]*.conf", "10-x.conf")).toBe(true);
    expect(matches("[!0-9]*.conf", "10-x.conf")).toBe(false);
    expect(matches("[^0-9]*.conf", "x.conf")).toBe(true);
    expect(matches("[]]", "]")).toBe(true);
  });

  it("takes an unclosed [ and escaped characters literally", () => {
    expect(matches("[abc", "[abc")).toBe(true);
    expect(matches("\\*.conf", "*.conf")).toBe(true);
    expect(matches("\\*.conf", "x.conf")).toBe(false);
  });

  it("does not treat regular expression syntax in names as special", () => {
    expect(matches("a+b(1).conf", "a+b(1).conf")).toBe(true);
    expect(matches("a+b(1).conf", "aab1.conf")).toBe(false);
  });
});

describe("compareBytes", () => {
  it("orders by UTF-8 bytes: digits, then upper case, then lower case", () => {
    const names = ["b", "a", "Z", "10", "9"];
    expect(names.sort(compareBytes)).toEqual(["10", "9", "Z", "a", "b"]);
  });
});

describe("expandGlob on the disk", () => {
  it("returns matches sorted by bytes, without dot files or other extensions", () => {
    const onDisk = readdirSync(confD)
      .filter((name) => name.endsWith(".conf") && !name.startsWith("."))
      .map((name) => `${confD}/${name}`);
    const expanded = expandGlob(`${confD}/*.conf`, diskFileSystem);
    expect(expanded).toEqual([...onDisk].sort(compareBytes));
    // The fixture has names where byte order and dictionary order disagree.
    expect(expanded).not.toEqual([...onDisk].sort((a, b) => a.localeCompare(b)));
    expect(expanded.some((path) => path.includes(".hidden"))).toBe(false);
  });

  it("matches patterns in directory segments too", () => {
    expect(expandGlob("fixtures/nginx/includes/*/conf.d/first.conf", diskFileSystem)).toEqual([
      "fixtures/nginx/includes/missing/conf.d/first.conf",
    ]);
  });

  it("gives nothing, not an error, when nothing matches", () => {
    expect(expandGlob("fixtures/nginx/includes/no-such-dir/*.conf", diskFileSystem)).toEqual([]);
  });
});

describe("expandGlob on an nginx -T dump", () => {
  const dump = new DumpFileSystem(
    ["/etc/nginx/nginx.conf", "/etc/nginx/conf.d/b.conf", "/etc/nginx/conf.d/a.conf", "/etc/nginx/sites/x"].map(
      (path) => sourceFromText(path, ""),
    ),
  );

  it("matches against the files in the dump", () => {
    expect(expandGlob("/etc/nginx/conf.d/*.conf", dump)).toEqual(["/etc/nginx/conf.d/a.conf", "/etc/nginx/conf.d/b.conf"]);
    expect(expandGlob("/etc/nginx/*/x", dump)).toEqual(["/etc/nginx/sites/x"]);
    expect(expandGlob("/etc/nginx/missing/*", dump)).toEqual([]);
  });

  it("reads only what the dump holds", () => {
    expect(dump.read("/etc/nginx/conf.d/a.conf").ok).toBe(true);
    expect(dump.read("/etc/nginx/conf.d/c.conf")).toEqual({ ok: false, reason: "not in the nginx -T dump" });
    expect(dump.read("/etc/nginx/conf.d")).toEqual({ ok: false, reason: "is a directory" });
  });
});
