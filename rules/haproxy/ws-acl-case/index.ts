// haproxy/ws-acl-case: an ACL that compares the Upgrade or Connection header with text must
// ignore case. Header values are case-insensitive tokens (RFC 9110), and clients differ: browsers
// send `Upgrade: websocket`, some libraries `WebSocket`; Firefox sends `Connection: keep-alive,
// Upgrade`, others `upgrade`.
import type { Rule } from "../../../src/engine/rule.js";
import type { AclTest, HaproxyNodeKinds, ProxyModel } from "../../../src/haproxy/model/index.js";
import { describeWhere, matchesConnectionUpgrade, matchesUpgradeHeader } from "../../../src/haproxy/model/index.js";
import { evidenceThrough, websocketBackendsThrough } from "../_shared/proxies.js";

/** The match methods that compare text, where case matters without `-i`. */
const TEXT_MATCHES: ReadonlySet<string> = new Set(["str", "beg", "end", "sub", "dir", "dom", "reg"]);
/** Converters after which the sample has one case whatever the client sent. */
const CASE_FOLDING_CONVERTERS: ReadonlySet<string> = new Set(["lower", "upper"]);

/** The headers checked, with how clients spell their WebSocket values. */
const SPELLINGS: ReadonlyMap<string, string> = new Map([
  ["upgrade", '"websocket" or "WebSocket"'],
  ["connection", '"Upgrade", "upgrade" or "keep-alive, Upgrade"'],
]);

/**
 * The test compares the header with text without ignoring case, and with `-i` it could match a
 * WebSocket handshake: an ACL about `h2c` or `close` is not this rule's business.
 */
function comparesHandshakeCaseSensitively(test: AclTest): boolean {
  if (test.side !== "request" || test.ignoreCase || !TEXT_MATCHES.has(test.match)) return false;
  if (test.values.length === 0 && !test.valuesFromFile) return false;
  if (test.expression.criterion.converters.some((converter) => CASE_FOLDING_CONVERTERS.has(converter.name))) return false;
  const folded: AclTest = { ...test, ignoreCase: true };
  return (test.header === "upgrade" && matchesUpgradeHeader(folded)) || (test.header === "connection" && matchesConnectionUpgrade(folded));
}

/** The ACL tests written in a section: its `acl` lines and the anonymous ACLs of its conditions. */
function testsOf(section: ProxyModel): { test: AclTest; aclName: string | null }[] {
  const named = section.aclDeclarations.flatMap((declaration) => (declaration.test === null ? [] : [{ test: declaration.test, aclName: declaration.name }]));
  const anonymous = section.conditions.flatMap(({ condition }) =>
    condition.terms.flatMap((term) => (term.term.type === "anonymous-acl" ? term.tests.map((test) => ({ test, aclName: null })) : [])),
  );
  return [...named, ...anonymous];
}

export const wsAclCase: Rule<HaproxyNodeKinds> = {
  meta: {
    id: "haproxy/ws-acl-case",
    description: "ACLs that compare the Upgrade or Connection header must ignore case (-i).",
    defaultSeverity: "error",
    fixable: true,
    docs: "rules/haproxy/ws-acl-case/README.md",
  },
  create(context) {
    // A defaults section's ACLs are checked once, for the first proxy on a WebSocket path using it.
    const checked = new Set<AclTest["expression"]>();
    return {
      proxy(proxy) {
        if (proxy.kind === "defaults") return;
        const backends = websocketBackendsThrough(proxy);
        if (backends.length === 0) return;
        const sections = proxy.defaults === null ? [proxy] : [proxy.defaults, proxy];
        for (const { test, aclName } of sections.flatMap(testsOf)) {
          if (checked.has(test.expression) || !comparesHandshakeCaseSensitively(test)) continue;
          checked.add(test.expression);
          const criterion = test.expression.criterion.word;
          const named = aclName === null ? `{ ${test.text} } (${describeWhere(test.statement)})` : `ACL "${aclName}" (${test.text})`;
          const corrected = [criterion.raw, "-i", test.text.slice(criterion.raw.length).trimStart()].join(" ").trimEnd();
          context.report({
            message:
              `${named} compares the ${test.header === "upgrade" ? "Upgrade" : "Connection"} header case-sensitively, but clients send ${SPELLINGS.get(test.header!)}: ` +
              `a handshake spelled otherwise is handled as plain HTTP and fails (400, 403 or 404 instead of 101 Switching Protocols). Write "${corrected}".`,
            evidence: evidenceThrough(proxy, backends),
            file: test.statement.file.source.path,
            span: test.expression,
            fix: [{ file: test.statement.file.source.path, range: [criterion.end.offset, criterion.end.offset], text: " -i" }],
          });
        }
      },
    };
  },
};
