import { describe, expect, it } from "vitest";
import { headerAt, lineAt, parseText, problemList, statementAt } from "./test-helpers.js";

const inBackend = (line: string) => parseText(`backend b\n  ${line}\n`);

describe("keywords", () => {
  it.each([
    ["maxconn 100", "maxconn", ["100"]],
    ["timeout tunnel 1h", "timeout tunnel", ["1h"]],
    ["option http-server-close", "option http-server-close", []],
    ["http-request set-header X-Test v1", "http-request set-header", ["X-Test", "v1"]],
    ["http-response del-header Server", "http-response del-header", ["Server"]],
    ["http-after-response set-status 200", "http-after-response set-status", ["200"]],
    ["http-request set-var(txn.route) path", "http-request set-var", ["path"]],
    ["tcp-request inspect-delay 5s", "tcp-request inspect-delay", ["5s"]],
    ["tcp-request content accept", "tcp-request content accept", []],
    ["tcp-request connection track-sc0 src", "tcp-request connection track-sc0", ["src"]],
    ["tcp-request session reject", "tcp-request session reject", []],
    ["tcp-response content close", "tcp-response content close", []],
    ["stats uri /stats", "stats uri", ["/stats"]],
    ["stats http-request auth realm x", "stats http-request auth", ["realm", "x"]],
    ["capture request header Host len 32", "capture request header", ["Host", "len", "32"]],
    ["capture cookie SID len 10", "capture cookie", ["SID", "len", "10"]],
    ["balance roundrobin", "balance roundrobin", []],
    ["balance url_param userid", "balance url_param", ["userid"]],
    ["balance hdr(host)", "balance hdr", []],
    ["stick on src", "stick on", ["src"]],
    ["http-check expect status 101", "http-check expect", ["status", "101"]],
    ["timeout", "timeout", []],
  ])("reads `%s` as keyword `%s`", (text, keyword, args) => {
    const statement = statementAt(inBackend(text), 2);
    expect(statement.keyword).toBe(keyword);
    expect(statement.args.map((word) => word.value)).toEqual(args);
    expect(statement.keywordWords.map((word) => word.value).join(" ")).toBe(text.split(" ").slice(0, statement.keywordWords.length).join(" "));
  });

  it("reads `no` and `default` as modifiers of options", () => {
    const result = parseText("defaults\n  no option httpclose\n  default option redispatch\n");
    expect(statementAt(result, 2)).toMatchObject({ keyword: "option httpclose", modifier: "no" });
    expect(statementAt(result, 2).modifierWord!.value).toBe("no");
    expect(statementAt(result, 3)).toMatchObject({ keyword: "option redispatch", modifier: "default" });
    expect(result.problems).toEqual([]);
  });

  it("rejects modifiers on keywords HAProxy does not let them modify", () => {
    expect(problemList(parseText("global\n  no maxconn 10\n"))).toEqual([
      "2:3 negation/default currently supported only for options, log, busy-polling, set-dumpable, strict-limits, insecure-fork-wanted and numa-cpu-mapping",
    ]);
  });

  it("reads a lone `no` as a modifier of nothing, as HAProxy does", () => {
    const result = parseText("no\nglobal\n  default\n");
    expect(statementAt(result, 1)).toMatchObject({ keyword: "", modifier: "no", keywordWords: [] });
    expect(problemList(result)).toEqual([
      `1:1 ${"negation/default currently supported only for options, log, busy-polling, set-dumpable, strict-limits, insecure-fork-wanted and numa-cpu-mapping"}`,
      "1:1 unknown keyword '' out of section",
      `3:3 ${"negation/default currently supported only for options, log, busy-polling, set-dumpable, strict-limits, insecure-fork-wanted and numa-cpu-mapping"}`,
    ]);
  });

  it("compares keywords by value, quotes and all", () => {
    expect(statementAt(inBackend(`"timeout" 'tunnel' 1h`), 2).keyword).toBe("timeout tunnel");
  });
});

describe("sections", () => {
  it("groups lines under the section above them, whatever their indentation", () => {
    const result = parseText("global\nmaxconn 1\n    nbthread 2\n\nbackend api\n# note\nserver s1 127.0.0.1:80\n");
    const [global, backend] = result.file.sections;
    expect(global).toMatchObject({ keyword: "global", name: null });
    expect(global!.statements.map((statement) => statement.keyword)).toEqual(["maxconn", "nbthread"]);
    expect(global!.lines).toHaveLength(3);
    expect(backend).toMatchObject({ keyword: "backend", name: "api" });
    expect(backend!.lines.map((line) => line.type)).toEqual(["empty", "statement"]);
    expect(backend!.start).toEqual(headerAt(result, 5).start);
    expect(backend!.end).toEqual(lineAt(result, 7).end);
  });

  it.each([
    ["defaults", null, null],
    ["defaults base", "base", null],
    ["defaults tuned from base", "tuned", "base"],
    ["defaults from base", null, "base"],
    ["frontend www from base", "www", "base"],
    ["backend app from base", "app", "base"],
    ["listen stats from base", "stats", "base"],
    ["userlist admins", "admins", null],
    ["peers from", "from", null],
  ])("reads the name and `from` of `%s`", (text, name, from) => {
    const header = headerAt(parseText(`${text}\n`), 1);
    expect(header.name?.value ?? null).toBe(name);
    expect(header.from?.value ?? null).toBe(from);
  });

  it.each([
    "global",
    "userlist u",
    "peers p",
    "mailers m",
    "resolvers r",
    "cache c",
    "program p",
    "http-errors e",
    "ring r",
    "log-forward l",
    "fcgi-app f",
    "crt-store c",
    "traces",
    "acme a",
  ])("knows the section `%s`", (text) => {
    expect(lineAt(parseText(`${text}\n`), 1).type).toBe("section-header");
  });

  it("keeps lines before any section and rejects statements there, as HAProxy does", () => {
    const result = parseText("# leading comment\nmaxconn 10\nglobal\n");
    expect(result.file.preamble.map((line) => line.type)).toEqual(["empty", "statement"]);
    expect(problemList(result)).toEqual(["2:1 unknown keyword 'maxconn' out of section"]);
    expect(result.file.sections).toHaveLength(1);
  });

  it("reads a scope line and checks it as HAProxy does", () => {
    const result = parseText("global\n  [edge.v2] # scope\n[]\n[a b]\n[x]y\n");
    expect(lineAt(result, 2)).toMatchObject({ type: "scope", name: "edge.v2" });
    expect(lineAt(result, 2).comment!.raw).toBe("# scope");
    expect(problemList(result)).toEqual([
      "3:1 empty scope name is forbidden",
      "4:3 character ' ' is not permitted in a scope name",
      "5:4 character 'y' is not permitted after scope declaration",
    ]);
  });

  it("skips a line whose first word is empty, as HAProxy does", () => {
    expect(lineAt(parseText(`global\n  "" maxconn 10\n`), 2).type).toBe("empty");
  });
});
