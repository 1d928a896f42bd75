// nginx/ws-http-version: a WebSocket route must talk HTTP/1.1 to its backend, the only HTTP
// version with the Upgrade mechanism the handshake relies on.
import type { Rule, RuleReport } from "../../../src/engine/rule.js";
import type { LocationScope, NginxNodeKinds } from "../../../src/nginx/model/index.js";
import { describeWhere } from "../../../src/nginx/model/index.js";
import { insertIntoRoute, replaceArgument } from "../_shared/edits.js";
import {
  describeLevel,
  describeRoute,
  evidenceOf,
  httpOf,
  isProxiedWebSocketRoute,
  onlyWebSocketRoutesUse,
  relatedAt,
  routeFile,
  routeHeadSpan,
} from "../_shared/routes.js";

const DIRECTIVE = "proxy_http_version";
const REQUIRED = "1.1";
const WANTED_LINE = `${DIRECTIVE} ${REQUIRED};`;

function why(version: string): string {
  return `nginx then talks HTTP/${version} to the backend, which has no Upgrade mechanism, so the WebSocket handshake fails (400 or 502 instead of 101 Switching Protocols)`;
}

export const wsHttpVersion: Rule<NginxNodeKinds> = {
  meta: {
    id: "nginx/ws-http-version",
    description: "WebSocket routes must proxy with proxy_http_version 1.1.",
    defaultSeverity: "error",
    fixable: true,
    docs: "rules/nginx/ws-http-version/README.md",
  },
  create(context) {
    const reportRoute = (location: LocationScope): RuleReport | null => {
      const effective = location.effective(DIRECTIVE)!;
      const version = effective.args[0] ?? "";
      if (version === REQUIRED) return null;
      const route = describeRoute(location);
      const base = { evidence: evidenceOf(location) };
      const directive = effective.directive;

      if (directive === null) {
        const fix = insertIntoRoute(location, [WANTED_LINE]);
        return {
          ...base,
          message: `${route} does not set ${DIRECTIVE}, and the ${effective.defaultNote} is HTTP/${version}: ${why(version)}. Add "${WANTED_LINE}" to the route.`,
          file: routeFile(location),
          span: routeHeadSpan(location),
          ...(fix === null ? {} : { fix: [fix] }),
        };
      }

      const changeable = onlyWebSocketRoutesUse(httpOf(location), (other) => other.effective(DIRECTIVE)?.directive?.node === directive.node);
      if (!effective.inherited) {
        // Written in the route, maybe through a snippet; a snippet other routes share is left alone.
        const fix = changeable ? replaceArgument(directive, 0, REQUIRED) : null;
        return {
          ...base,
          message: `"${DIRECTIVE} ${version}" on WebSocket ${route}: ${why(version)}. Write "${WANTED_LINE}"${changeable ? "" : ` (it comes from ${describeWhere(directive)}, which other routes use too: set it in the route itself instead of taking it from there)`}.`,
          file: directive.file.source.path,
          span: directive.node,
          ...(fix === null ? {} : { fix: [fix] }),
        };
      }

      const fix = changeable ? replaceArgument(directive, 0, REQUIRED) : insertIntoRoute(location, [WANTED_LINE]);
      const where = describeLevel(effective.scope, directive);
      return {
        ...base,
        message: `${route} inherits "${DIRECTIVE} ${version}" from ${where}: ${why(version)}. ${changeable ? `Change it to ${REQUIRED}` : `Add "${WANTED_LINE}" to the route`}.`,
        file: routeFile(location),
        span: routeHeadSpan(location),
        related: [relatedAt(directive, `${DIRECTIVE} ${version} is set here (${describeWhere(directive)})`)],
        ...(fix === null ? {} : { fix: [fix] }),
      };
    };

    return {
      location(location) {
        if (!isProxiedWebSocketRoute(location)) return;
        const report = reportRoute(location);
        if (report !== null) context.report(report);
      },
    };
  },
};
