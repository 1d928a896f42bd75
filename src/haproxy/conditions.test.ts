import { describe, expect, it } from "vitest";
import type { HaproxyCondition, HaproxyConditionTerm } from "./ast.js";
import { parseText, problemList, statementAt } from "./test-helpers.js";

const rule = (text: string) => statementAt(parseText(`frontend f\n  ${text}\n`), 2);

/** A compact picture of a condition: alternatives of terms, `!` for negation, `{}` for anonymous ACLs. */
function shape(condition: HaproxyCondition | null): string {
  if (condition === null) return "none";
  const term = (item: HaproxyConditionTerm): string =>
    (item.negated ? "!" : "") +
    (item.type === "acl-reference" ? item.name : `{${item.expression?.criterion.fetch.name ?? ""}}`);
  return `${condition.polarity} ` + condition.alternatives.map((suite) => suite.terms.map(term).join(" & ")).join(" | ");
}

describe("conditions", () => {
  it.each([
    ["http-request deny if a", "if a"],
    ["http-request deny if a b", "if a & b"],
    ["http-request deny if a or b || c", "if a | b | c"],
    ["http-request deny if a OR b", "if a | b"],
    ["http-request deny unless !a", "unless !a"],
    ["http-request deny if ! a !!b !!!c", "if !a & b & !c"],
    ["http-request deny if { path_beg /x } !{ src 10.0.0.0/8 } or b", "if {path_beg} & !{src} | b"],
    ["http-request deny if or a or", "if a"],
    ["use_backend ws if is_ws", "if is_ws"],
    ["redirect scheme https code 301 if !secure", "if !secure"],
    ["tcp-request content reject if { src_conn_rate gt 10 }", "if {src_conn_rate}"],
    ["stats http-request deny unless local", "unless local"],
    ["monitor fail if down", "if down"],
  ])("splits `%s` into %s", (text, expected) => {
    expect(shape(rule(text).condition)).toBe(expected);
  });

  it("keeps the rule's arguments before the condition", () => {
    const statement = rule("http-request set-header X-Mode ws if is_ws");
    expect(statement.args.map((word) => word.value)).toEqual(["X-Mode", "ws"]);
    expect(statement.condition!.polarityWord.value).toBe("if");
    expect(statement.condition!.words.map((word) => word.value)).toEqual(["is_ws"]);
    expect(statement.condition!.start.column).toBe(37);
    expect(statement.condition!.end.column).toBe(45);
  });

  it("leaves `if` alone in keywords that take no condition", () => {
    const statement = rule("description if only");
    expect(statement.condition).toBeNull();
    expect(statement.args.map((word) => word.value)).toEqual(["if", "only"]);
  });

  it("gives each term its words and span", () => {
    const condition = rule("http-request deny if ! a { hdr(x) -i y }").condition!;
    const [negated, anonymous] = condition.alternatives[0]!.terms;
    expect(negated!.words.map((word) => word.value)).toEqual(["!", "a"]);
    expect(negated!.start.column).toBe(24);
    expect(anonymous!.words.map((word) => word.value)).toEqual(["{", "hdr(x)", "-i", "y", "}"]);
    expect(anonymous!.end.column).toBe(43);
  });

  it("reports a missing closing brace", () => {
    const result = parseText("frontend f\n  http-request deny if a { path_beg /x\n");
    expect(problemList(result)).toEqual(["2:26 missing closing '}' in condition"]);
  });
});

describe("acl declarations", () => {
  it("reads the name, fetch with arguments and converters, flags and values", () => {
    const acl = rule("acl is_ws req.hdr(upgrade,1),lower,word(1,/) -i -m str websocket WebSocket").acl!;
    expect(acl.name!.value).toBe("is_ws");
    const expression = acl.expression!;
    expect(expression.criterion.fetch).toMatchObject({ name: "req.hdr", args: ["upgrade", "1"] });
    expect(expression.criterion.converters).toMatchObject([
      { name: "lower", args: null },
      { name: "word", args: ["1", "/"] },
    ]);
    // `  acl is_ws req.hdr(upgrade,1),lower,word(1,/)`: each call's span within the word
    const spans = [expression.criterion.fetch, ...expression.criterion.converters].map((call) => [
      call.start.column,
      call.end.column,
    ]);
    expect(spans).toEqual([
      [13, 31],
      [32, 37],
      [38, 47],
    ]);
    expect(expression.flags.map((flag) => [flag.name, flag.argument?.value ?? null])).toEqual([
      ["-i", null],
      ["-m", "str"],
    ]);
    expect(expression.values.map((word) => word.value)).toEqual(["websocket", "WebSocket"]);
  });

  it("stops reading flags after `--`", () => {
    const expression = rule("acl neg req.hdr(x) -i -- -1 -f").acl!.expression!;
    expect(expression.flags.map((flag) => flag.name)).toEqual(["-i", "--"]);
    expect(expression.values.map((word) => word.value)).toEqual(["-1", "-f"]);
  });

  it("reads -f, -u, -n and -M", () => {
    const expression = rule("acl listed src -n -M -u 7 -f /etc/haproxy/allow.lst").acl!.expression!;
    expect(expression.flags.map((flag) => [flag.name, flag.argument?.value ?? null])).toEqual([
      ["-n", null],
      ["-M", null],
      ["-u", "7"],
      ["-f", "/etc/haproxy/allow.lst"],
    ]);
    expect(expression.values).toEqual([]);
  });

  it("reads a fetch argument with quotes and nested parentheses", () => {
    const expression = rule(`acl odd req.hdr(x),regsub("(a,b)",\\,,g) -m found`).acl!.expression!;
    expect(expression.criterion.converters[0]).toMatchObject({ name: "regsub", args: ["(a,b)", ",", "g"] });
    // the word has quotes and escapes, so the call spans fall back to the word's edges
    expect(expression.criterion.converters[0]!.start).toEqual(expression.criterion.word.start);
  });

  it.each([
    ["acl bad/name path /", "2:7 character '/' is not permitted in acl name 'bad/name'"],
    ["acl n req.hdr(x) -z", "2:20 '-z' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'"],
    ["acl n req.hdr(x) -m", "2:20 missing argument after ACL option '-m'"],
    ["acl n (arg)", "2:9 missing fetch method in ACL expression '(arg)'"],
    ["acl n req.hdr(", "2:9 missing closing ')' after arguments to fetch keyword 'req.hdr' in ACL expression 'req.hdr('"],
    ["acl n path,lower(x", "2:9 missing closing ')' after arguments to converter 'lower' in ACL expression 'path,lower(x'"],
    ["acl n req.hdr(x)y", "2:9 missing comma after fetch keyword 'req.hdr' in ACL expression 'req.hdr(x)y'"],
  ])("reports `%s`", (text, problem) => {
    expect(problemList(parseText(`frontend f\n  ${text}\n`))).toEqual([problem]);
  });

  it("reads ACL expressions inside conditions the same way", () => {
    const term = rule("http-request deny if { req.hdr(host),lower -m end .example }").condition!.alternatives[0]!.terms[0]!;
    expect(term.type).toBe("anonymous-acl");
    if (term.type !== "anonymous-acl") return;
    expect(term.expression!.criterion.converters.map((call) => call.name)).toEqual(["lower"]);
    expect(term.expression!.flags[0]!.argument!.value).toBe("end");
    expect(term.expression!.values.map((word) => word.value)).toEqual([".example"]);
  });
});
