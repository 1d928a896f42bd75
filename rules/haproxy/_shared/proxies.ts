// What the HAProxy WebSocket rules ask about proxies: which ones WebSocket traffic passes
// through, why (the evidence a finding carries), and where a finding about a line points.
import type { RelatedLocation } from "../../../src/engine/finding.js";
import type { HaproxyLineBase } from "../../../src/haproxy/ast.js";
import type { PlacedStatement, ProxyModel } from "../../../src/haproxy/model/index.js";
import type { Span } from "../../../src/syntax/source.js";

/** The evidence lines of a finding about a backend or listen. */
export function evidenceOf(proxy: ProxyModel): string[] {
  return proxy.websocketEvidence.map((evidence) => evidence.message);
}

/** The backends and listens with WebSocket evidence that traffic entering `frontend` is routed to. */
export function websocketBackendsOf(frontend: ProxyModel): ProxyModel[] {
  const backends = new Set<ProxyModel>();
  for (const route of frontend.routesOut) {
    if (route.to !== null && route.to.isWebSocketRoute) backends.add(route.to);
  }
  return [...backends];
}

/**
 * The backends and listens with WebSocket evidence whose traffic passes through `proxy`: itself
 * when it is one, and those a frontend (or listen) routes to.
 */
export function websocketBackendsThrough(proxy: ProxyModel): ProxyModel[] {
  const backends = new Set<ProxyModel>();
  if (proxy.kind !== "defaults" && proxy.isWebSocketRoute) backends.add(proxy);
  if (proxy.capabilities.frontend && proxy.kind !== "defaults") {
    for (const backend of websocketBackendsOf(proxy)) backends.add(backend);
  }
  return [...backends];
}

/**
 * Evidence for a finding about `proxy` on behalf of WebSocket backends: their own evidence, each
 * line prefixed with the backend's name when the finding is about a frontend in front of them.
 */
export function evidenceThrough(proxy: ProxyModel, backends: readonly ProxyModel[]): string[] {
  return backends.flatMap((backend) =>
    backend === proxy ? evidenceOf(backend) : evidenceOf(backend).map((line) => `${backend.label()}: ${line}`),
  );
}

/** From a line's first word to its last, comment and trailing blanks left out. */
export function wordsSpan(line: HaproxyLineBase): Span {
  return { start: line.words[0]!.start, end: line.words.at(-1)!.end };
}

/** Where the statement is, for a finding's related locations. */
export function relatedStatement(statement: PlacedStatement, message: string): RelatedLocation {
  const span = wordsSpan(statement.node);
  return { message, file: statement.file.source.path, start: span.start, end: span.end };
}
