// nginx/ws-connection-header: a WebSocket route must send `Connection: upgrade` with the
// client's Upgrade header, which nginx replaces with its own Connection header by default.
import type { Fix, TextEdit } from "../../../src/engine/finding.js";
import type { Rule, RuleReport } from "../../../src/engine/rule.js";
import type { HeaderSetting, LocationScope, NginxNodeKinds, PlacedDirective } from "../../../src/nginx/model/index.js";
import { describeWhere } from "../../../src/nginx/model/index.js";
import { replaceArgument } from "../_shared/edits.js";
import {
  addHeadersToRoute,
  CONNECTION_UPGRADE_VARIABLE,
  hasWorkingConnectionMap,
  insertConnectionMap,
  connectionMapKeepsAlive,
} from "../_shared/headers.js";
import {
  describeLevel,
  describeRoute,
  evidenceOf,
  httpOf,
  isProxiedWebSocketRoute,
  onlyWebSocketRoutesUse,
  relatedAt,
  reportOnce,
  routeFile,
  routeHeadSpan,
} from "../_shared/routes.js";
import { listEntryMayNotArrive, listMayHoldMore } from "../_shared/unreadable-includes.js";
import { connectionVerdict, definitionsOf, dependsOnUnreadText } from "../_shared/variables.js";

const HEADER = "Connection";
const SYMPTOM = `without "upgrade" in it the backend does not take the request for a WebSocket handshake (400 or 426 instead of 101 Switching Protocols)`;

/**
 * The value a fix writes, and the edits it needs besides the header: `$connection_upgrade` when
 * the http level has a working map for it, or gets one from this very fix (so that one --fix run
 * never leaves an unknown variable behind); else the literal "upgrade".
 */
function connectionValue(location: LocationScope): { value: string; extraEdits: TextEdit[] } {
  const http = httpOf(location);
  const variable = `$${CONNECTION_UPGRADE_VARIABLE}`;
  if (hasWorkingConnectionMap(http)) return { value: variable, extraEdits: [] };
  if (definitionsOf(http.variables, CONNECTION_UPGRADE_VARIABLE).length === 0) {
    const map = insertConnectionMap(http, CONNECTION_UPGRADE_VARIABLE, connectionMapKeepsAlive(http));
    if (map !== null) return { value: variable, extraEdits: [map] };
  }
  return { value: '"upgrade"', extraEdits: [] };
}

function fixWith(header: TextEdit | null, extraEdits: TextEdit[]): { fix?: Fix } {
  return header === null ? {} : { fix: [header, ...extraEdits] };
}

type WrittenHeader = HeaderSetting & { directive: PlacedDirective };

export const wsConnectionHeader: Rule<NginxNodeKinds> = {
  meta: {
    id: "nginx/ws-connection-header",
    description: 'WebSocket routes must send "Connection: upgrade" to the backend.',
    defaultSeverity: "error",
    fixable: true,
    docs: "rules/nginx/ws-connection-header/README.md",
  },
  create(context) {
    const report = reportOnce(context.report);
    const missing = (location: LocationScope, connection: HeaderSetting): RuleReport => {
      const route = describeRoute(location);
      const sentByDefault = connection.sent ? `"${HEADER}: ${connection.value}"` : "no Connection header";
      const base = { evidence: evidenceOf(location), file: routeFile(location), span: routeHeadSpan(location) };
      const dropped = location
        .effectiveHeaders()
        .dropped.find((header) => header.key === "connection" && connectionVerdict(location.variables, header.value).kind !== "cannot-carry-upgrade");
      if (dropped !== undefined) {
        const header = addHeadersToRoute(location, [{ name: HEADER, value: dropped.directive.node.args[1]!.raw }]);
        const stopper = dropped.droppedByThisScope ? "the route's own proxy_set_header" : "the proxy_set_header list of an enclosing level";
        return {
          ...base,
          message: `${route} sends ${sentByDefault} (${connection.defaultNote}): "proxy_set_header ${dropped.name} ${dropped.value}" from ${describeLevel(dropped.scope, dropped.directive)} is dropped because ${stopper} (${describeWhere(dropped.droppedBy)}) replaces the inherited list, and ${SYMPTOM}. Repeat that line in the route.`,
          related: [
            relatedAt(dropped.directive, "the Connection header is set here"),
            relatedAt(dropped.droppedBy, "this proxy_set_header stops the inheritance"),
          ],
          ...fixWith(header, []),
        };
      }
      const { value, extraEdits } = connectionValue(location);
      return {
        ...base,
        message: `${route} does not set the Connection header, so nginx sends ${sentByDefault} (${connection.defaultNote}): ${SYMPTOM}. Add "proxy_set_header ${HEADER} ${value};".`,
        ...fixWith(addHeadersToRoute(location, [{ name: HEADER, value }]), extraEdits),
      };
    };

    const wrongValue = (location: LocationScope, connection: WrittenHeader): RuleReport => {
      const route = describeRoute(location);
      const { directive } = connection;
      const shown = `"proxy_set_header ${connection.name} ${directive.node.args[1]?.raw ?? ""}"`;
      const why = connection.sent ? `cannot carry "upgrade"` : "is empty, so nginx sends no Connection header";
      const changeable = onlyWebSocketRoutesUse(connection.scope ?? location, directive, (other) =>
        other.effectiveHeaders().headers.some((setting) => setting.directive?.node === directive.node),
      );
      const { value, extraEdits } = connectionValue(location);
      const wanted = `proxy_set_header ${HEADER} ${value};`;
      const replace = changeable ? replaceArgument(directive, 1, value) : null;
      if (!connection.inherited) {
        return {
          evidence: evidenceOf(location),
          message: `${shown} on WebSocket ${route} ${why}: ${SYMPTOM}. Write "${wanted}"${changeable ? "" : ` (this line comes from ${describeWhere(directive)}, which other routes use too: set the header in the route itself)`}.`,
          file: directive.file.source.path,
          span: directive.node,
          ...fixWith(replace, extraEdits),
        };
      }
      const header = replace ?? addHeadersToRoute(location, [{ name: HEADER, value }]);
      return {
        evidence: evidenceOf(location),
        message: `${route} inherits ${shown} from ${describeLevel(connection.scope, directive)}, which ${why}: ${SYMPTOM}. ${changeable ? `Change it to "${wanted}"` : `Add "${wanted}" to the route`}.`,
        file: routeFile(location),
        span: routeHeadSpan(location),
        related: [relatedAt(directive, "the Connection header is set here")],
        ...fixWith(header, extraEdits),
      };
    };

    return {
      location(location) {
        if (!isProxiedWebSocketRoute(location)) return;
        const connection = location.effectiveHeaders().get(HEADER);
        if (connection === undefined) return;
        const directive = connection.directive;
        if (directive === null) {
          // The line may be in a file wslint could not read.
          if (!listMayHoldMore(location, "proxy_set_header")) report(missing(location, connection));
          return;
        }
        // A variable from a map, or one nothing defines, is nginx/ws-connection-map's to judge.
        if (connection.sent && connectionVerdict(location.variables, connection.value).kind !== "cannot-carry-upgrade") return;
        // A wrong line stays wrong whatever an unreadable include adds beside it, but it may not
        // reach the route, or its variables may be defined in the file that could not be read.
        if (listEntryMayNotArrive(location, connection.scope) || dependsOnUnreadText(location.variables, connection.value)) return;
        report(wrongValue(location, { ...connection, directive }));
      },
    };
  },
};
