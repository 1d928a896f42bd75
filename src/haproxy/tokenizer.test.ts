import { describe, expect, it } from "vitest";
import { decodeSource } from "../syntax/source.js";
import { parseHaproxy } from "./parse.js";
import { printHaproxy } from "./print.js";
import { lineAt, parseText, problemList, statementAt, values } from "./test-helpers.js";

describe("words, quotes and escapes", () => {
  it("splits on blanks and keeps each word's raw text, leading blanks and position", () => {
    const result = parseText("global\n  maxconn\t 42\n");
    const [keyword, count] = lineAt(result, 2).words;
    expect(keyword).toMatchObject({ value: "maxconn", raw: "maxconn", leading: "  ", quoted: false });
    expect(keyword!.start).toEqual({ offset: 9, line: 2, column: 3 });
    expect(keyword!.end).toEqual({ offset: 16, line: 2, column: 10 });
    expect(count).toMatchObject({ value: "42", raw: "42", leading: "\t " });
    expect(count!.start).toEqual({ offset: 18, line: 2, column: 12 });
  });

  it("keeps spaces, '#' and the other quote inside double quotes", () => {
    const line = lineAt(parseText(`global\n description "a # b 'c'"\n`), 2);
    expect(values(line)).toEqual(["description", "a # b 'c'"]);
    expect(line.words[1]).toMatchObject({ raw: `"a # b 'c'"`, quoted: true });
    expect(line.comment).toBeNull();
  });

  it("joins quoted pieces with their neighbours into one word", () => {
    const line = lineAt(parseText(`global\n description "a"'b'c "d e"f\n`), 2);
    expect(values(line)).toEqual(["description", "abc", "d ef"]);
    expect(line.words.map((word) => word.raw)).toEqual(["description", `"a"'b'c`, `"d e"f`]);
  });

  it("takes single-quoted text literally", () => {
    const line = lineAt(parseText(`global\n description '\\t $HOME "x" \\\\'\n`, { env: { HOME: "/root" } }), 2);
    expect(line.words[1]!.value).toBe('\\t $HOME "x" \\\\');
    expect(line.words[1]!.envRefs).toEqual([]);
  });

  it.each([
    ["\\ ", " "],
    ["\\\\", "\\"],
    ["\\#", "#"],
    ["\\'", "'"],
    ['\\"', '"'],
    ["\\t", "\t"],
    ["\\n", "\n"],
    ["\\r", "\r"],
    ["\\x41\\x7a", "Az"],
    ["\\q", "\\q"],
    ["\\$", "\\$"],
  ])("resolves the escape %s outside quotes", (escape, value) => {
    const line = lineAt(parseText(`global\n description a${escape}b\n`), 2);
    expect(line.words[1]!.value).toBe(`a${value}b`);
    expect(line.words[1]!.raw).toBe(`a${escape}b`);
  });

  it("resolves \\$ only inside double quotes", () => {
    const line = lineAt(parseText(`global\n description "\\$HOME" \\$HOME\n`, { env: { HOME: "/root" } }), 2);
    expect(values(line).slice(1)).toEqual(["$HOME", "\\$HOME"]);
  });
});

describe("comments", () => {
  it("starts a comment at an unquoted '#', even inside a word", () => {
    const line = lineAt(parseText("global\n  maxconn 10# ten\n"), 2);
    expect(values(line)).toEqual(["maxconn", "10"]);
    expect(line.comment).toMatchObject({ text: " ten", raw: "# ten" });
    expect(line.comment!.start).toMatchObject({ line: 2, column: 13 });
  });

  it("keeps the blanks before a comment and whole-line comments", () => {
    const result = parseText("  # only a comment\nglobal   # section comment\n");
    expect(lineAt(result, 1)).toMatchObject({ type: "empty", words: [], trailing: "  " });
    expect(lineAt(result, 1).comment!.text).toBe(" only a comment");
    expect(lineAt(result, 2)).toMatchObject({ type: "section-header", trailing: "   " });
  });

  it("does not start a comment at an escaped or quoted '#'", () => {
    const line = lineAt(parseText(`global\n description a\\#b "c#d" 'e#f'\n`), 2);
    expect(values(line).slice(1)).toEqual(["a#b", "c#d", "e#f"]);
    expect(line.comment).toBeNull();
  });
});

describe("environment variables", () => {
  const env = { NAME: "edge", EMPTY: "", SPACED: "a b" };

  it("expands $NAME and ${NAME} inside double quotes only", () => {
    const line = lineAt(parseText(`global\n description "$NAME-\${NAME}x" $NAME\n`, { env }), 2);
    expect(values(line).slice(1)).toEqual(["edge-edgex", "$NAME"]);
    expect(line.words[1]!.envRefs.map((ref) => [ref.name, ref.raw])).toEqual([
      ["NAME", "$NAME"],
      ["NAME", "${NAME}"],
    ]);
    expect(line.words[1]!.envRefs[1]!.start).toMatchObject({ line: 2, column: 21 });
    expect(line.words[2]!.envRefs).toEqual([]);
  });

  it("uses the default only when the variable is unset, as HAProxy does", () => {
    const line = lineAt(parseText(`global\n description "\${UNSET-dflt}" "\${EMPTY-dflt}" "\${NAME-dflt}" "$UNSET"\n`, { env }), 2);
    expect(values(line).slice(1)).toEqual(["dflt", "", "edge", ""]);
    expect(line.words[1]!.envRefs[0]).toMatchObject({ name: "UNSET", defaultValue: "dflt", splitsIntoWords: false });
  });

  it("never reads the process environment", () => {
    process.env.WSLINT_TEST_ONLY_VARIABLE = "from-process";
    try {
      const line = lineAt(parseText(`global\n description "x$WSLINT_TEST_ONLY_VARIABLE"\n`), 2);
      expect(line.words[1]!.value).toBe("x");
    } finally {
      delete process.env.WSLINT_TEST_ONLY_VARIABLE;
    }
  });

  it("knows HAProxy's pseudo-variables and the [*] word expansion marker", () => {
    const result = parseText(`global\n description "$.LINE $.FILE $.SECTION" "\${SPACED[*]}"\n`, { env });
    const line = lineAt(result, 2);
    expect(line.words[1]!.value).toBe("2 test.cfg global");
    expect(line.words[2]).toMatchObject({ value: "a b" });
    expect(line.words[2]!.envRefs[0]!.splitsIntoWords).toBe(true);
  });

  it.each([
    [`"$9"`, "3:16 forbidden first char in environment variable name"],
    [`"\${}"`, "3:17 forbidden first char in environment variable name"],
    [`"$.NOPE"`, "3:16 forbidden first char in environment variable name"],
    [`"\${HOME"`, "3:16 unmatched brace in environment variable name"],
    [`"\${HOME x}"`, "3:16 unmatched brace in environment variable name"],
    [`"\${HOME[0]}"`, "3:21 truncated or invalid word expansion sequence"],
  ])("reports %s where HAProxy does", (word, problem) => {
    expect(problemList(parseText(`global\n\n description ${word}\n`))).toEqual([problem]);
  });
});

describe("tokenizer errors", () => {
  it("reports an unmatched quote at the quote and keeps the rest of the file", () => {
    const result = parseText(`global\n  description "open\n  maxconn 10\n  log 'also open\n`);
    expect(problemList(result)).toEqual(["2:15 unmatched quote", "4:7 unmatched quote"]);
    expect(values(lineAt(result, 2))).toEqual(["description", "open"]);
    expect(statementAt(result, 3).keyword).toBe("maxconn");
  });

  it("reports a truncated hexadecimal escape", () => {
    expect(problemList(parseText("global\n description a\\x4\n"))).toEqual([
      "2:15 truncated or invalid hexadecimal sequence",
    ]);
  });

  it("reports only the first tokenizer error of a line, as HAProxy does", () => {
    expect(problemList(parseText(`global\n description \\xZZ "$1" "open\n`))).toEqual([
      "2:14 truncated or invalid hexadecimal sequence",
    ]);
  });

  const words = (count: number): string => Array.from({ length: count }, (_, index) => `w${index}`).join(" ");

  it("accepts 64 words and rejects the 65th", () => {
    expect(problemList(parseText(`global\n${words(64)}\n`)).filter((problem) => problem.includes("too many"))).toEqual([]);
    const result = parseText(`global\n${words(65)}\n`);
    const extra = lineAt(result, 2).words[64]!;
    expect(problemList(result)).toContain(`2:${extra.start.column} too many words, truncating after word 64`);
  });

  it("counts blanks after the 64th word as a word, as HAProxy does", () => {
    expect(problemList(parseText(`global\n${words(64)} \n`))).toContain(
      `2:${words(64).length + 1} too many words, truncating after word 64`,
    );
    expect(problemList(parseText(`global\n${words(64)} # note\n`)).some((problem) => problem.includes("too many"))).toBe(true);
    expect(problemList(parseText(`global\n${words(64)}# note\n`)).some((problem) => problem.includes("too many"))).toBe(false);
  });
});

describe("line endings and encodings", () => {
  it("keeps CRLF line endings apart from the words", () => {
    const text = "global\r\n  maxconn 10\r\n";
    const result = parseText(text);
    expect(lineAt(result, 2)).toMatchObject({ eol: "\r\n", unparsedTail: "" });
    expect(values(lineAt(result, 2))).toEqual(["maxconn", "10"]);
    expect(printHaproxy(result.file)).toBe(text);
  });

  it("stops reading a line at a carriage return in its middle, as HAProxy does", () => {
    const result = parseText("global\n  maxconn 10\rignored words\n");
    expect(values(lineAt(result, 2))).toEqual(["maxconn", "10"]);
    expect(lineAt(result, 2).unparsedTail).toBe("\rignored words");
    expect(result.problems).toEqual([]);
  });

  it("reports a NUL byte and reads the line up to it", () => {
    const result = parseText("global\n  maxconn 1\u00002\n  nbthread 2\n");
    expect(problemList(result)).toEqual(["2:12 stray NUL character"]);
    expect(values(lineAt(result, 2))).toEqual(["maxconn", "1"]);
    expect(statementAt(result, 3).keyword).toBe("nbthread");
  });

  it("reports a last line without line feed", () => {
    expect(problemList(parseText("global\n  maxconn 10"))).toEqual([
      "2:13 missing LF on last line, file might have been truncated",
    ]);
    expect(parseText("").problems).toEqual([]);
  });

  it("parses a file with a byte order mark and one in latin1", () => {
    const bom = decodeSource("bom.cfg", Buffer.from("\ufeffglobal\n  maxconn 10\n", "utf8"));
    const bomResult = parseHaproxy(bom);
    expect(bomResult.file.lines[0]!.type).toBe("section-header");
    expect(bomResult.problems.map((problem) => `${problem.start.line}:${problem.start.column} ${problem.message}`)).toEqual([
      "1:1 the file starts with a UTF-8 byte order mark, which HAProxy reads as part of the first word and refuses: save the file without it",
    ]);
    const latin1 = decodeSource("latin1.cfg", Buffer.from([...Buffer.from("global\n  description caf"), 0xe9, 0x0a]));
    const result = parseHaproxy(latin1);
    expect(values(result.file.lines[1]!)).toEqual(["description", "café"]);
    expect(printHaproxy(result.file)).toBe(latin1.text);
  });
});
