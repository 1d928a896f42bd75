import { describe, expect, it } from "vitest";
import { lintSettings, modelOfText } from "../../../fixtures/haproxy/model/load-fixture.js";
import { applyEdits } from "../../engine/fix.js";
import { sourceFromText } from "../../syntax/source.js";
import { parseHaproxy } from "../parse.js";
import { buildHaproxyModel, describeStatement, insertionText, type HaproxyModel, type SectionModel } from "./index.js";

function section(model: HaproxyModel, name: string): SectionModel {
  const found = model.sections.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no section ${name}`);
  return found;
}

/** Inserts `timeout tunnel 1h` at the end of section `name` and returns the new text. */
function insertTunnel(text: string, name: string): string {
  const point = section(modelOfText(text), name).insertionPoint();
  return applyEdits(text, [{ file: point.file, range: [point.offset, point.offset], text: insertionText(point, ["timeout tunnel 1h"]) }]);
}

describe("where a new statement goes in a section", () => {
  it("after the last statement, indented like it, before the blank line and the next section", () => {
    const text = "backend app\n    server s1 127.0.0.1:1\n\nbackend other\n    server s2 127.0.0.1:2\n";
    expect(insertTunnel(text, "app")).toBe(
      "backend app\n    server s1 127.0.0.1:1\n    timeout tunnel 1h\n\nbackend other\n    server s2 127.0.0.1:2\n",
    );
  });

  it("keeps comments that introduce the next section below the new line", () => {
    const text = "backend app\n  server s1 127.0.0.1:1\n# the admin backend\nbackend admin\n  server s2 127.0.0.1:2\n";
    expect(insertTunnel(text, "app")).toBe(
      "backend app\n  server s1 127.0.0.1:1\n  timeout tunnel 1h\n# the admin backend\nbackend admin\n  server s2 127.0.0.1:2\n",
    );
  });

  it("goes after an .endif that closes a block of the section, not inside it", () => {
    const text = "backend app\n\tserver s1 127.0.0.1:1\n.if defined(SLOW)\n\ttimeout server 1m\n.endif\n";
    expect(insertTunnel(text, "app")).toBe(`${text}\ttimeout tunnel 1h\n`);
  });

  it("keeps the file's CRLF line endings", () => {
    const text = "backend app\r\n    server s1 127.0.0.1:1\r\n";
    expect(insertTunnel(text, "app")).toBe("backend app\r\n    server s1 127.0.0.1:1\r\n    timeout tunnel 1h\r\n");
  });

  it("starts a new line when the file ends without one", () => {
    // HAProxy refuses such a file ("missing LF on last line"), so build the model despite it.
    const text = "backend app\n    server s1 127.0.0.1:1";
    const { file, problems } = parseHaproxy(sourceFromText("inline.cfg", text));
    expect(problems.map((problem) => problem.message)).toEqual(["missing LF on last line, file might have been truncated"]);
    const point = section(buildHaproxyModel([file], lintSettings()), "app").insertionPoint();
    expect(point).toMatchObject({ needsLeadingEol: true, offset: text.length, eol: "\n" });
    const inserted = applyEdits(text, [{ file: point.file, range: [point.offset, point.offset], text: insertionText(point, ["timeout tunnel 1h"]) }]);
    expect(inserted).toBe("backend app\n    server s1 127.0.0.1:1\n    timeout tunnel 1h");
  });

  it("indents the first statement of an empty section one level in, the file's way", () => {
    const text = "backend full\n  server s1 127.0.0.1:1\nbackend empty\n";
    expect(insertTunnel(text, "empty")).toBe(`${text}  timeout tunnel 1h\n`);
  });

  it("puts the inserted statement in the section, where HAProxy reads it every time", () => {
    const text = "defaults web\n    mode http\n.if 1\n    timeout client 5s\n.endif\nbackend app from web\n    server s1 127.0.0.1:1\n";
    const fixed = modelOfText(insertTunnel(text, "web"));
    const tunnel = fixed.backends.get("app")!.effectiveTimeout("tunnel");
    expect(tunnel).toMatchObject({ value: 3_600_000, certain: true });
    expect(tunnel.section?.name).toBe("web");
  });
});

describe("sections for messages", () => {
  const text = 'global\n    maxconn 100\ndefaults\n    mode http\ndefaults web\n    timeout  tunnel   1h\n    timeout client 5s\nbackend "be ws"\n    server s1 127.0.0.1:1\n';
  const model = modelOfText(text);
  const [global, unnamed, web, backend] = model.sections;

  it("names each kind of section", () => {
    expect([global, unnamed, web, backend].map((found) => found!.label())).toEqual([
      "global section",
      "the unnamed defaults section",
      "defaults 'web'",
      "backend 'be ws'",
    ]);
    expect(web!.describe()).toBe("defaults 'web' at inline.cfg:5");
  });

  it("finds a section's own statements of a keyword", () => {
    expect(web!.own("timeout tunnel").map((statement) => statement.args)).toEqual([["1h"]]);
    expect(unnamed!.own("timeout tunnel")).toEqual([]);
  });

  it("writes a statement's words as written, one space apart", () => {
    expect(describeStatement(web!.own("timeout tunnel")[0]!)).toBe("timeout tunnel 1h");
  });
});
