// haproxy/ws-header-stripping: `http-request` header actions that take `Upgrade: websocket` or
// `Connection: Upgrade` away from requests on their way to a WebSocket backend. The server then
// receives an ordinary request and never switches protocols.
import type { Rule } from "../../../src/engine/rule.js";
import type { HaproxyConditionTerm } from "../../../src/haproxy/ast.js";
import type { AnalyzedCondition, AnalyzedTerm, HaproxyNodeKinds, HeaderAction, PlacedStatement, ProxyModel } from "../../../src/haproxy/model/index.js";
import { couldMatch, describeStatement, matchesConnectionUpgrade, matchesUpgradeHeader } from "../../../src/haproxy/model/index.js";
import { evidenceThrough, websocketBackendsThrough, wordsSpan } from "../_shared/proxies.js";

/**
 * What a handshake's headers hold when HAProxy's rules see them, and the word each must keep.
 * Browsers send `Connection: keep-alive, Upgrade`, but HAProxy's HTTP/1 parser has already
 * dropped the keep-alive token by then.
 */
const HANDSHAKE = {
  upgrade: { name: "Upgrade", samples: ["websocket", "WebSocket"], keeps: /websocket/i },
  connection: { name: "Connection", samples: ["Upgrade", "upgrade"], keeps: /upgrade/i },
} as const;

type HandshakeHeader = keyof typeof HANDSHAKE;

/** The condition that spares handshakes, as the suggestion adds it. */
const SPARE_HANDSHAKES = "unless { req.hdr(upgrade) -i websocket }";

/** A format with `%[...]` or `%{...}` is computed per request: its value is unknown. */
function isDynamic(format: string): boolean {
  return /%[[{]/.test(format);
}

/** `del-header <name> -m <method>` compared with a handshake header's name (names ignore case). */
function headerNameMatches(pattern: string, method: string, header: string): boolean {
  const wanted = pattern.toLowerCase();
  switch (method) {
    case "beg":
      return header.startsWith(wanted);
    case "end":
      return header.endsWith(wanted);
    case "sub":
      return header.includes(wanted);
    case "reg":
      try {
        return new RegExp(pattern, "i").test(header);
      } catch {
        return false;
      }
    default:
      return header === wanted;
  }
}

/**
 * `replace-header` replaces a whole header line whose value the regex finds a match in by the
 * replacement, with `\1`... taken from the match; `replace-value` does so for each comma-separated
 * value. Null when the regex is not one JavaScript reads alike.
 */
function replaced(value: string, regex: string, replacement: string, eachValue: boolean): string | null {
  let pattern: RegExp;
  try {
    pattern = new RegExp(regex);
  } catch {
    return null;
  }
  const replaceOne = (text: string) => {
    const match = pattern.exec(text);
    return match === null ? text : replacement.replace(/\\(\d)/g, (_, group: string) => match[Number(group)] ?? "");
  };
  return eachValue ? value.split(",").map((part) => replaceOne(part.trim())).join(", ") : replaceOne(value);
}

/** What the action does to a handshake's Upgrade or Connection header; null when it keeps it. */
function strippingEffect(action: HeaderAction): string | null {
  if (action.side !== "http-request") return null;
  if (action.action === "del-header") {
    const methodIndex = action.args.indexOf("-m");
    const method = methodIndex === -1 ? "str" : (action.args[methodIndex + 1] ?? "str");
    const deleted = (Object.keys(HANDSHAKE) as HandshakeHeader[]).filter((header) => headerNameMatches(action.header, method, header));
    return deleted.length === 0 ? null : `deletes the ${deleted.map((header) => HANDSHAKE[header].name).join(" and ")} header`;
  }
  const header = action.header.toLowerCase();
  if (header !== "upgrade" && header !== "connection") return null;
  const handshake = HANDSHAKE[header];
  if (action.action === "set-header") {
    const value = action.args[0] ?? "";
    return isDynamic(value) || handshake.keeps.test(value) ? null : `sets ${handshake.name} to "${value}"`;
  }
  if (action.action === "replace-header" || action.action === "replace-value") {
    const [regex = "", replacement = ""] = action.args;
    if (isDynamic(replacement)) return null;
    for (const sample of handshake.samples) {
      const result = replaced(sample, regex, replacement, action.action === "replace-value");
      if (result !== null && !handshake.keeps.test(result)) return `rewrites "${handshake.name}: ${sample}" to "${handshake.name}: ${result}"`;
    }
  }
  return null;
}

/** The term's ACL holds for a WebSocket handshake: it tests the Upgrade or Connection header for it. */
function holdsForHandshake(term: AnalyzedTerm): boolean {
  return term.tests.some((test) => matchesUpgradeHeader(test) || matchesConnectionUpgrade(test));
}

/** Every test of the term reads the Upgrade or Connection header and none could match a handshake's (`-i h2c`). */
function excludesHandshakes(term: AnalyzedTerm): boolean {
  return (
    term.tests.length > 0 &&
    term.tests.every(
      (test) =>
        test.side === "request" &&
        ((test.header === "upgrade" && !matchesUpgradeHeader(test)) || (test.header === "connection" && !matchesConnectionUpgrade(test))),
    )
  );
}

/** Every test of the term reads the path, and none could match a path requests take to `backend`. */
function excludesRoutePaths(term: AnalyzedTerm, backend: ProxyModel): boolean {
  const paths = backend.routePaths;
  return (
    term.tests.length > 0 &&
    paths.length > 0 &&
    term.tests.every((test) => test.readsPath) &&
    paths.every((route) => term.tests.every((test) => !couldMatch(test, route.path)))
  );
}

/**
 * The condition is false for every handshake going to `backend`. `if`: each alternative has a
 * term that fails for them (`!is_websocket`, `{ req.hdr(upgrade) -i h2c }`, a path they do not
 * take). `unless`: some alternative holds for them (`unless { req.hdr(upgrade) -i websocket }`).
 */
function sparesHandshakes(condition: AnalyzedCondition, backend: ProxyModel): boolean {
  const analyzed = new Map<HaproxyConditionTerm, AnalyzedTerm>(condition.terms.map((term) => [term.term, term]));
  const suites = condition.node.alternatives.map((suite) => suite.terms.map((term) => analyzed.get(term)!));
  if (condition.node.polarity === "if") {
    return suites.every((terms) =>
      terms.some((term) => (term.term.negated ? holdsForHandshake(term) : excludesHandshakes(term) || excludesRoutePaths(term, backend))),
    );
  }
  return suites.some((terms) => terms.every((term) => !term.term.negated && holdsForHandshake(term)));
}

export const wsHeaderStripping: Rule<HaproxyNodeKinds> = {
  meta: {
    id: "haproxy/ws-header-stripping",
    description: "http-request rules must not delete or overwrite the Upgrade and Connection headers of WebSocket handshakes.",
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: true,
    docs: "rules/haproxy/ws-header-stripping/README.md",
  },
  create(context) {
    // A defaults section's rule is reported once, for the first proxy on a WebSocket path using it.
    const reported = new Set<PlacedStatement>();
    return {
      proxy(proxy) {
        if (proxy.kind === "defaults" || !proxy.isHttpMode()) return;
        const backends = websocketBackendsThrough(proxy);
        if (backends.length === 0) return;
        for (const action of proxy.effectiveHeaderActions()) {
          if (reported.has(action.statement)) continue;
          const effect = strippingEffect(action);
          if (effect === null) continue;
          const hit = backends.filter((backend) => action.condition === null || !sparesHandshakes(action.condition, backend));
          if (hit.length === 0) continue;
          reported.add(action.statement);
          const { statement } = action;
          const where = statement.section === proxy ? proxy.label() : `${statement.section.label()}, which ${proxy.label()} uses,`;
          const file = statement.file.source.path;
          const end = statement.node.words.at(-1)!.end.offset;
          context.report({
            message:
              `"${describeStatement(statement)}" in ${where} ${effect} in requests to ${hit.map((backend) => backend.label()).join(", ")}, WebSocket handshakes included: ` +
              `the server then gets no upgrade request and answers 400 or 426 (or HAProxy 502) instead of 101 Switching Protocols. ` +
              `Spare the handshakes with a condition such as "${SPARE_HANDSHAKES}", or remove the rule.`,
            evidence: evidenceThrough(proxy, hit),
            file,
            span: wordsSpan(statement.node),
            // Only an unconditional rule can take the condition as it is; merging conditions is for a person.
            ...(action.condition === null
              ? { suggestions: [{ description: `Add "${SPARE_HANDSHAKES}" to the rule`, fix: [{ file, range: [end, end] as [number, number], text: ` ${SPARE_HANDSHAKES}` }] }] }
              : {}),
          });
        }
      },
    };
  },
};
