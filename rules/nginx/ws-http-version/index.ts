// nginx/ws-http-version: a WebSocket route must talk HTTP/1.1 to its backend, the only HTTP
// version with the Upgrade mechanism the handshake relies on.
import type { Rule } from "../../../src/engine/rule.js";
import type { LocationScope, NginxNodeKinds } from "../../../src/nginx/model/index.js";
import { settingFinding, type SettingFinding } from "../_shared/ordinary-setting.js";
import { describeRoute, evidenceOf, isProxiedWebSocketRoute, reportOnce } from "../_shared/routes.js";
import { settingMayBeHidden } from "../_shared/unreadable-includes.js";

const DIRECTIVE = "proxy_http_version";
const REQUIRED = "1.1";
const WANTED_LINE = `${DIRECTIVE} ${REQUIRED};`;

function why(version: string): string {
  return `nginx then talks HTTP/${version} to the backend, which has no Upgrade mechanism, so the WebSocket handshake fails (400 or 502 instead of 101 Switching Protocols)`;
}

function message(location: LocationScope, version: string, defaultNote: string | null, finding: SettingFinding): string {
  const route = describeRoute(location);
  switch (finding.origin) {
    case "default":
      return `${route} does not set ${DIRECTIVE}, and the ${defaultNote} is HTTP/${version}: ${why(version)}. Add "${WANTED_LINE}" to the route.`;
    case "route": {
      const shared = finding.changeable
        ? ""
        : ` (it comes from ${finding.file}, which other routes use too: set it in the route itself instead of taking it from there)`;
      return `"${DIRECTIVE} ${version}" on WebSocket ${route}: ${why(version)}. Write "${WANTED_LINE}"${shared}.`;
    }
    case "outer":
      return `${route} inherits "${DIRECTIVE} ${version}" from ${finding.where}: ${why(version)}. ${finding.changeable ? `Change it to ${REQUIRED}` : `Add "${WANTED_LINE}" to the route`}.`;
  }
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
    const report = reportOnce(context.report);
    return {
      location(location) {
        if (!isProxiedWebSocketRoute(location)) return;
        const effective = location.effective(DIRECTIVE)!;
        const version = effective.args[0] ?? "";
        if (version === REQUIRED) return;
        // A default or an inherited value an unreadable include may override: not known to be wrong.
        if (settingMayBeHidden(location, effective)) return;
        const finding = settingFinding(location, effective, REQUIRED);
        report({
          message: message(location, version, effective.defaultNote, finding),
          evidence: evidenceOf(location),
          file: finding.file,
          span: finding.span,
          ...(finding.related.length > 0 ? { related: finding.related } : {}),
          ...(finding.fix === null ? {} : { fix: [finding.fix] }),
        });
      },
    };
  },
};
