// What every nginx WebSocket rule asks about a location: is it a WebSocket route that proxies,
// what does a finding about it say and point at.
import type { RelatedLocation } from "../../../src/engine/finding.js";
import type { RuleReport } from "../../../src/engine/rule.js";
import type { NginxDirective } from "../../../src/nginx/ast.js";
import type { PassHandler, Scope } from "../../../src/nginx/model/index.js";
import {
  describeDirective,
  describeWhere,
  HttpScope,
  LocationScope,
  ServerScope,
  type PlacedDirective,
} from "../../../src/nginx/model/index.js";
import type { Span } from "../../../src/syntax/source.js";

/** A WebSocket route whose requests go to proxy_pass: the routes that proxy_* settings decide. */
export function isProxiedWebSocketRoute(location: LocationScope): boolean {
  return location.isWebSocketRoute && location.handler.kind === "proxy_pass";
}

/** The proxy_pass of a location that proxies. */
export function proxyHandler(location: LocationScope): PassHandler | null {
  const handler = location.handler;
  return handler.kind === "proxy_pass" ? handler : null;
}

/** The evidence lines of a finding about the location. */
export function evidenceOf(location: LocationScope): string[] {
  return location.websocketEvidence.map((evidence) => evidence.message);
}

/** `location /ws/`, `location ~* ^/socket`: how messages name a route. */
export function describeRoute(location: LocationScope): string {
  return describeDirective(location.block);
}

/** From `location` to the end of its last argument: where a finding about the whole route points. */
export function routeHeadSpan(location: LocationScope): Span {
  const node = location.block.node;
  return { start: node.start, end: (node.args.at(-1) ?? node.nameWord).end };
}

/** The file a finding about the route is reported in. */
export function routeFile(location: LocationScope): string {
  return location.block.file.source.path;
}

/** `server (conf.d/app.conf:3)`, `http (nginx.conf:12)`, `location /ws/ (app.conf:9)`. */
export function describeLevel(scope: Scope | null, directive: PlacedDirective): string {
  const level = scope === null ? "nginx" : scope.kind === "location" ? describeDirective(scope.block!) : scope.kind;
  return `${level} (${describeWhere(directive)})`;
}

export function relatedAt(directive: PlacedDirective, message: string): RelatedLocation {
  return { message, file: directive.file.source.path, start: directive.node.start, end: directive.node.end };
}

/** The http level a scope belongs to (the implied one for a file of bare servers). */
export function httpOf(scope: Scope): HttpScope {
  return scope.chain()[0] as HttpScope;
}

/** Every location of the http level that proxies, nested ones included. */
export function proxiedLocationsOf(http: HttpScope): LocationScope[] {
  return locationsUnder(http).filter((location) => location.handler.kind === "proxy_pass");
}

/** The locations a setting written in `scope` can reach: those inside it (a location itself too). */
export function locationsUnder(scope: Scope): LocationScope[] {
  if (scope instanceof LocationScope) return [scope, ...scope.nested.flatMap(locationsUnder)];
  if (scope instanceof ServerScope) return scope.allLocations;
  if (scope instanceof HttpScope) return scope.servers.flatMap((server) => server.allLocations);
  return [];
}

/** Answers of onlyWebSocketRoutesUse by directive: every route written under one asks the same. */
const onlyWebSocketUsers = new WeakMap<NginxDirective, boolean>();

/**
 * Whether a setting may be changed where it is written: every proxied location that takes its
 * value from `directive` is a WebSocket route. Otherwise a fix must override it in the route
 * instead, leaving the other routes as they are. A directive from an included file may be
 * used wherever else that file is included, so then every location of the http level is asked.
 */
export function onlyWebSocketRoutesUse(
  scope: Scope,
  directive: PlacedDirective,
  usesSetting: (location: LocationScope) => boolean,
): boolean {
  const known = onlyWebSocketUsers.get(directive.node);
  if (known !== undefined) return known;
  const candidates = directive.includedVia.length > 0 ? locationsUnder(httpOf(scope)) : locationsUnder(scope);
  const answer = candidates.every(
    (location) => location.handler.kind !== "proxy_pass" || location.isWebSocketRoute || !usesSetting(location),
  );
  onlyWebSocketUsers.set(directive.node, answer);
  return answer;
}

/**
 * The context's report, dropping a report identical to one made before (same file, position and
 * message): a file included in two places is modelled, and walked, in both, and would otherwise
 * give the same finding twice.
 */
export function reportOnce(report: (report: RuleReport) => void): (report: RuleReport) => void {
  const seen = new Set<string>();
  return (candidate) => {
    const key = `${candidate.file}\0${candidate.span.start.offset}\0${candidate.span.end.offset}\0${candidate.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(candidate);
  };
}
