// What ACLs test, as far as WebSocket routing cares: which header or whether the path a fetch
// reads, how its patterns are matched, and whether a WebSocket handshake could match them.
// Named ACLs are looked up as HAProxy's src/acl.c does: in the proxy's own `acl` lines (all lines
// of one name OR together, even those written after the rule that uses it, since the rule holds
// the ACL itself), then among the predefined ACLs.
import type { HaproxyAclExpression, HaproxyCondition, HaproxyConditionTerm } from "../ast.js";
import type { PlacedStatement } from "./placed.js";

/** One ACL expression: the criterion of an `acl` line, or an anonymous `{ ... }` in a condition. */
export interface AclTest {
  /** The `acl` line, or the rule whose condition holds the anonymous ACL. */
  readonly statement: PlacedStatement;
  readonly expression: HaproxyAclExpression;
  /** The sample fetch as written, without arguments: `hdr_beg`, `req.hdr`, `path`. */
  readonly fetch: string;
  /** The header the fetch reads, lower-cased; null when it reads no header or every header. */
  readonly header: string | null;
  /** Whether the header is read from the request or the response (`res.hdr`, `shdr`). */
  readonly side: "request" | "response";
  /** The fetch reads the request path (`path`, `path_beg`, `url`, `base`, ...). */
  readonly readsPath: boolean;
  /** How the patterns are compared: `-m` if given, else what the fetch implies (`str` for `hdr`). */
  readonly match: string;
  /** `-i`: patterns compared without regard to case. */
  readonly ignoreCase: boolean;
  /** The patterns written on the line. */
  readonly values: readonly string[];
  /** Patterns also come from a file (`-f`) or map (`-M`), which the model does not read. */
  readonly valuesFromFile: boolean;
  /** The criterion, flags and patterns as written: `hdr(upgrade) -i websocket`. */
  readonly text: string;
}

/** An `acl NAME ...` line. */
export interface AclDeclaration {
  readonly name: string;
  readonly statement: PlacedStatement;
  /** Null when the line has no criterion. */
  readonly test: AclTest | null;
}

/** Every `acl` line of one name in a proxy; the ACL matches when any of them does. */
export interface NamedAcl {
  readonly name: string;
  readonly declarations: AclDeclaration[];
}

/** HAProxy's predefined ACLs (configuration manual, section 7.4); none reads a header or the path. */
export const PREDEFINED_ACLS: ReadonlySet<string> = new Set([
  "FALSE",
  "HTTP",
  "HTTP_1.0",
  "HTTP_1.1",
  "HTTP_2.0",
  "HTTP_3.0",
  "HTTP_CONTENT",
  "HTTP_URL_ABS",
  "HTTP_URL_SLASH",
  "HTTP_URL_STAR",
  "LOCALHOST",
  "METH_CONNECT",
  "METH_DELETE",
  "METH_GET",
  "METH_HEAD",
  "METH_OPTIONS",
  "METH_POST",
  "METH_PUT",
  "METH_TRACE",
  "RDP_COOKIE",
  "REQ_CONTENT",
  "TRUE",
  "WAIT_END",
]);

/** `hdr`, `hdr_beg`, `req.hdr`, `req.fhdr`, `res.hdr`, `shdr_sub`, `req.hdr_cnt`, `fhdr`... */
const HEADER_FETCH = /^(?:(req|res)\.)?(s?f?hdr)(?:_([a-z]+))?$/;
/** `path`, `path_beg`, `pathq`, `url_sub`, `base_reg`, `capture.req.uri`. */
const PATH_FETCH = /^(?:path|pathq|url|base|baseq|capture\.req\.uri)(?:_([a-z]+))?$/;
/** Suffixes of ACL keywords that name a string match method (`hdr_beg` is `hdr -m beg`). */
const STRING_MATCHES: ReadonlySet<string> = new Set(["str", "beg", "end", "sub", "dir", "dom", "reg"]);

export function analyzeAclExpression(expression: HaproxyAclExpression, statement: PlacedStatement): AclTest {
  const fetch = expression.criterion.fetch.name;
  const headerFetch = HEADER_FETCH.exec(fetch);
  const pathFetch = PATH_FETCH.exec(fetch);
  // `hdr_cnt`, `path_len`, `hdr_ip`... compare numbers or addresses, not the text.
  const suffix = headerFetch?.[3] ?? pathFetch?.[1] ?? null;
  const methodFlag = expression.flags.find((flag) => flag.name === "-m");
  const headerArgument = expression.criterion.fetch.args?.[0];
  const flagsText = expression.flags.map((flag) => [flag.word.raw, flag.argument?.raw].filter(Boolean).join(" "));
  return {
    statement,
    expression,
    fetch,
    header: headerFetch !== null && headerArgument ? headerArgument.toLowerCase() : null,
    side: headerFetch !== null && (headerFetch[1] === "res" || headerFetch[2]!.startsWith("s")) ? "response" : "request",
    readsPath: pathFetch !== null,
    match: methodFlag?.argument?.value ?? suffix ?? "str",
    ignoreCase: expression.flags.some((flag) => flag.name === "-i"),
    values: expression.values.map((word) => word.value),
    valuesFromFile: expression.flags.some((flag) => flag.name === "-f" || flag.name === "-M"),
    text: [expression.criterion.word.raw, ...flagsText, ...expression.values.map((word) => word.raw)].join(" "),
  };
}

/**
 * Whether the test could match a header or path equal to `candidate`. Answers yes whenever the
 * model cannot tell (patterns from a file, numeric and address matches, a regex JavaScript
 * cannot compile), so evidence errs on the side of seeing a WebSocket route.
 */
export function couldMatch(test: AclTest, candidate: string): boolean {
  if (test.valuesFromFile || test.values.length === 0 || !STRING_MATCHES.has(test.match)) return true;
  const fold = (text: string) => (test.ignoreCase ? text.toLowerCase() : text);
  const subject = fold(candidate);
  return test.values.some((raw) => {
    const pattern = fold(raw);
    switch (test.match) {
      case "str":
        return subject === pattern;
      case "beg":
        return subject.startsWith(pattern);
      case "end":
        return subject.endsWith(pattern);
      case "sub":
        return subject.includes(pattern);
      case "dir":
        return subject.split("/").includes(pattern);
      case "dom":
        return subject.split(".").includes(pattern);
      default:
        try {
          return new RegExp(raw, test.ignoreCase ? "i" : "").test(candidate);
        } catch {
          return true;
        }
    }
  });
}

/** Upgrade header values of WebSocket handshakes as browsers and common clients send them. */
const UPGRADE_VALUES = ["websocket", "WebSocket"];
/**
 * Connection header values of WebSocket handshakes as ACLs see them. Browsers send
 * `keep-alive, Upgrade`, but HAProxy's HTTP/1 parser drops the keep-alive token HTTP/1.1
 * implies, so `hdr()` and `fhdr()` alike read `Upgrade` (acl-agreement.test.ts checks this
 * against a running HAProxy).
 */
const CONNECTION_VALUES = ["Upgrade", "upgrade"];

/** The test reads the request's Upgrade header and could match a WebSocket handshake's. */
export function matchesUpgradeHeader(test: AclTest): boolean {
  return test.side === "request" && test.header === "upgrade" && UPGRADE_VALUES.some((value) => couldMatch(test, value));
}

/** The test reads the request's Connection header and could match `Connection: Upgrade`. */
export function matchesConnectionUpgrade(test: AclTest): boolean {
  return test.side === "request" && test.header === "connection" && CONNECTION_VALUES.some((value) => couldMatch(test, value));
}

/**
 * The words of a path test's patterns, split on slashes and regex punctuation, escapes removed:
 * `path_beg /api/ws/` gives api, ws; `path_reg ^/(socket\.io|live)/` gives socket.io, live.
 */
export function pathPatternSegments(test: AclTest): string[] {
  if (!test.readsPath) return [];
  return test.values.flatMap((value) =>
    value
      .replace(/\\(.)/g, "$1")
      .split(/[^A-Za-z0-9._~-]+/)
      .filter((segment) => segment !== "" && segment !== "." && segment !== ".."),
  );
}

/** Paths a request could literally have to match the test: the patterns of `path` and `path_beg`. */
export function literalPaths(test: AclTest): string[] {
  if (!test.readsPath || test.valuesFromFile || test.fetch.startsWith("url") || test.fetch.startsWith("base")) return [];
  if (test.match !== "str" && test.match !== "beg") return [];
  return test.values.filter((value) => value.startsWith("/"));
}

/** A term of a condition with what it refers to. */
export interface AnalyzedTerm {
  readonly term: HaproxyConditionTerm;
  /**
   * The rule applies when this term holds (`if is_ws`, `unless !is_ws`), as opposed to when it
   * fails (`if !is_ws`, `unless is_ws`): only positive terms say what traffic a rule selects.
   */
  readonly positive: boolean;
  /** The named ACL the term refers to; null for an anonymous ACL, a predefined or an unknown name. */
  readonly acl: NamedAcl | null;
  /** The tests that decide the term: every line of the named ACL, or the anonymous ACL. */
  readonly tests: readonly AclTest[];
  /** A named term HAProxy resolves to a predefined ACL (TRUE, METH_GET...). */
  readonly predefined: boolean;
}

export interface AnalyzedCondition {
  readonly node: HaproxyCondition;
  /** Every term of every alternative, in order. */
  readonly terms: readonly AnalyzedTerm[];
}

/** The ACLs a proxy declares, by name. */
export interface AclScope {
  readonly acls: ReadonlyMap<string, NamedAcl>;
}

export function analyzeCondition(node: HaproxyCondition, statement: PlacedStatement, scope: AclScope): AnalyzedCondition {
  const terms: AnalyzedTerm[] = [];
  for (const alternative of node.alternatives) {
    for (const term of alternative.terms) {
      const positive = (node.polarity === "if") !== term.negated;
      if (term.type === "anonymous-acl") {
        const tests = term.expression === null ? [] : [analyzeAclExpression(term.expression, statement)];
        terms.push({ term, positive, acl: null, tests, predefined: false });
        continue;
      }
      const acl = scope.acls.get(term.name) ?? null;
      // HAProxy looks the name up while reading the rule: an ACL first declared below it is unknown.
      const known = acl !== null && acl.declarations[0]!.statement.node.start.offset < statement.node.start.offset ? acl : null;
      terms.push({
        term,
        positive,
        acl: known,
        tests: known === null ? [] : known.declarations.flatMap((declaration) => (declaration.test === null ? [] : [declaration.test])),
        predefined: known === null && PREDEFINED_ACLS.has(term.name),
      });
    }
  }
  return { node, terms };
}
