import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeSource, sourceFromText, type SourceFile } from "../syntax/source.js";
import type { NginxDirective, NginxNode } from "./ast.js";
import { MAX_BLOCK_DEPTH } from "./lexer.js";
import { parseNginx, runNginxGrammar } from "./parse.js";
import { printNginx } from "./print.js";

/** Parses `source`, checking what must hold for any input: one parse at most, lossless printing. */
function parseChecked(source: SourceFile) {
  expect(runNginxGrammar(source).parses.length).toBeLessThanOrEqual(1);
  const result = parseNginx(source);
  expect(printNginx(result.file)).toBe(source.text);
  return result;
}

const parse = (text: string) => parseChecked(sourceFromText("broken.conf", text));

function names(nodes: NginxNode[]): string[] {
  return nodes.flatMap((node) => (node.type === "directive" ? [node.name, ...names(node.block ?? [])] : []));
}

describe("syntax errors", () => {
  it.each([
    ["a;\n;\n", "unexpected ';'", 2, 1],
    ["a {\n  {\n", "unexpected '{'", 2, 3],
    ["a;\n}\n", "unexpected '}'", 2, 1],
    ["a {\n  b 1 }\n", "unexpected '}'", 2, 7],
    ["a {\n  b;\n", "unexpected end of file, expecting '}'", 3, 1],
    ["a {\n  b", "unexpected end of file, expecting ';' or '}'", 2, 4],
    ['a "open\n', "unterminated quoted string", 1, 3],
    ["a 'open;\n}", "unterminated quoted string", 1, 3],
    ['a "x"y;', "unexpected 'y'", 1, 6],
    ['a "x"#c\n;', "unexpected '#'", 1, 6],
    ["a \"x\"'y';", `unexpected "'"`, 1, 6],
    ["a b\\", "unexpected end of file, expecting ';' or '}'", 1, 4],
    ["map $a $b {\n  x 1;\n  y {}\n}", "unexpected '{'", 3, 5],
    ["types {\n  image/png png;\n  content_by_lua_block { }\n}", "unexpected '{'", 3, 24],
  ])("reports %j as %s at %i:%i", (text, message, line, column) => {
    const [problem] = parse(text).problems;
    expect(problem).toMatchObject({ file: "broken.conf", message, start: { line, column } });
  });

  it("keeps what was read before the error and the rest as unparsed text", () => {
    const result = parse("a 1;\nb {\n  c 2;\n  d 3 }\ne 4;\n");
    expect(names(result.file.children)).toEqual(["a", "b", "c", "d"]);
    const d = (result.file.children[1] as NginxDirective).block![1] as NginxDirective;
    expect(d.args.map((arg) => arg.value)).toEqual(["3"]);
    expect(d.semicolon).toBeNull();
    expect(d.block).toBeNull();
    expect(d.end).toEqual(d.args[0]!.end);
    expect((result.file.children[1] as NginxDirective).close).toBeNull();
    expect(result.file.trailing).toBe(" ");
    expect(result.file.unparsed).toBe("}\ne 4;\n");
  });

  it("closes the blocks left open at the end of the file", () => {
    const result = parse("a {\n  b {\n    c;\n");
    expect(names(result.file.children)).toEqual(["a", "b", "c"]);
    expect(result.file.unparsed).toBe("");
    expect(result.problems).toHaveLength(1);
  });

  it("reads table blocks (map, types, geo...) as entries only", () => {
    const result = parse("http {\n  map $a $b {\n    default 0; # note\n    ~^x 1;\n  }\n  map $c $d {\n    inner {}\n  }\n}\n");
    expect(names(result.file.children)).toEqual(["http", "map", "default", "~^x", "map"]);
    expect(result.file.unparsed).toBe("inner {}\n  }\n}\n");
  });

  it("stops at a stray token and keeps the text after it unparsed", () => {
    const result = parse("a;\n}\nb;\n");
    expect(names(result.file.children)).toEqual(["a"]);
    expect(result.file.unparsed).toBe("}\nb;\n");
  });

  it("reads on after a character glued to a closing quote, as two words", () => {
    const result = parse('a "x"y;\nb;');
    expect(result.problems).toHaveLength(1);
    expect(names(result.file.children)).toEqual(["a", "b"]);
    expect((result.file.children[0] as NginxDirective).args.map((arg) => arg.value)).toEqual(["x", "y"]);
  });

  it("refuses a word that does not fit nginx's 4096-byte buffer", () => {
    const long = "x".repeat(4096);
    expect(parse(`a ${"x".repeat(4095)};`).problems).toEqual([]);
    expect(parse(`a ${long};`).problems[0]!.message).toBe('too long parameter "xxxxxxxxxx..." started');
    expect(parse(`a "${"x".repeat(4094)}";`).problems).toEqual([]);
    expect(parse(`a "${"x".repeat(4095)}";`).problems[0]!.message).toBe('too long parameter "xxxxxxxxxx..." started');
    expect(parse(`a "${long}";`).problems[0]!.message).toBe(`too long parameter, probably missing terminating '"' character`);
    // A comment stays in nginx's buffer up to the end of its line, like a word.
    expect(parse(`# ${"x".repeat(4093)}\na;`).problems).toEqual([]);
    expect(parse(`# ${"x".repeat(4094)}\na;`).problems[0]!.message).toBe('too long parameter "# xxxxxxxx..." started');
    // Counted in bytes: 2,048 two-byte characters fill the buffer.
    expect(parse(`a ${"é".repeat(2048)};`).problems).toHaveLength(1);
  });
});

describe("robustness", () => {
  it("parses 1,000 nested blocks and refuses deeper nesting with a clear message", () => {
    const nested = (depth: number) => "a {".repeat(depth) + "}".repeat(depth);
    expect(parse(nested(MAX_BLOCK_DEPTH)).problems).toEqual([]);
    const [problem] = parse(nested(10_000)).problems;
    expect(problem!.message).toBe(`blocks nested more than ${MAX_BLOCK_DEPTH} levels deep`);
    expect(problem!.start.column).toBe(3 * MAX_BLOCK_DEPTH + 3);
  });

  it("survives huge tokens", () => {
    for (const text of [
      "a".repeat(5_000_000),
      "$".repeat(1_000_000),
      `a "${"\\x".repeat(1_000_000)}";`,
      `a '${"b".repeat(1_000_000)}`,
      `# ${"c".repeat(1_000_000)}\nd;`,
      `content_by_lua_block { ${"[[".repeat(100_000)} }`,
    ]) {
      expect(parse(text).problems.length).toBeLessThanOrEqual(1);
    }
  });

  it("survives NUL bytes and control characters", () => {
    const result = parse("a\u0000b c\u0000;\u0001 {\u0000}");
    expect(names(result.file.children)).toContain("a\u0000b");
  });

  it("never throws, keeps one parse at most and prints any text back", () => {
    const nginxish = fc.array(
      fc.constantFrom("a", "b c", ";", "{", "}", " ", "\n", "\r\n", "\t", "#", '"', "'", "\\", "$", "${x}", "(", ")", "_by_lua_block", "[[", "]]", "--", "é", "\u0000"),
      { maxLength: 60 },
    );
    fc.assert(fc.property(nginxish, (pieces) => void parse(pieces.join(""))), { numRuns: 400 });
  });

  it("never throws on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => void parseChecked(decodeSource("random.conf", bytes))),
      { numRuns: 300 },
    );
  });
});
