import { describe, expect, it } from "vitest";
import { decodeSource, sourceFromText } from "../syntax/source.js";
import type { NginxDirective, NginxNode, NginxParseResult } from "./ast.js";
import { parseNginx, runNginxGrammar } from "./parse.js";
import { printNginx } from "./print.js";

function parse(text: string): NginxParseResult {
  const source = sourceFromText("test.conf", text);
  expect(runNginxGrammar(source).parses.length).toBeLessThanOrEqual(1);
  const result = parseNginx(source);
  expect(printNginx(result.file)).toBe(source.text);
  return result;
}

function directives(nodes: NginxNode[]): NginxDirective[] {
  return nodes.filter((node): node is NginxDirective => node.type === "directive");
}

/** The only directive of a file that must parse without problems. */
function single(text: string): NginxDirective {
  const result = parse(text);
  expect(result.problems).toEqual([]);
  const [directive] = directives(result.file.children);
  return directive!;
}

const values = (directive: NginxDirective) => directive.args.map((arg) => arg.value);

/** `name[args]{children}` for each node, comments as `#text`: a compact picture of a tree. */
function outline(nodes: NginxNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === "comment") return `#${node.text.trim()}`;
      const args = node.args.length > 0 ? `[${node.args.map((arg) => arg.value).join(",")}]` : "";
      const block = node.block === null ? "" : `{${outline(node.block)}}`;
      return node.name + args + block;
    })
    .join(" ");
}

describe("directives and blocks", () => {
  it("reads simple directives, blocks and nesting", () => {
    const result = parse("user www;\nhttp {\n  server {\n    listen 80;\n    location / { return 200; }\n  }\n}\n");
    expect(result.problems).toEqual([]);
    expect(outline(result.file.children)).toBe("user[www] http{server{listen[80] location[/]{return[200]}}}");
  });

  it("tells simple directives from blocks by their punctuation", () => {
    const [simple, block] = directives(parse("a 1;\nb {}\n").file.children);
    expect(simple!.semicolon).not.toBeNull();
    expect(simple!.block).toBeNull();
    expect(simple!.open).toBeNull();
    expect(block!.semicolon).toBeNull();
    expect(block!.block).toEqual([]);
    expect(block!.open).not.toBeNull();
    expect(block!.close).not.toBeNull();
  });

  it("accepts braces and semicolons with no space around them", () => {
    const result = parse("a{b 1;c{}}d;");
    expect(result.problems).toEqual([]);
    expect(outline(result.file.children)).toBe("a{b[1] c{}} d");
  });

  it("gives every token its position and the whitespace before it", () => {
    const directive = single("\n  listen  80\n    default ;\n");
    expect(directive.nameWord.leading).toBe("\n  ");
    expect(directive.start).toEqual({ offset: 3, line: 2, column: 3 });
    expect(directive.args[0]!.leading).toBe("  ");
    expect(directive.args[0]!.start).toEqual({ offset: 11, line: 2, column: 11 });
    expect(directive.args[0]!.end).toEqual({ offset: 13, line: 2, column: 13 });
    expect(directive.args[1]!.start).toEqual({ offset: 18, line: 3, column: 5 });
    expect(directive.semicolon!.leading).toBe(" ");
    expect(directive.semicolon!.start).toEqual({ offset: 26, line: 3, column: 13 });
    expect(directive.end).toEqual({ offset: 27, line: 3, column: 14 });
  });

  it("spans a block directive from its name to its closing brace", () => {
    const directive = single("server {\n  listen 80;\n}");
    expect(directive.open!.start).toEqual({ offset: 7, line: 1, column: 8 });
    expect(directive.close!.leading).toBe("\n");
    expect(directive.close!.start).toEqual({ offset: 22, line: 3, column: 1 });
    expect(directive.end).toEqual({ offset: 23, line: 3, column: 2 });
  });

  it("keeps the whitespace after the last token", () => {
    expect(parse("a;\n\n  ").file.trailing).toBe("\n\n  ");
    expect(parse("").file.children).toEqual([]);
    expect(parse("   \n").file.trailing).toBe("   \n");
  });
});

describe("quoted and escaped words", () => {
  it.each([
    [`"two words"`, "two words", '"'],
    [`'single'`, "single", "'"],
    [`""`, "", '"'],
    [`"say \\"hi\\""`, 'say "hi"', '"'],
    [`'it\\'s'`, "it's", "'"],
    [`"a\\\\b"`, "a\\b", '"'],
    [`"tab\\there"`, "tab\there", '"'],
    [`"line\\nbreak\\r"`, "line\nbreak\r", '"'],
    [`"kept\\q"`, "kept\\q", '"'],
    [`"multi\nline"`, "multi\nline", '"'],
    [`"{braces;}"`, "{braces;}", '"'],
    [`a\\ b`, "a\\ b", null],
    [`a\\;b`, "a\\;b", null],
    [`\\"quoted\\"`, '"quoted"', null],
    [`a\\tb`, "a\tb", null],
    [`ab"cd"ef`, 'ab"cd"ef', null],
    [`it's`, "it's", null],
  ])("reads %s as %j", (raw, value, quote) => {
    const [arg] = single(`x ${raw};`).args;
    expect(arg).toMatchObject({ raw, value, quote });
  });

  it("lets a quoted word touch `;`, `{` and a word starting with `)`", () => {
    expect(values(single(`a "x";`))).toEqual(["x"]);
    expect(single(`a "x"{}`).block).toEqual([]);
    expect(values(single(`if ($a ~ "x") {}`))).toEqual(["($a", "~", "x", ")"]);
  });

  it("counts lines inside quoted strings and escaped line breaks", () => {
    const directive = single('a "1\n2" b\\\nc d;');
    expect(directive.args[1]!.value).toBe("b\\\nc");
    expect(directive.args[2]!.start).toEqual({ offset: 13, line: 3, column: 3 });
  });
});

describe("variables", () => {
  it.each([
    ["${host}-suffix", ["${host}-suffix"]],
    ["prefix${host}${uri}", ["prefix${host}${uri}"]],
    ["$host$uri", ["$host$uri"]],
    ['"${scheme}://${host}"', ["${scheme}://${host}"]],
  ])("keeps %s in one word", (args, expected) => {
    expect(values(single(`set ${args};`))).toEqual(expected);
  });

  it("opens a block at `{` unless `$` comes right before it", () => {
    expect(outline(parse("location /a{b;}").file.children)).toBe("location[/a]{b}");
    expect(outline(parse("a x${ b;").file.children)).toBe("a[x${,b]");
  });
});

describe("comments", () => {
  it("keeps comments as nodes where they stand", () => {
    const result = parse("# first\na; # after a\nb { # after brace\n  c;\n  # inside\n}\n# last");
    expect(result.problems).toEqual([]);
    expect(outline(result.file.children)).toBe("#first a #after a b{#after brace c #inside} #last");
    const comment = result.file.children[0]!;
    expect(comment).toMatchObject({ type: "comment", text: " first", raw: "# first", leading: "" });
    expect(comment.end).toEqual({ offset: 7, line: 1, column: 8 });
  });

  it("keeps comments between a directive's words apart from its arguments", () => {
    const directive = single("listen # the address\n  80 # the port\n  ;\n");
    expect(values(directive)).toEqual(["80"]);
    expect(directive.innerComments.map((comment) => comment.text)).toEqual([" the address", " the port"]);
  });

  it("starts a comment only at the start of a token", () => {
    expect(values(single("a b#c #d\n;"))).toEqual(["b#c"]);
    expect(values(single("a \\#b;"))).toEqual(["\\#b"]);
  });

  it("leaves the carriage return of a CRLF line ending out of the comment", () => {
    const result = parse("# note\r\na;\r\n");
    expect(result.file.children[0]).toMatchObject({ text: " note", raw: "# note" });
    expect(directives(result.file.children)[0]!.nameWord.leading).toBe("\r\n");
  });
});

describe("if conditions and regular expressions", () => {
  it("keeps the parentheses in the first and last words", () => {
    expect(values(single("if ($request_method = POST) {}"))).toEqual(["($request_method", "=", "POST)"]);
    expect(values(single("if ( -f $file ) {}"))).toEqual(["(", "-f", "$file", ")"]);
    expect(values(single('if ($http_upgrade ~* "^websocket$") {}'))).toEqual(["($http_upgrade", "~*", "^websocket$", ")"]);
  });

  it("reads regex locations quoted or not", () => {
    expect(values(single("location ~* \\.(png|jpg)$ {}"))).toEqual(["~*", "\\.(png|jpg)$"]);
    expect(values(single('location ~ "^/id/[0-9]{4}$" {}'))).toEqual(["~", "^/id/[0-9]{4}$"]);
  });

  it("opens a block at an unquoted `{` in a regex, as nginx does", () => {
    const result = parse("location ~ ^/a{2}$ { return 200; }\n");
    expect(outline(result.file.children)).toBe("location[~,^/a]{2}${return[200]}}");
    expect(result.problems.map((problem) => problem.message)).toEqual(["unexpected end of file, expecting '}'"]);
  });
});

describe("line endings and encodings", () => {
  it("counts lines by LF in CRLF files", () => {
    const result = parse("a {\r\n  b 1;\r\n}\r\n");
    const [block] = directives(result.file.children);
    const [inner] = directives(block!.block!);
    expect(inner!.start).toEqual({ offset: 7, line: 2, column: 3 });
    expect(inner!.nameWord.leading).toBe("\r\n  ");
    expect(block!.close!.start.line).toBe(3);
  });

  it("reads a file whose byte order mark the decoder removed, and reports the mark nginx refuses", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("events {}\n")]);
    const source = decodeSource("bom.conf", bytes);
    const result = parseNginx(source);
    expect(result.problems.map((problem) => [problem.start.line, problem.start.column, problem.message])).toEqual([
      [1, 1, "the file starts with a UTF-8 byte order mark, which nginx reads as part of the first word and refuses: save the file without it"],
    ]);
    expect(directives(result.file.children)[0]!.start).toEqual({ offset: 0, line: 1, column: 1 });
    expect(printNginx(result.file)).toBe(source.text);
  });

  it("reads bytes that are not UTF-8 as latin1", () => {
    const source = decodeSource("latin1.conf", Buffer.from([0x61, 0x20, 0x22, 0xfc, 0xff, 0x22, 0x3b]));
    const result = parseNginx(source);
    expect(source.encoding).toBe("latin1");
    expect(directives(result.file.children)[0]!.args[0]!.value).toBe("\u00fc\u00ff");
    expect(printNginx(result.file)).toBe(source.text);
  });
});

describe("OpenResty Lua blocks", () => {
  it("keeps a Lua body as raw text with its range", () => {
    const directive = single('content_by_lua_block {\n  ngx.say("}")\n}\n');
    expect(directive.luaBody!.raw).toBe('\n  ngx.say("}")\n');
    expect(directive.luaBody!.start).toEqual({ offset: 22, line: 1, column: 23 });
    expect(directive.luaBody!.end).toEqual({ offset: 38, line: 3, column: 1 });
    expect(directive.block).toEqual([]);
    expect(directive.close!.start).toEqual({ offset: 38, line: 3, column: 1 });
  });

  it.each([
    ["a string", `s = "}" t = '{'`],
    ["an escaped quote", `s = "\\"}"`],
    ["a long string", "s = [[ } ]]"],
    ["a leveled long string", "s = [==[ ]] } ]==]"],
    ["a line comment", "-- }\n"],
    ["a block comment", "--[[ }\n]]"],
    ["nested tables", "t = { a = { } }"],
  ])("does not end the body at a brace in %s", (_, lua) => {
    const result = parse(`access_by_lua_block {${lua}} after;`);
    expect(result.problems).toEqual([]);
    const [lua_, after] = directives(result.file.children);
    expect(lua_!.luaBody!.raw).toBe(lua);
    expect(after!.name).toBe("after");
  });

  it("reads the argument of set_by_lua_block before its body", () => {
    const directive = single("set_by_lua_block $sum { return 1 + 2 }");
    expect(values(directive)).toEqual(["$sum"]);
    expect(directive.luaBody!.raw).toBe(" return 1 + 2 ");
  });

  it("reads other blocks as nginx blocks", () => {
    expect(single("upstream content_by_lua_block { server a; }").luaBody).toBeNull();
  });

  it("reports a Lua body that never ends", () => {
    const result = parse('content_by_lua_block { ngx.say("x")\n');
    expect(result.problems.map((problem) => problem.message)).toEqual(["unexpected end of file, expecting '}'"]);
  });
});
