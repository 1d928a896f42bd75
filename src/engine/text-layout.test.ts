import { describe, expect, it } from "vitest";
import { detectIndentUnit, detectLineEnding, indentationAt, renderInsertedLines } from "./text-layout.js";

describe("text layout", () => {
  it("detects the line ending most lines use", () => {
    expect(detectLineEnding("a\r\nb\r\nc\n")).toBe("\r\n");
    expect(detectLineEnding("a\nb\nc\r\n")).toBe("\n");
    expect(detectLineEnding("no newline")).toBe("\n");
  });

  it("detects the indent unit from steps between lines", () => {
    expect(detectIndentUnit("http {\n  server {\n    listen 80;\n  }\n}\n")).toBe("  ");
    expect(detectIndentUnit("http {\n\tserver {\n\t\tlisten 80;\n\t}\n}\n")).toBe("\t");
    expect(detectIndentUnit("events {}\n")).toBe("    ");
    // Blank and comment lines are not counted, whatever whitespace they hold.
    expect(detectIndentUnit("http {\r\n\r\n \u00a0\r\n        # deep\r\n  server {\r\n    listen 80;\r\n  }\r\n}")).toBe("  ");
  });

  it("indents inserted lines like the line at the offset, with the file's line ending", () => {
    const text = "server {\r\n  location / {\r\n    proxy_pass http://x;\r\n  }\r\n}\r\n";
    const offset = text.indexOf("proxy_pass");
    expect(indentationAt(text, offset)).toBe("    ");
    expect(renderInsertedLines(text, offset, [[0, "a;"], [1, "b;"]])).toBe("    a;\r\n      b;\r\n");
  });
});
