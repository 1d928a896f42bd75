// haproxy/ws-h2-backend: a WebSocket backend whose servers speak HTTP/2. HAProxy then relays the
// handshake to them as an RFC 8441 extended CONNECT, which few application servers accept, unless
// the server line says `ws h1` (HAProxy 2.5 and later).
import type { TextEdit } from "../../../src/engine/finding.js";
import type { Rule } from "../../../src/engine/rule.js";
import type { HaproxyWord } from "../../../src/haproxy/ast.js";
import type { HaproxyNodeKinds, ServerModel, ServerOption } from "../../../src/haproxy/model/index.js";
import { DEFAULT_HAPROXY_VERSION, describeWhere, parseHaproxyVersion, ProxyModel, versionAtLeast } from "../../../src/haproxy/model/index.js";
import type { Span } from "../../../src/syntax/source.js";
import { evidenceOf, relatedStatement, wordsSpan } from "../_shared/proxies.js";

/** The first release with the `ws` server keyword. */
const WS_KEYWORD_SINCE = [2, 5] as const;

/** The option that makes the server speak HTTP/2 to HAProxy, or null when it does not. */
function http2Option(server: ServerModel): ServerOption<string> | null {
  if (server.proto !== null) return server.proto.value === "h2" ? server.proto : null;
  // ALPN is a TLS extension: without `ssl` the list is never offered.
  const offersOnlyH2 = server.alpn !== null && server.alpn.value.split(",").every((protocol) => protocol.trim() === "h2");
  return offersOnlyH2 && server.ssl?.value === true ? server.alpn : null;
}

/** The word after an option's keyword on its line: `h2` of `proto h2`. */
function argumentOf(option: ServerOption<unknown>): HaproxyWord | null {
  const words = option.statement.node.words;
  return words[words.indexOf(option.word) + 1] ?? null;
}

/** `proto h2`, or `alpn h2 (from default-server at haproxy.cfg:12)`. */
function describeOption(option: ServerOption<string>): string {
  const written = `${option.word.value} ${option.value}`;
  return option.fromDefaultServer ? `"${written}" from the default-server line at ${describeWhere(option.statement)}` : `"${written}"`;
}

export const wsH2Backend: Rule<HaproxyNodeKinds> = {
  meta: {
    id: "haproxy/ws-h2-backend",
    description: "Servers of WebSocket backends that speak HTTP/2 need `ws h1`, or the upgrade needs RFC 8441 support on the server.",
    defaultSeverity: "error",
    fixable: true,
    docs: "rules/haproxy/ws-h2-backend/README.md",
  },
  create(context) {
    const version = parseHaproxyVersion(context.settings.haproxy.version ?? DEFAULT_HAPROXY_VERSION) ?? parseHaproxyVersion(DEFAULT_HAPROXY_VERSION)!;
    const canForceH1 = versionAtLeast(version, WS_KEYWORD_SINCE);

    const fixFor = (server: ServerModel): TextEdit => {
      const file = server.statement.file.source.path;
      const ownWs = server.ws !== null && !server.ws.fromDefaultServer ? argumentOf(server.ws) : null;
      if (ownWs !== null) return { file, range: [ownWs.start.offset, ownWs.end.offset], text: "h1" };
      const end = server.statement.node.words.at(-1)!.end.offset;
      return { file, range: [end, end], text: " ws h1" };
    };

    return {
      server(server) {
        const backend = server.statement.section;
        if (!(backend instanceof ProxyModel) || !backend.isWebSocketRoute || !backend.isHttpMode()) return;
        const option = http2Option(server);
        // `ws h2` asks for RFC 8441 on purpose; `ws h1` is the cure.
        if (option === null || server.ws?.value === "h1" || server.ws?.value === "h2") return;

        const subject = `${server.kind} "${server.name}" of ${backend.label()} speaks HTTP/2 (${describeOption(option)})`;
        const why = "WebSocket handshakes are relayed to it over HTTP/2 as RFC 8441 extended CONNECT requests, which most application servers do not accept, so the upgrade fails (HAProxy answers 502 or 503, or the server 400)";
        const wsNote = server.ws === null ? "" : ` ("ws ${server.ws.value}" keeps HTTP/2 for them)`;
        const message = canForceH1
          ? `${subject}: ${why}${wsNote}. Add "ws h1" to the server line to relay WebSockets over HTTP/1.1.`
          : `${subject}: on HAProxy ${version.text}, ${why}. Speak HTTP/1.1 to these servers for WebSocket traffic (without "proto h2", with "alpn http/1.1"), or on HAProxy 2.5 and later add "ws h1" (set haproxy.version).`;
        const argument = argumentOf(option);
        const span: Span =
          option.fromDefaultServer || argument === null ? wordsSpan(server.statement.node) : { start: option.word.start, end: argument.end };
        context.report({
          message,
          evidence: evidenceOf(backend),
          file: server.statement.file.source.path,
          span,
          ...(option.fromDefaultServer ? { related: [relatedStatement(option.statement, `${option.word.value} ${option.value} is set here`)] } : {}),
          ...(canForceH1 ? { fix: [fixFor(server)] } : {}),
        });
      },
    };
  },
};
