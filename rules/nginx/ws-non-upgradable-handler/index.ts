// nginx/ws-non-upgradable-handler: only proxy_pass can switch a connection to WebSocket; a route
// with WebSocket evidence that anything else answers cannot complete a handshake.
import type { Rule } from "../../../src/engine/rule.js";
import type { Handler, LocationScope, NginxNodeKinds, PassDirectiveName } from "../../../src/nginx/model/index.js";
import { describeDirective } from "../../../src/nginx/model/index.js";
import type { Span } from "../../../src/syntax/source.js";
import { describeRoute, evidenceOf, reportOnce, routeFile, routeHeadSpan } from "../_shared/routes.js";

/** What each pass directive speaks to its backend, none of which has an Upgrade mechanism in nginx. */
const PASS_PROTOCOLS: Readonly<Record<Exclude<PassDirectiveName, "proxy_pass">, string>> = {
  fastcgi_pass: "FastCGI",
  grpc_pass: "gRPC",
  uwsgi_pass: "uwsgi",
  scgi_pass: "SCGI",
  memcached_pass: "memcached",
};

const INSTEAD = "proxy_pass it to an HTTP backend that speaks WebSocket, with proxy_http_version 1.1 and the Upgrade and Connection headers";

/**
 * Evidence beyond the route's name. A location called /ws/ or /socket.io/ that serves files is
 * often just that (the Socket.IO client script, say); a file route is reported only when
 * something else says it is meant for WebSockets.
 */
function hasEvidenceBeyondItsPath(location: LocationScope): boolean {
  return location.websocketEvidence.some((evidence) => evidence.kind !== "path-segment");
}

/**
 * Where an internal redirect of try_files ends up, when it can be told: a proxied location or not.
 * Given the benefit of the doubt when the server or the location it reaches has an include wslint
 * could not read: the location it goes to, or that location's proxy_pass, may be in there.
 */
function tryFilesReachesProxy(location: LocationScope, fallback: string): boolean {
  const server = location.server;
  if (server === null || fallback.includes("$") || server.hasUnreadableInclude) return true;
  const target = fallback.startsWith("@")
    ? server.allLocations.find((candidate) => candidate.match.modifier === "@" && candidate.match.pattern === fallback.slice(1))
    : fallback.startsWith("/")
      ? server.selectLocation(fallback)
      : null;
  return target?.handler.kind === "proxy_pass" || target?.hasUnreadableInclude === true;
}

interface Problem {
  /** What answers, and why that breaks the handshake. */
  text: string;
  /** What to do instead. */
  advice: string;
  at: { file: string; span: Span } | null;
}

function problemOf(location: LocationScope, handler: Handler): Problem | null {
  switch (handler.kind) {
    case "proxy_pass":
    case "module":
      // A content module (Lua, njs) may well implement WebSocket itself.
      return null;
    case "fastcgi_pass":
    case "grpc_pass":
    case "uwsgi_pass":
    case "scgi_pass":
    case "memcached_pass":
      return {
        text: `is answered by ${handler.kind}, and nginx's ${PASS_PROTOCOLS[handler.kind]} module cannot switch a connection to WebSocket, so the handshake never gets its 101 (the client sees 400, 502 or a plain response)`,
        advice: INSTEAD,
        at: { file: handler.directive.file.source.path, span: handler.directive.node },
      };
    case "return":
    case "rewrite":
      if (!handler.redirect) return null;
      return {
        text: `answers with a redirect (${describeDirective(handler.directive)}), and WebSocket clients do not follow redirects during the handshake, so the connection fails`,
        advice: "point clients at the final URL, or proxy_pass the route",
        at: { file: handler.directive.file.source.path, span: handler.directive.node },
      };
    case "try_files":
      // A proxy_pass in an include wslint could not read would take the request after try_files.
      if (!hasEvidenceBeyondItsPath(location) || location.hasUnreadableInclude || tryFilesReachesProxy(location, handler.fallback)) return null;
      return {
        text: `is answered by try_files without reaching a proxy, and files cannot switch protocols, so the handshake gets a file or an error instead of 101`,
        advice: `${INSTEAD}, or make the try_files fallback a named location that does`,
        at: { file: handler.directive.file.source.path, span: handler.directive.node },
      };
    case "static":
      // No proxy_pass is known, but one may be in an include wslint could not read.
      if (!hasEvidenceBeyondItsPath(location) || location.hasUnreadableInclude) return null;
      return {
        text: "has no proxy_pass, so nginx serves it from files, which cannot switch protocols: the handshake gets a file or a 404 instead of 101",
        advice: INSTEAD,
        at: null,
      };
  }
}

export const wsNonUpgradableHandler: Rule<NginxNodeKinds> = {
  meta: {
    id: "nginx/ws-non-upgradable-handler",
    description: "WebSocket routes must be answered by proxy_pass: FastCGI, gRPC, uwsgi, SCGI, redirects and files cannot switch protocols.",
    defaultSeverity: "error",
    fixable: false,
    docs: "rules/nginx/ws-non-upgradable-handler/README.md",
  },
  create(context) {
    const report = reportOnce(context.report);
    return {
      location(location) {
        if (!location.isWebSocketRoute) return;
        const problem = problemOf(location, location.handler);
        if (problem === null) return;
        report({
          message: `WebSocket ${describeRoute(location)} ${problem.text}; ${problem.advice}.`,
          evidence: evidenceOf(location),
          file: problem.at?.file ?? routeFile(location),
          span: problem.at?.span ?? routeHeadSpan(location),
        });
      },
    };
  },
};
