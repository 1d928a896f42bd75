// nginx/proxy-header-inheritance: a level with proxy_set_header lines of its own loses every
// proxy_set_header of the levels around it, which people rarely mean.
import type { NginxDirective } from "../../../src/nginx/ast.js";
import type { Rule } from "../../../src/engine/rule.js";
import type { DroppedHeader, LocationScope, NginxNodeKinds, PlacedDirective, Scope } from "../../../src/nginx/model/index.js";
import { describeDirective } from "../../../src/nginx/model/index.js";
import { insertLinesAboveInScope } from "../_shared/edits.js";
import { describeLevel, evidenceOf, locationsUnder, relatedAt, reportOnce } from "../_shared/routes.js";

const DIRECTIVE = "proxy_set_header";

/** Headers whose loss on a WebSocket route nginx/ws-upgrade-header and nginx/ws-connection-header report. */
const WEBSOCKET_HEADERS: ReadonlySet<string> = new Set(["upgrade", "connection"]);

/** The level whose own list starts with `first`, among the scopes of a route that uses that list. */
function levelStartingWith(route: LocationScope, first: PlacedDirective): Scope | null {
  return route.chain().find((scope) => scope.own(DIRECTIVE).includes(first)) ?? null;
}

export const proxyHeaderInheritance: Rule<NginxNodeKinds> = {
  meta: {
    id: "nginx/proxy-header-inheritance",
    description: "A level with its own proxy_set_header lines drops the ones set at outer levels.",
    defaultSeverity: "warning",
    fixable: true,
    docs: "rules/nginx/proxy-header-inheritance/README.md",
  },
  create(context) {
    const report = reportOnce(context.report);
    const reported = new Set<NginxDirective>();

    const reportLevel = (route: LocationScope, first: PlacedDirective, dropped: readonly DroppedHeader[]): void => {
      const level = levelStartingWith(route, first);
      if (level === null) return;
      // The proxied routes that send this level's list.
      const users = locationsUnder(level).filter(
        (location) =>
          location.handler.kind === "proxy_pass" &&
          location.effectiveList(DIRECTIVE).entries.some((entry) => entry.directive.node === first.node),
      );
      const websocketUsers = users.filter((location) => location.isWebSocketRoute);
      const lost = dropped.filter((header) => !header.redefined && !(websocketUsers.length > 0 && WEBSOCKET_HEADERS.has(header.key)));
      if (lost.length === 0) return;
      const lostList = lost.map((header) => `${header.name} from ${describeLevel(header.scope, header.directive)}`).join(", ");
      const leftToWebSocketRules =
        websocketUsers.length > 0 && dropped.some((header) => !header.redefined && WEBSOCKET_HEADERS.has(header.key))
          ? "; the WebSocket headers among them are reported by nginx/ws-upgrade-header and nginx/ws-connection-header"
          : "";
      const levelName = level.kind === "location" ? describeDirective(level.block!) : level.kind;
      const fix = insertLinesAboveInScope(
        level,
        first,
        lost.map((header) => `${describeDirective(header.directive)};`),
      );
      report({
        message: `${levelName} sets its own proxy_set_header, so nginx does not send the ones set around it: ${lostList}${leftToWebSocketRules}. The backend then misses them, and a Host or X-Forwarded-* check may refuse or misroute its requests, WebSocket handshakes included; copy the lines you still want into ${levelName}, above its own.`,
        file: first.file.source.path,
        span: first.node,
        ...(websocketUsers.length > 0 ? { evidence: evidenceOf(websocketUsers[0]!) } : {}),
        related: lost.map((header) => relatedAt(header.directive, `${header.name} is set here and not sent`)),
        ...(fix === null ? {} : { fix: [fix] }),
      });
    };

    return {
      location(location) {
        if (location.handler.kind !== "proxy_pass") return;
        // Most routes lose nothing: no header objects are built for them.
        if (location.effectiveList(DIRECTIVE).dropped.length === 0) return;
        const byDropper = new Map<PlacedDirective, DroppedHeader[]>();
        for (const header of location.effectiveHeaders(DIRECTIVE).dropped) {
          byDropper.set(header.droppedBy, [...(byDropper.get(header.droppedBy) ?? []), header]);
        }
        for (const [first, dropped] of byDropper) {
          if (reported.has(first.node)) continue;
          // An unreadable include on the dropping level may repeat the lost lines; one on a level
          // inside it may give this route a list of its own. Another route may still report it.
          if (location.hasUnreadableIncludeUpTo(dropped[0]!.droppedIn, true)) continue;
          reported.add(first.node);
          reportLevel(location, first, dropped);
        }
      },
    };
  },
};
