import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeSource, LineIndex } from "../syntax/source.js";
import { isNginxDump, splitNginxDump } from "./dump.js";

const dumpPath = "fixtures/nginx/dumps/debian-layout.txt";
const dump = decodeSource(dumpPath, readFileSync(dumpPath));

describe("isNginxDump", () => {
  it("recognises a dump with and without nginx's status lines", () => {
    expect(isNginxDump(dump.text)).toBe(true);
    expect(isNginxDump(readFileSync("fixtures/nginx/dumps/broken-include.txt", "utf8"))).toBe(true);
  });

  it("does not take a configuration file for a dump", () => {
    expect(isNginxDump(readFileSync("fixtures/examples/nginx/nginx.conf", "utf8"))).toBe(false);
    // A header further down, after ordinary content, is only a comment.
    expect(isNginxDump("events {}\n# configuration file /etc/nginx/x.conf:\n")).toBe(false);
  });
});

describe("splitNginxDump", () => {
  const sections = splitNginxDump(dump);
  const dumpLines = new LineIndex(dump.text);

  it("names every section by the file nginx printed, the main file first", () => {
    const headers = [...dump.text.matchAll(/^# configuration file (.+):$/gm)].map((match) => match[1]);
    expect(sections.map((section) => section.path)).toEqual(headers);
    expect(sections[0]!.path).toBe("/etc/nginx/nginx.conf");
  });

  it("keeps each file's own lines, without the newline nginx adds after it", () => {
    for (const section of sections) {
      const headerLine = dump.text.slice(0, dump.text.indexOf(`# configuration file ${section.path}:`)).split("\n").length;
      const lines = new LineIndex(section.text);
      for (let line = 1; line <= lines.lineCount(); line++) {
        expect(lines.lineText(line)).toBe(dumpLines.lineText(headerLine + line));
      }
      expect(section.text.endsWith("\n\n")).toBe(false);
    }
  });
});
