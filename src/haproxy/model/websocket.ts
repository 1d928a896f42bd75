// Deciding which backends and listens carry WebSocket traffic, and saying why. A proxy needs
// evidence; one with none is left alone by the rules about WebSocket proxying.
import type { LintSettings } from "../../engine/rule.js";
import { configuredPathGlob } from "../../websocket/configured-paths.js";
import { nameTokens, WEBSOCKET_NAME_TOKENS, WEBSOCKET_PATH_SEGMENTS } from "../../websocket/vocabulary.js";
import {
  literalPaths,
  matchesConnectionUpgrade,
  matchesUpgradeHeader,
  pathPatternSegments,
  type AclTest,
  type AnalyzedTerm,
} from "./acl.js";
import { describeWhere, type PlacedComment, type PlacedStatement } from "./placed.js";
import type { ProxyModel, Route } from "./proxy.js";

export type WebSocketEvidenceKind =
  /** A condition routing here (or tested in the proxy itself) matches `Upgrade: websocket`. */
  | "upgrade-acl"
  /** ... matches `Connection: Upgrade`. */
  | "connection-acl"
  /** ... matches a path with a WebSocket segment: /ws, /socket.io, /cable. */
  | "path-acl"
  /** The backend's name says so: be_ws, websocket-backend, chatSocket. */
  | "name"
  /** A server is declared with `ws h1|h2|auto`. */
  | "server-ws"
  /** `# wslint: websocket` */
  | "comment"
  /** wslint.config.json websocket.backends */
  | "configured-backend"
  /** wslint.config.json websocket.paths, matched by a path a route tests */
  | "configured-path";

export interface WebSocketEvidence {
  readonly kind: WebSocketEvidenceKind;
  /** One line for messages: `frontend 'fe' routes here (haproxy.cfg:14) when ACL "is_ws" ...`. */
  readonly message: string;
  /** Where the evidence is written; null for the name and the settings. */
  readonly at: PlacedStatement | PlacedComment | null;
  /** The route it comes with, for evidence found in a condition that leads here. */
  readonly route: Route | null;
}

/** A literal path a request can have to reach a proxy (`path_beg /ws` gives `/ws`). */
export interface RoutePath {
  readonly path: string;
  readonly test: AclTest;
  /** The route whose condition tests it; null when the proxy tests it itself (configured-path evidence). */
  readonly route: Route | null;
}

/** A test found in a condition, with how the condition is used. */
export interface ReachingTest {
  test: AclTest;
  term: AnalyzedTerm;
  route: Route | null;
  /** The statement whose condition it is. */
  statement: PlacedStatement;
}

function testsOf(terms: readonly AnalyzedTerm[], statement: PlacedStatement, route: Route | null): ReachingTest[] {
  return terms.flatMap((term) => term.tests.map((test) => ({ test, term, route, statement })));
}

/**
 * The tests that say what traffic reaches a proxy. In the conditions of the routes that lead
 * here, the positive terms (see AnalyzedTerm.positive): `use_backend app unless is_ws` sends
 * everything but WebSocket traffic. In the proxy's own rules (a listen's `http-request ... if
 * is_ws`, a backend's `http-request deny unless is_ws`), every term: the proxy expects traffic
 * that may or may not match. Its own use_backend rules do not count: they send traffic elsewhere.
 */
export function testsReaching(proxy: ProxyModel): ReachingTest[] {
  const found: ReachingTest[] = [];
  for (const route of proxy.routesIn) {
    if (route.condition === null || route.statement === null) continue;
    found.push(...testsOf(route.condition.terms.filter((term) => term.positive), route.statement, route));
  }
  for (const { statement, condition } of proxy.conditions) {
    if (statement.keyword !== "use_backend") found.push(...testsOf(condition.terms, statement, null));
  }
  return found;
}

function describeTest({ test, term }: ReachingTest): string {
  const where = describeWhere(test.statement);
  return term.acl !== null ? `ACL "${term.acl.name}" (${test.text}, ${where})` : `{ ${test.text} }`;
}

function describeUse(found: ReachingTest, what: string): string {
  const { route, statement } = found;
  if (route !== null) return `${route.from.label()} routes here (${describeWhere(statement)}) when ${describeTest(found)} ${what}`;
  return `${describeTest(found)} ${what}, tested at ${describeWhere(statement)}`;
}

export function collectWebSocketEvidence(proxy: ProxyModel, settings: LintSettings["websocket"]): WebSocketEvidence[] {
  const evidence: WebSocketEvidence[] = [];
  const reaching = testsReaching(proxy);
  for (const found of reaching) {
    const at = found.test.statement;
    if (matchesUpgradeHeader(found.test)) {
      evidence.push({ kind: "upgrade-acl", message: describeUse(found, 'matches "Upgrade: websocket"'), at, route: found.route });
    }
    if (matchesConnectionUpgrade(found.test)) {
      evidence.push({ kind: "connection-acl", message: describeUse(found, 'matches "Connection: Upgrade"'), at, route: found.route });
    }
    const segment = pathPatternSegments(found.test).find((candidate) => WEBSOCKET_PATH_SEGMENTS.has(candidate.toLowerCase()));
    if (segment !== undefined) {
      evidence.push({ kind: "path-acl", message: describeUse(found, `matches path segment "${segment}"`), at, route: found.route });
    }
  }

  if (proxy.name !== null && nameTokens(proxy.name).some((token) => WEBSOCKET_NAME_TOKENS.has(token))) {
    evidence.push({ kind: "name", message: `${proxy.kind} name "${proxy.name}"`, at: null, route: null });
  }

  for (const server of proxy.servers) {
    if (server.ws === null || server.ws.fromDefaultServer) continue;
    const at = server.ws.statement;
    evidence.push({ kind: "server-ws", message: `server "${server.name}" sets "ws ${server.ws.value}" (${describeWhere(at)})`, at, route: null });
  }

  for (const annotation of proxy.annotations) {
    if (annotation.kind !== "websocket") continue;
    const at = annotation.comment;
    evidence.push({ kind: "comment", message: `comment "#${at.node.text}" (${describeWhere(at)})`, at, route: null });
  }

  const configuredBackends = new Set(settings.backends.map((name) => name.toLowerCase()));
  if (proxy.name !== null && configuredBackends.has(proxy.name.toLowerCase())) {
    evidence.push({ kind: "configured-backend", message: `configured websocket.backends "${proxy.name}"`, at: null, route: null });
  }

  for (const configured of settings.paths) {
    const match = routePathsOf(reaching).find((candidate) => configuredPathMatches(configured, candidate));
    if (match === undefined) continue;
    evidence.push({
      kind: "configured-path",
      message: `configured websocket.paths "${configured}" matches ${match.test.text} (${describeWhere(match.test.statement)})`,
      at: match.test.statement,
      route: match.route,
    });
  }
  return evidence;
}

function routePathsOf(reaching: readonly ReachingTest[]): RoutePath[] {
  return reaching.flatMap(({ test, route }) => literalPaths(test).map((path) => ({ path, test, route })));
}

/**
 * The literal paths requests can have to be routed to the proxy, from the path tests of the
 * routes that lead here (not the proxy's own rules: `http-request deny if { path_beg /admin }`
 * names a path that does not get through).
 */
export function routePaths(proxy: ProxyModel): RoutePath[] {
  return routePathsOf(testsReaching(proxy).filter((found) => found.route !== null));
}

/**
 * A websocket.paths entry matches a route's path when they name the same path, when the route's
 * path is below it (`/live` covers `path_beg /live/feed`), or when the route takes a prefix of
 * it (`path_beg /live` takes `/live/feed`). A glob (`*` within a segment, `**` across segments)
 * matches the route's path itself.
 */
export function configuredPathMatches(configured: string, { path, test }: RoutePath): boolean {
  const glob = configuredPathGlob(configured);
  if (glob !== null) return glob(path);
  const below = configured.endsWith("/") ? configured : `${configured}/`;
  return path === configured || path.startsWith(below) || (test.match === "beg" && configured.startsWith(path));
}
