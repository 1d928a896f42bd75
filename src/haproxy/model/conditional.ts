// Which lines HAProxy reads, given the `.if/.elif/.else/.endif` blocks around them.
//
// Policy: a branch whose condition the model can decide is taken or skipped as HAProxy would
// (`.if 0`, `.if 1`, `version_atleast(2.5)` against the target version, `streq(a,b)` on literal
// words); a branch that depends on what only the running HAProxy knows (`defined(VAR)`,
// `feature(...)`, environment variables, library versions) might be taken. Lines of skipped
// branches are left out of the model, as HAProxy never reads them; lines of branches that might
// be taken are in it, marked "maybe", so rules may treat what they set as possible rather than
// certain.
import type { HaproxyConditionalBlock, HaproxyDirective, HaproxyFile, HaproxyLineBase, HaproxyTestExpression } from "../ast.js";
import { targetAtLeast, type HaproxyVersion } from "./version.js";

/** Whether HAProxy reads a line: on every run, on some runs only, or never. */
export type Reach = "always" | "maybe" | "never";

/** Kleene's three values: null is "cannot tell". */
type Truth = boolean | null;

function not(value: Truth): Truth {
  return value === null ? null : !value;
}

function and(values: Truth[]): Truth {
  if (values.includes(false)) return false;
  return values.includes(null) ? null : true;
}

function or(values: Truth[]): Truth {
  if (values.includes(true)) return true;
  return values.includes(null) ? null : false;
}

/** The value of a `.if` / `.elif` expression for the target version, as far as it can be known. */
export function evaluateTest(expression: HaproxyTestExpression, version: HaproxyVersion): Truth {
  switch (expression.type) {
    case "number":
      return expression.value;
    case "group":
      return evaluateTest(expression.expression, version);
    case "not":
      return not(evaluateTest(expression.operand, version));
    case "and":
      return and(expression.operands.map((operand) => evaluateTest(operand, version)));
    case "or":
      return or(expression.operands.map((operand) => evaluateTest(operand, version)));
    case "predicate": {
      const [first = "", second = ""] = expression.args;
      switch (expression.name) {
        case "streq":
          return first === second;
        case "strneq":
          return first !== second;
        case "version_atleast":
          return targetAtLeast(version, first);
        case "version_before":
          return not(targetAtLeast(version, first));
        default:
          return null;
      }
    }
  }
}

/** The truth of a directive's condition; environment variables make it unknowable. */
function directiveTruth(directive: HaproxyDirective, version: HaproxyVersion): Truth {
  if (directive.words.some((word) => word.envRefs.length > 0)) return null;
  if (directive.test !== null) return evaluateTest(directive.test, version);
  // No expression: an empty condition, which HAProxy takes as false, or one that does not
  // parse, which HAProxy rejects (the parser reports it); only the first is certain.
  return directive.args.length === 0 ? false : null;
}

/** Whether each conditional branch of a file is taken, keyed by the line that opens it. */
export class ReachIndex {
  private readonly branchTaken = new Map<HaproxyDirective, Truth>();

  constructor(file: HaproxyFile, version: HaproxyVersion) {
    for (const block of file.conditionals) this.addBlock(block, version);
  }

  private addBlock(block: HaproxyConditionalBlock, version: HaproxyVersion): void {
    // A branch is taken when its own condition holds and none of the earlier ones did.
    let earlierTaken: Truth = false;
    for (const branch of block.branches) {
      const own = branch.opener.name === ".else" ? true : directiveTruth(branch.opener, version);
      this.branchTaken.set(branch.opener, and([not(earlierTaken), own]));
      earlierTaken = or([earlierTaken, own]);
      for (const child of branch.children) {
        if ("branches" in child) this.addBlock(child, version);
      }
    }
  }

  /** Lines outside any `.if` block are always read. */
  reachOf(line: Pick<HaproxyLineBase, "conditionals">): Reach {
    const truth = and(line.conditionals.map((opener) => this.branchTaken.get(opener) ?? null));
    return truth === true ? "always" : truth === false ? "never" : "maybe";
  }
}
