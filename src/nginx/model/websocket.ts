// Deciding which locations are WebSocket routes, and saying why. A route needs evidence; a plain
// location with none is not one, so rules about WebSocket proxying leave it alone.
import type { Handler } from "./handler.js";
import type { LocationScope, RouteScope, ServerScope } from "./levels.js";
import { isRegexModifier, pathSegments } from "./location-path.js";
import { describeWhere, variableReferences, type PlacedComment, type PlacedDirective } from "./placed.js";
import type { Scope } from "./scope.js";
import { configuredPathGlob } from "../../websocket/configured-paths.js";
import { mayHaveWebSocketSegment, namesWebSocket, WEBSOCKET_PATH_SEGMENTS } from "../../websocket/vocabulary.js";

export type WebSocketEvidenceKind =
  /** proxy_set_header Upgrade ... */
  | "upgrade-header"
  /** proxy_set_header Connection upgrade / $connection_upgrade */
  | "connection-header"
  /** A directive that reads $http_upgrade or a variable mapped from it. */
  | "upgrade-variable"
  /** The location's path (or name) has a WebSocket segment: /ws/, /socket.io/, @websocket. */
  | "path-segment"
  /** The proxy_pass target names an upstream, host or path that says WebSocket: chat_ws, ws-backend, /cable. */
  | "proxy-target"
  /** `# wslint: websocket` */
  | "comment"
  /** wslint.config.json websocket.paths */
  | "configured-path"
  /** wslint.config.json websocket.backends */
  | "configured-backend";

export interface WebSocketEvidence {
  kind: WebSocketEvidenceKind;
  /** One line for messages: `forwards "Upgrade: $http_upgrade" (conf.d/app.conf:14)`. */
  message: string;
  /** Where the evidence is written; null for evidence from the settings or the location's own path. */
  at: PlacedDirective | PlacedComment | null;
}

export interface EvidenceContext {
  /** $http_upgrade and every variable computed from it, without `$`. */
  upgradeVariables: ReadonlySet<string>;
  /** The websocket.paths entries each location answers for. */
  configuredPaths: ReadonlyMap<LocationScope, readonly string[]>;
  /** websocket.backends, lower-cased. */
  configuredBackends: ReadonlySet<string>;
}

export function collectWebSocketEvidence(location: LocationScope, context: EvidenceContext): WebSocketEvidence[] {
  const evidence: WebSocketEvidence[] = [];
  // Asked of every location; most have no `if` or `limit_except` inside.
  const routes: readonly RouteScope[] =
    location.ifs.length === 0 && location.limitExcepts.length === 0 ? [location] : [location, ...location.ifs, ...location.limitExcepts];
  const proxies = routes.some((route) => route.handler.kind === "proxy_pass");

  // Headers set here count always; headers inherited from enclosing levels count for a location
  // that proxies, since they only mean something to proxy_pass.
  if (proxies) for (const level of enclosingHeaderLevels(location)) addHeaderEvidence(level, context, evidence);
  for (const route of routes) addHeaderEvidence(route, context, evidence);

  for (const route of routes) {
    for (const directive of route.directives) {
      // A proxy_set_header counted above.
      if (directive.name === "proxy_set_header" && evidence.some((found) => found.at === directive)) continue;
      const used = upgradeVariableUsed(directive, context.upgradeVariables);
      if (used === undefined) continue;
      const via = used === "http_upgrade" ? "" : ", computed from $http_upgrade";
      evidence.push({
        kind: "upgrade-variable",
        message: `uses $${used}${via} in ${directive.name} (${describeWhere(directive)})`,
        at: directive,
      });
    }
  }

  if (mayHaveWebSocketSegment(location.match.pattern)) {
    for (const segment of location.segments) {
      if (!WEBSOCKET_PATH_SEGMENTS.has(segment.toLowerCase())) continue;
      const message =
        location.match.modifier === "@"
          ? `location name "@${segment}"`
          : `path segment "${segment}"${isRegexModifier(location.match.modifier) ? ` in regex ${location.match.pattern}` : ""}`;
      evidence.push({ kind: "path-segment", message, at: null });
    }
  }

  for (const route of routes) if (isOwnHandler(route.handler)) proxyTargetEvidence(route.handler, evidence);

  for (const annotation of location.annotations) {
    if (annotation.kind !== "websocket") continue;
    evidence.push({
      kind: "comment",
      message: `comment "#${annotation.comment.node.text}" (${describeWhere(annotation.comment)})`,
      at: annotation.comment,
    });
  }

  for (const path of context.configuredPaths.get(location) ?? NO_PATHS) {
    evidence.push({ kind: "configured-path", message: `configured websocket.paths "${path}"`, at: null });
  }

  for (const { handler } of routes) {
    if (!isOwnHandler(handler) || handler.kind !== "proxy_pass" || handler.host === null) continue;
    const name = handler.upstream?.name ?? handler.host;
    if (context.configuredBackends.has(name.toLowerCase())) {
      evidence.push({ kind: "configured-backend", message: `configured websocket.backends "${name}"`, at: handler.directive });
    }
  }
  return evidence;
}

const NO_PATHS: readonly string[] = [];

/** An `if` that inherits the location's proxy_pass has nothing to add about its target. */
function isOwnHandler(handler: Handler): boolean {
  return !("inherited" in handler && handler.inherited);
}

/** The levels around a location (http, server, enclosing locations), outermost first, that set proxy_set_header. */
function enclosingHeaderLevels(location: LocationScope): Scope[] {
  const levels: Scope[] = [];
  for (let scope = location.parent; scope !== null; scope = scope.parent) {
    if (scope.own("proxy_set_header").length > 0) levels.push(scope);
  }
  return levels.reverse();
}

/** Adds the proxy_set_header lines of one level that forward an upgrade. */
function addHeaderEvidence(level: Scope, context: EvidenceContext, evidence: WebSocketEvidence[]): void {
  for (const directive of level.own("proxy_set_header")) {
    const found = headerEvidence(directive, context.upgradeVariables);
    if (found !== null) evidence.push(found);
  }
}

/** The first variable computed from $http_upgrade that the directive's arguments use. */
function upgradeVariableUsed(directive: PlacedDirective, upgradeVariables: ReadonlySet<string>): string | undefined {
  for (const argument of directive.args) {
    // Few arguments name any of these variables: skip the full scan for the others.
    if (!mentionsAny(argument, upgradeVariables)) continue;
    const used = variableReferences(argument).find((name) => upgradeVariables.has(name));
    if (used !== undefined) return used;
  }
  return undefined;
}

function mentionsAny(text: string, names: ReadonlySet<string>): boolean {
  if (!text.includes("$")) return false;
  for (const name of names) if (text.includes(name)) return true;
  return false;
}

function headerEvidence(directive: PlacedDirective, upgradeVariables: ReadonlySet<string>): WebSocketEvidence | null {
  const [name = "", value = ""] = directive.args;
  const key = name.toLowerCase();
  if (key === "upgrade" && value !== "") {
    return { kind: "upgrade-header", message: `forwards "${name}: ${value}" (${describeWhere(directive)})`, at: directive };
  }
  if (key !== "connection") return null;
  if (/upgrade/i.test(value) || variableReferences(value).some((variable) => upgradeVariables.has(variable))) {
    return { kind: "connection-header", message: `sets "${name}: ${value}" (${describeWhere(directive)})`, at: directive };
  }
  return null;
}

/** Adds what the proxy_pass target says: an upstream or host name, or a path segment, that names WebSocket. */
function proxyTargetEvidence(handler: Handler, evidence: WebSocketEvidence[]): void {
  if (handler.kind !== "proxy_pass") return;
  if (handler.host !== null && namesWebSocket(handler.host)) {
    const where = describeWhere(handler.directive);
    const message =
      handler.upstream !== null
        ? `upstream name "${handler.upstream.name}" (${where})`
        : `proxy_pass host "${handler.host}" (${where})`;
    evidence.push({ kind: "proxy-target", message, at: handler.directive });
  }
  if (handler.uri === null || !mayHaveWebSocketSegment(handler.uri)) return;
  for (const segment of pathSegments(handler.uri)) {
    if (WEBSOCKET_PATH_SEGMENTS.has(segment.toLowerCase())) {
      const where = describeWhere(handler.directive);
      evidence.push({ kind: "proxy-target", message: `proxy_pass path segment "${segment}" (${where})`, at: handler.directive });
    }
  }
}

/**
 * The locations each websocket.paths entry makes WebSocket routes. A plain path (`/live`) counts
 * for a server's locations at or below it (`/live/`, `/live/feed/`); in a server that has none,
 * for the location nginx would pick for the path, if that one proxies (a catch-all
 * `location / { proxy_pass ...; }` does, a static one cannot carry a WebSocket anyway). A glob
 * (`/api/*\/ws`: `*` within a segment, `**` across segments) counts for the prefix and exact
 * locations whose path it matches.
 */
export function configuredPathLocations(
  servers: readonly ServerScope[],
  paths: readonly string[],
): Map<LocationScope, string[]> {
  const found = new Map<LocationScope, string[]>();
  const note = (location: LocationScope, path: string) => {
    const list = found.get(location) ?? [];
    if (!list.includes(path)) list.push(path);
    found.set(location, list);
  };
  for (const path of paths) {
    const glob = configuredPathGlob(path);
    const below = path.endsWith("/") ? path : `${path}/`;
    for (const server of servers) {
      const named = server.allLocations.filter((location) => {
        const { modifier, pattern } = location.match;
        if (modifier === "@" || isRegexModifier(modifier)) return false;
        if (glob !== null) return glob(pattern);
        return pattern === path || pattern.startsWith(below);
      });
      for (const location of named) note(location, path);
      if (named.length > 0 || glob !== null) continue;
      const selected = server.selectLocation(path);
      if (selected !== null && selected.handler.kind === "proxy_pass") note(selected, path);
    }
  }
  return found;
}
