// nginx/ws-read-timeout: nginx closes a proxied connection that has been silent for
// proxy_read_timeout, and an idle WebSocket is a silent connection.
import type { Rule } from "../../../src/engine/rule.js";
import type { LocationScope, NginxNodeKinds } from "../../../src/nginx/model/index.js";
import { parseNginxDuration } from "../../../src/nginx/model/index.js";
import { settingFinding, type SettingFinding } from "../_shared/ordinary-setting.js";
import { describeRoute, evidenceOf, isProxiedWebSocketRoute, reportOnce } from "../_shared/routes.js";
import { settingMayBeHidden } from "../_shared/unreadable-includes.js";

export interface WsReadTimeoutOptions {
  /** Timeouts below this are reported. */
  minimum: string;
  /** What the fix writes. */
  recommended: string;
}

const DIRECTIVE = "proxy_read_timeout";

function milliseconds(text: string): number | null {
  const parsed = parseNginxDuration(text);
  return parsed.ok ? parsed.milliseconds : null;
}

function message(location: LocationScope, value: string, wanted: string, finding: SettingFinding): string {
  const route = describeRoute(location);
  const why = `nginx closes a WebSocket whose backend sends nothing for ${/^\d+$/.test(value) ? `${value}s` : value}, so idle connections drop (the client sees close code 1006) unless the application pings more often`;
  const line = `${DIRECTIVE} ${wanted};`;
  switch (finding.origin) {
    case "default":
      return `${route} keeps nginx's default ${DIRECTIVE} of ${value}: ${why}. Add "${line}" to the route.`;
    case "route":
      return `"${DIRECTIVE} ${value}" on WebSocket ${route} is too short: ${why}. Write "${line}"${finding.changeable ? "" : " in the route itself, not in a file other routes use too"}.`;
    case "outer":
      return `${route} inherits "${DIRECTIVE} ${value}" from ${finding.where}: ${why}. ${finding.changeable ? `Change it to ${wanted}` : `Add "${line}" to the route`}.`;
  }
}

export const wsReadTimeout: Rule<NginxNodeKinds, WsReadTimeoutOptions> = {
  meta: {
    id: "nginx/ws-read-timeout",
    description: "WebSocket routes need a proxy_read_timeout longer than nginx's 60-second default.",
    defaultSeverity: "warning",
    fixable: true,
    docs: "rules/nginx/ws-read-timeout/README.md",
    options: {
      schema: (z) => {
        const duration = z.string().refine((text) => parseNginxDuration(text).ok, 'expected an nginx time such as "61s", "1h" or "1h30m"');
        return z.strictObject({ minimum: duration, recommended: duration }).partial();
      },
      defaults: { minimum: "61s", recommended: "3600s" },
    },
  },
  create(context) {
    const report = reportOnce(context.report);
    const minimum = milliseconds(context.options.minimum)!;
    // A recommendation below the minimum would be reported again after fixing.
    const wanted = milliseconds(context.options.recommended)! >= minimum ? context.options.recommended : context.options.minimum;
    // The routes of a configuration share a few timeout values: each is parsed once.
    const parsed = new Map<string, number | null>();
    const millisecondsOf = (text: string): number | null => {
      let value = parsed.get(text);
      if (value === undefined) {
        value = milliseconds(text);
        parsed.set(text, value);
      }
      return value;
    };
    return {
      location(location) {
        if (!isProxiedWebSocketRoute(location)) return;
        const effective = location.effective(DIRECTIVE);
        const value = effective?.args[0];
        if (effective === null || value === undefined) return;
        const current = millisecondsOf(value);
        // An invalid time is a configuration error nginx reports itself.
        if (current === null || current >= minimum) return;
        // A default or an inherited value an unreadable include may override: not known to be short.
        if (settingMayBeHidden(location, effective)) return;
        const finding = settingFinding(location, effective, wanted);
        report({
          message: message(location, value, wanted, finding),
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
