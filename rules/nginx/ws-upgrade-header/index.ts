// nginx/ws-upgrade-header: a WebSocket route must pass the client's Upgrade header on, which
// nginx never does by itself.
import type { Rule, RuleReport } from "../../../src/engine/rule.js";
import type { DroppedHeader, HeaderSetting, LocationScope, NginxNodeKinds } from "../../../src/nginx/model/index.js";
import { describeWhere } from "../../../src/nginx/model/index.js";
import { replaceArgument } from "../_shared/edits.js";
import { addHeadersToRoute } from "../_shared/headers.js";
import {
  describeLevel,
  describeRoute,
  evidenceOf,
  isProxiedWebSocketRoute,
  onlyWebSocketRoutesUse,
  relatedAt,
  reportOnce,
  routeFile,
  routeHeadSpan,
} from "../_shared/routes.js";
import { listEntryMayNotArrive, listMayHoldMore } from "../_shared/unreadable-includes.js";
import { dependsOnUnreadText, forwardsUpgrade } from "../_shared/variables.js";

const HEADER = "Upgrade";
const FORWARDED_VALUE = "$http_upgrade";
const WANTED_LINE = `proxy_set_header ${HEADER} ${FORWARDED_VALUE};`;
const SYMPTOM =
  "so the backend sees a plain HTTP request and never switches protocols (the handshake fails with 400, 426 or a normal 200 response instead of 101)";

/** Who stopped an outer Upgrade header from reaching the route, for the message. */
function describeDropper(location: LocationScope, dropped: DroppedHeader): string {
  const where = describeWhere(dropped.droppedBy);
  return dropped.droppedByThisScope
    ? `the route's own proxy_set_header (${where}) replaces the inherited list`
    : `an enclosing level sets its own proxy_set_header list (${where}), and ${describeRoute(location)} inherits that one`;
}

export const wsUpgradeHeader: Rule<NginxNodeKinds> = {
  meta: {
    id: "nginx/ws-upgrade-header",
    description: "WebSocket routes must forward the client's Upgrade header to the backend.",
    defaultSeverity: "error",
    fixable: true,
    docs: "rules/nginx/ws-upgrade-header/README.md",
  },
  create(context) {
    const report = reportOnce(context.report);
    const missing = (location: LocationScope): RuleReport => {
      const route = describeRoute(location);
      const dropped = location
        .effectiveHeaders()
        .dropped.find((header) => header.key === "upgrade" && forwardsUpgrade(location.variables, header.value));
      const base = { evidence: evidenceOf(location), file: routeFile(location), span: routeHeadSpan(location) };
      if (dropped !== undefined) {
        const fix = addHeadersToRoute(location, [{ name: HEADER, value: dropped.directive.node.args[1]!.raw }]);
        return {
          ...base,
          message: `${route} does not forward the Upgrade header: "proxy_set_header ${dropped.name} ${dropped.value}" from ${describeLevel(dropped.scope, dropped.directive)} is dropped because ${describeDropper(location, dropped)}, ${SYMPTOM}. Repeat that line in the route.`,
          related: [
            relatedAt(dropped.directive, "the Upgrade header is set here"),
            relatedAt(dropped.droppedBy, "this proxy_set_header stops the inheritance"),
          ],
          ...(fix === null ? {} : { fix: [fix] }),
        };
      }
      const fix = addHeadersToRoute(location, [{ name: HEADER, value: FORWARDED_VALUE }]);
      return {
        ...base,
        message: `${route} does not forward the client's Upgrade header, which nginx drops by default, ${SYMPTOM}. Add "${WANTED_LINE}".`,
        ...(fix === null ? {} : { fix: [fix] }),
      };
    };

    const wrongValue = (location: LocationScope, header: HeaderSetting & { directive: NonNullable<HeaderSetting["directive"]> }): RuleReport => {
      const route = describeRoute(location);
      const { directive } = header;
      const shown = `"proxy_set_header ${header.name} ${directive.node.args[1]?.raw ?? ""}"`;
      const why = header.sent ? "does not carry the client's Upgrade header" : "is empty, so nginx sends no Upgrade header";
      const changeable = onlyWebSocketRoutesUse(header.scope ?? location, directive, (other) =>
        other.effectiveHeaders().headers.some((setting) => setting.directive?.node === directive.node),
      );
      const replace = changeable ? replaceArgument(directive, 1, FORWARDED_VALUE) : null;
      if (!header.inherited) {
        return {
          evidence: evidenceOf(location),
          message: `${shown} on WebSocket ${route} ${why}, ${SYMPTOM}. Write "${WANTED_LINE}"${changeable ? "" : ` (this line comes from ${describeWhere(directive)}, which other routes use too: set the header in the route itself)`}.`,
          file: directive.file.source.path,
          span: directive.node,
          ...(replace === null ? {} : { fix: [replace] }),
        };
      }
      const fix = replace ?? addHeadersToRoute(location, [{ name: HEADER, value: FORWARDED_VALUE }]);
      return {
        evidence: evidenceOf(location),
        message: `${route} inherits ${shown} from ${describeLevel(header.scope, directive)}, which ${why}, ${SYMPTOM}. ${changeable ? `Change it to "${WANTED_LINE}"` : `Add "${WANTED_LINE}" to the route`}.`,
        file: routeFile(location),
        span: routeHeadSpan(location),
        related: [relatedAt(directive, "the Upgrade header is set here")],
        ...(fix === null ? {} : { fix: [fix] }),
      };
    };

    return {
      location(location) {
        if (!isProxiedWebSocketRoute(location)) return;
        const upgrade = location.effectiveHeaders().get(HEADER);
        const directive = upgrade?.directive ?? null;
        if (upgrade === undefined || directive === null) {
          // The line may be in a file wslint could not read.
          if (!listMayHoldMore(location, "proxy_set_header")) report(missing(location));
          return;
        }
        if (upgrade.sent && forwardsUpgrade(location.variables, upgrade.value)) return;
        // A wrong line stays wrong whatever an unreadable include adds beside it, but it may not
        // reach the route, or its variables may be defined in the file that could not be read.
        if (listEntryMayNotArrive(location, upgrade.scope) || dependsOnUnreadText(location.variables, upgrade.value)) return;
        report(wrongValue(location, { ...upgrade, directive }));
      },
    };
  },
};
