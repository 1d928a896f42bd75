import { describe, expect, it } from "vitest";
import type { HaproxyConditionalBlock, HaproxyLine, HaproxyTestExpression } from "./ast.js";
import { directiveAt, lineAt, parseText, problemList, statementAt } from "./test-helpers.js";

/** A compact picture of a `.if` expression. */
function shape(expression: HaproxyTestExpression | null): string {
  if (expression === null) return "none";
  switch (expression.type) {
    case "or":
      return `or(${expression.operands.map(shape).join(", ")})`;
    case "and":
      return `and(${expression.operands.map(shape).join(", ")})`;
    case "not":
      return `not(${shape(expression.operand)})`;
    case "group":
      return `(${shape(expression.expression)})`;
    case "number":
      return String(expression.value);
    case "predicate":
      return `${expression.name}[${expression.args.join("|")}]`;
  }
}

const text = [
  "global", //                    1
  ".if defined(A)", //            2
  "  maxconn 1", //               3
  ".elif 0", //                   4
  "  maxconn 2", //               5
  "  .if 1", //                   6
  "    nbthread 2", //            7
  "  .endif", //                  8
  ".else", //                     9
  "  maxconn 3", //               10
  "backend b", //                 11
  "  server s 127.0.0.1:1", //    12
  ".endif", //                    13
  "  server t 127.0.0.1:2", //    14
].join("\n") + "\n";

describe(".if blocks", () => {
  const result = parseText(text);

  it("keeps the blocks with all their branches and the .endif", () => {
    expect(result.problems).toEqual([]);
    const [block] = result.file.conditionals;
    expect(result.file.conditionals).toHaveLength(1);
    expect(block!.branches.map((branch) => branch.opener.name)).toEqual([".if", ".elif", ".else"]);
    expect(block!.endif).toBe(lineAt(result, 13));
    expect(block!.start.line).toBe(2);
    expect(block!.end.line).toBe(13);
    expect(block!.branches.map((branch) => [branch.start.line, branch.end.line])).toEqual([
      [2, 3],
      [4, 8],
      [9, 12],
    ]);
  });

  it("nests blocks in the branch they are written in", () => {
    const elif = result.file.conditionals[0]!.branches[1]!;
    const nested = elif.children[1] as HaproxyConditionalBlock;
    expect(elif.children[0]).toBe(lineAt(result, 5));
    expect(nested.branches[0]!.opener).toBe(lineAt(result, 6));
    expect(nested.branches[0]!.children).toEqual([lineAt(result, 7)]);
  });

  it("lets blocks cross sections while sections keep their lines", () => {
    const elseBranch = result.file.conditionals[0]!.branches[2]!;
    expect(elseBranch.children).toEqual([lineAt(result, 10), lineAt(result, 11), lineAt(result, 12)]);
    const backend = result.file.sections[1]!;
    expect(backend.statements.map((statement) => statement.start.line)).toEqual([12, 14]);
    expect(backend.lines.map((line) => line.start.line)).toEqual([12, 13, 14]);
  });

  it("gives every line the branches it is under, outermost first", () => {
    const openers = (line: HaproxyLine) => line.conditionals.map((opener) => opener.start.line);
    expect(openers(lineAt(result, 3))).toEqual([2]);
    expect(openers(lineAt(result, 7))).toEqual([4, 6]);
    expect(openers(lineAt(result, 6))).toEqual([4]);
    expect(openers(lineAt(result, 9))).toEqual([]);
    expect(openers(statementAt(result, 12))).toEqual([9]);
    expect(openers(lineAt(result, 13))).toEqual([]);
    expect(openers(statementAt(result, 14))).toEqual([]);
  });

  it.each([
    ["global\n.endif\n", ["2:1 lone '.endif' with no matching '.if'"]],
    ["global\n.elif 1\n", ["2:1 lone '.elif' with no matching '.if'"]],
    ["global\n.if 1\n.else\n.else\n.endif\n", ["4:1 '.else' after '.else' is not permitted"]],
    ["global\n.if 1\n.else\n.elif 1\n.endif\n", ["4:1 '.elif' after '.else' is not permitted"]],
    ["global\n.if 1\n.else 0\n.endif x\n", ["3:7 Unexpected argument '0' for '.else'", "4:8 Unexpected argument 'x' for '.endif'"]],
    ["global\n.if 1\n.if 0\n  maxconn 1\n", [
      "4:12 non-terminated '.if' block (opened at line 2)",
      "4:12 non-terminated '.if' block (opened at line 3)",
    ]],
  ])("reports unbalanced blocks in %j", (source, problems) => {
    expect(problemList(parseText(source))).toEqual(problems);
  });

  it.each([
    [99, []],
    [100, ["101:1 too many nested '.if', max is 100"]],
    [10_000, ["101:1 too many nested '.if', max is 100"]],
  ])("refuses %i nested .if levels as HAProxy does beyond 99, once, keeping the lines", (depth, problems) => {
    const source = "global\n" + ".if 1\n".repeat(depth) + "  maxconn 1\n" + ".endif\n".repeat(depth);
    const result = parseText(source);
    expect(problemList(result)).toEqual(problems);
    expect(result.file.lines).toHaveLength(2 * depth + 2);
    const maxconn = statementAt(result, depth + 2);
    expect(maxconn.keyword).toBe("maxconn");
    expect(maxconn.conditionals.length).toBe(Math.min(depth, 99));
  });

  it("writes the views by line number in JSON, each line once", () => {
    const json = JSON.parse(JSON.stringify(result.file));
    expect(json.lines).toHaveLength(14);
    expect(json.lines[6].conditionals).toBeUndefined();
    expect(json.sections.map((section: { headerLine: number }) => section.headerLine)).toEqual([1, 11]);
    const [block] = json.conditionals;
    expect(block.branches.map((branch: { openerLine: number }) => branch.openerLine)).toEqual([2, 4, 9]);
    expect(block.branches[1].blocks[0].branches[0].openerLine).toBe(6);
    expect(block.endifLine).toBe(13);
    // the openers stay on the lines in memory
    expect(lineAt(result, 7).conditionals.map((opener) => opener.name)).toEqual([".elif", ".if"]);
  });

  it("keeps an unterminated block in the tree", () => {
    const unterminated = parseText("global\n.if 1\n  maxconn 1\n");
    const block = unterminated.file.conditionals[0]!;
    expect(block.endif).toBeNull();
    expect(block.branches[0]!.children).toEqual([lineAt(unterminated, 3)]);
    expect(block.end).toEqual(lineAt(unterminated, 3).end);
  });
});

describe(".if expressions", () => {
  it.each([
    ["defined(HOME)", "defined[HOME]"],
    ["1", "true"],
    ["0x0", "false"],
    ["!0", "not(false)"],
    ["! ! 1", "true"],
    ["defined", "defined[]"],
    ["defined(A) && defined(B) || 0", "or(and(defined[A], defined[B]), false)"],
    ["defined(A) || defined(B) && 1", "or(defined[A], and(defined[B], true))"],
    ["!(0 || feature(OPENSSL))", "not((or(false, feature[OPENSSL])))"],
    [`streq("a b",'c')`, "streq[a b|c]"],
    ["version_atleast(2.6) && !version_before(3.0)", "and(version_atleast[2.6], not(version_before[3.0]))"],
  ])("parses `.if %s`", (expression, expected) => {
    const result = parseText(`.if ${expression}\n.endif\n`);
    expect(result.problems).toEqual([]);
    expect(shape(directiveAt(result, 1).test)).toBe(expected);
  });

  it("maps expression positions back to the source", () => {
    const test = directiveAt(parseText(".if   defined(A) && 1\n.endif\n"), 1).test!;
    expect(test.type).toBe("and");
    if (test.type !== "and") return;
    expect(test.operands[0]!.start.column).toBe(7);
    expect(test.operands[0]!.end.column).toBe(17);
    expect(test.operands[1]!.start.column).toBe(21);
  });

  it("treats an empty condition as false without error", () => {
    const result = parseText(".if\n.endif\n");
    expect(result.problems).toEqual([]);
    expect(directiveAt(result, 1).test).toBeNull();
  });

  it.each([
    [".if exists(HOME)", "1:5 unparsable conditional expression 'exists(HOME)' in '.if'"],
    [".if 1 &&", "1:7 unparsable conditional expression '&&' in '.if'"],
    [".if 1 ||", "1:7 unparsable conditional expression '1 ||' in '.if'"],
    [".if 1 && 0 &&", "1:7 unparsable conditional expression '&& 0 &&' in '.if'"],
    [".if 1 || 0 ||", "1:7 unparsable conditional expression '1 || 0 ||' in '.if'"],
    [".if 1 && (0 ||)", "1:15 unparsable conditional expression ')' in '.if'"],
    [".if 1 && (0 ||", "1:10 unparsable conditional expression '(0 ||' in '.if'"],
    [".if !", "1:5 unparsable conditional expression '!' in '.if'"],
    [".if !nope(1)", "1:5 unparsable conditional expression '!nope(1)' in '.if'"],
    [".if (", "1:5 unparsable conditional expression '(' in '.if'"],
    [".if 1 && # the joined text keeps the blank before the comment", "1:7 unparsable conditional expression '&& ' in '.if'"],
    [".if (1", "1:5 expected ')' after conditional expression '(1' in '.if'"],
    [".if 1 2", "1:7 unexpected character '2' at the end of conditional expression '1 2' in '.if'"],
    [".if defined(A", "1:12 missing closing ')' after the arguments of predicate 'defined' in '.if'"],
  ])("reports `%s`", (line, problem) => {
    expect(problemList(parseText(`${line}\n.endif\n`))).toEqual([problem]);
  });
});

describe("message and unknown directives", () => {
  it("keeps .diag/.notice/.warning/.alert with their message", () => {
    const result = parseText(`.notice "starting up"\n.warning 'check me'\n.diag x\n.alert "stop"\n`);
    expect(result.problems).toEqual([]);
    expect([1, 2, 3, 4].map((line) => [directiveAt(result, line).name, directiveAt(result, line).message!.value])).toEqual([
      [".notice", "starting up"],
      [".warning", "check me"],
      [".diag", "x"],
      [".alert", "stop"],
    ]);
  });

  it("reports extra words and unknown directives", () => {
    expect(problemList(parseText(".notice two words\n.include x.cfg\n"))).toEqual([
      "1:13 Unexpected argument 'words' for '.notice'. Use quotes if the message should contain spaces",
      "2:1 unknown directive '.include'",
    ]);
  });
});
