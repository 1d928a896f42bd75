import { describe, expect, it } from "vitest";
import { decodeSource, sourceFromText } from "../syntax/source.js";
import { crossplaneParsed, crossplanePayload, type CrossplaneStatement } from "./crossplane.js";
import { parseNginx } from "./parse.js";

const parsed = (text: string, comments = true) => crossplaneParsed(parseNginx(sourceFromText("t.conf", text)).file, { comments });
const args = (text: string) => parsed(text)[0]!.args;

describe("crossplane statements", () => {
  it("writes directive, line, args and block in crossplane's order", () => {
    const json = JSON.stringify(parsed("events {\n  worker_connections 64;\n}\n"));
    expect(json).toBe(
      '[{"directive":"events","line":1,"args":[],"block":[{"directive":"worker_connections","line":2,"args":["64"]}]}]',
    );
  });

  it.each([
    [`"a\\"b"`, 'a"b'],
    [`'a\\'b'`, "a'b"],
    [`"a\\'b"`, "a\\'b"],
    [`"a\\\\b"`, "a\\\\b"],
    [`"tab\\t"`, "tab\\t"],
    [`a\\ b`, "a\\ b"],
    [`\\"x\\"`, '\\"x\\"'],
    [`""`, ""],
  ])("keeps backslashes as crossplane does: %s -> %s", (raw, expected) => {
    expect(args(`x ${raw};`)).toEqual([expected]);
  });

  it.each([
    ["if ($a = b) {}", ["$a", "=", "b"]],
    ["if ( $a ) {}", ["$a"]],
    ['if ($http_upgrade ~* "websocket") {}', ["$http_upgrade", "~*", "websocket"]],
    ["if (-f $file) {}", ["-f", "$file"]],
  ])("takes the parentheses off %s", (text, expected) => {
    expect(args(text)).toEqual(expected);
  });

  it("puts comments between a directive's words after it, on its line", () => {
    const statements = parsed("# top\nlisten # one\n  80 # two\n  ;\nuser x;\n");
    expect(statements).toEqual<CrossplaneStatement[]>([
      { directive: "#", line: 1, args: [], comment: " top" },
      { directive: "listen", line: 2, args: ["80"] },
      { directive: "#", line: 2, args: [], comment: " one" },
      { directive: "#", line: 2, args: [], comment: " two" },
      { directive: "user", line: 5, args: ["x"] },
    ]);
  });

  it("leaves comments out unless asked", () => {
    expect(parsed("# a\nb; # c\n", false)).toEqual([{ directive: "b", line: 2, args: [] }]);
  });

  it("loses a comment that ends the file without a line break, and a backslash before a line break", () => {
    expect(parsed("a;\n# last").map((statement) => statement.directive)).toEqual(["a"]);
    expect(parsed("# ends with \\\n# two \\\\\n")).toEqual([
      { directive: "#", line: 1, args: [], comment: " ends with " },
      { directive: "#", line: 2, args: [], comment: " two \\\\" },
    ]);
  });

  it("reads a word after ${...} and one space as part of the same argument", () => {
    expect(args("try_files /a/${uri} /b/${uri}.html =404 ;")).toEqual(["/a/${uri} /b/${uri}.html", "=404"]);
    expect(args("set $x ${a}  b;")).toEqual(["$x", "${a} ", "b"]);
    expect(args("set $x ${a} ;")).toEqual(["$x", "${a} "]);
    expect(args("set $x ${a};")).toEqual(["$x", "${a}"]);
    expect(args('set $x "${a}" b;')).toEqual(["$x", "${a}", "b"]);
  });

  it("gives a Lua body as one more argument for the Lua directives crossplane knows", () => {
    expect(parsed("content_by_lua_block { ngx.say(1) }")).toEqual([
      { directive: "content_by_lua_block", line: 1, args: [" ngx.say(1) "] },
    ]);
    expect(parsed("set_by_lua_block $v { return 1 }")[0]!.args).toEqual(["$v", " return 1 "]);
    expect(parsed("preread_by_lua_block { x() }")[0]).toEqual({ directive: "preread_by_lua_block", line: 1, args: [], block: [] });
  });

  it("counts a lone carriage return as a line break and turns CRLF into LF", () => {
    expect(parsed("a;\rb;").map((statement) => statement.line)).toEqual([1, 2]);
    expect(parsed('a "x\r\ny";\r\nb;')).toEqual([
      { directive: "a", line: 1, args: ["x\ny"] },
      { directive: "b", line: 3, args: [] },
    ]);
  });

  it("replaces bytes that are not UTF-8 as crossplane's decoder does", () => {
    const source = decodeSource("l.conf", Buffer.from([0x61, 0x20, 0x4d, 0xfc, 0x6c, 0x6c, 0x3b]));
    expect(crossplaneParsed(parseNginx(source).file, { comments: true })[0]!.args).toEqual(["M\ufffdll"]);
  });
});

describe("crossplane payload", () => {
  it("reports a clean file as ok", () => {
    const payload = crossplanePayload(parseNginx(sourceFromText("nginx.conf", "a;\n")), { comments: false });
    expect(payload).toEqual({
      status: "ok",
      errors: [],
      config: [{ file: "nginx.conf", status: "ok", errors: [], parsed: [{ directive: "a", line: 1, args: [] }] }],
    });
  });

  it("reports a syntax error in both places, with the tree read before it", () => {
    const payload = crossplanePayload(parseNginx(sourceFromText("nginx.conf", "a;\nb {\n")), { comments: false });
    const error = "unexpected end of file, expecting '}' in nginx.conf:3";
    expect(payload.status).toBe("failed");
    expect(payload.errors).toEqual([{ file: "nginx.conf", error, line: 3 }]);
    expect(payload.config[0]).toMatchObject({ status: "failed", errors: [{ error, line: 3 }] });
    expect(payload.config[0]!.parsed.map((statement) => statement.directive)).toEqual(["a", "b"]);
  });
});
