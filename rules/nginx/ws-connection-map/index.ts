// nginx/ws-connection-map: the variable a WebSocket route sends as its Connection header must
// exist, and its map must give `upgrade` to a handshake.
import type { TextEdit } from "../../../src/engine/finding.js";
import type { Rule } from "../../../src/engine/rule.js";
import type { NginxDirective } from "../../../src/nginx/ast.js";
import type { HttpScope, LocationScope, MapModel, NginxNodeKinds, PlacedDirective } from "../../../src/nginx/model/index.js";
import { describeDirective, describeWhere } from "../../../src/nginx/model/index.js";
import { insertLinesAtBlockEnd, insertLinesBefore, replaceArgument } from "../_shared/edits.js";
import { connectionMapEdit, connectionMapKeepsAlive, connectionMapLines, insertConnectionMap } from "../_shared/headers.js";
import {
  describeRoute,
  evidenceOf,
  httpOf,
  isProxiedWebSocketRoute,
  relatedAt,
  reportOnce,
} from "../_shared/routes.js";
import type { Span } from "../../../src/syntax/source.js";
import { listEntryMayNotArrive } from "../_shared/unreadable-includes.js";
import { connectionVerdict, dependsOnUnreadText, isKeyedOnUpgrade, mapEntryForHandshake } from "../_shared/variables.js";

const SYMPTOM = "the handshake fails (400 or 426 instead of 101 Switching Protocols)";

/** The map as one line, for messages. */
function mapOneLine(variable: string, keepalive: boolean): string {
  return connectionMapLines(variable, keepalive)
    .map(([, line]) => line)
    .join(" ");
}

/** `map $http_upgrade $connection_upgrade`: where a finding about a map points. */
function mapHeadSpan(map: MapModel): Span {
  const node = map.directive.node;
  return { start: node.start, end: (node.args.at(-1) ?? node.nameWord).end };
}

/** Gives a map `default upgrade;`: replaces the default's value, or adds the line. */
function defaultUpgradeEdit(map: MapModel): TextEdit | null {
  if (map.default !== null) return replaceArgument(map.default.directive, 0, "upgrade");
  const { path, text } = map.directive.file.source;
  const first = map.entries.find((entry) => entry.directive.file === map.directive.file);
  if (first !== undefined) return insertLinesBefore(path, text, first.directive.node, ["default upgrade;"]);
  return insertLinesAtBlockEnd(path, text, map.directive.node, ["default upgrade;"]);
}

export const wsConnectionMap: Rule<NginxNodeKinds> = {
  meta: {
    id: "nginx/ws-connection-map",
    description: "The variable a WebSocket route sends as Connection must be defined by a map of $http_upgrade that defaults to upgrade.",
    defaultSeverity: "error",
    fixable: true,
    hasSuggestions: true,
    docs: "rules/nginx/ws-connection-map/README.md",
  },
  create(context) {
    const report = reportOnce(context.report);
    const reportedHeaders = new Set<NginxDirective>();
    // A map's verdict does not depend on the route asking: each map is judged (and reported) once.
    const judgedMaps = new Set<NginxDirective>();

    const undefinedVariable = (location: LocationScope, header: PlacedDirective, variable: string): void => {
      // A map or set in a file wslint could not read may define it.
      if (reportedHeaders.has(header.node) || !location.variables.isComplete("http")) return;
      reportedHeaders.add(header.node);
      const http = httpOf(location);
      const keepalive = connectionMapKeepsAlive(http);
      const map = mapOneLine(variable, keepalive);
      const problem = `"${describeDirective(header)}" uses $${variable}, which no map or set defines: nginx refuses to start (unknown "${variable}" variable), so no request is served, WebSocket or not`;
      const base = { evidence: evidenceOf(location), file: header.file.source.path, span: header.node };
      const fix = insertConnectionMap(http, variable, keepalive);
      if (fix !== null) {
        report({ ...base, message: `${problem}. Define it in the http block: ${map}`, fix: [fix] });
        return;
      }
      const suggestion = connectionMapEdit(http, variable, keepalive);
      report({
        ...base,
        message: `${problem}, unless the nginx.conf that includes this file defines it. The map belongs in that file's http block, outside any server: ${map}`,
        ...(suggestion === null
          ? {}
          : { suggestions: [{ description: `Define $${variable} at the top of this file (only if the including nginx.conf does not)`, fix: [suggestion] }] }),
      });
    };

    const badMap = (location: LocationScope, header: PlacedDirective, map: MapModel): void => {
      // Its missing entries may be in the file it includes that wslint could not read.
      if (judgedMaps.has(map.directive.node) || map.hasUnreadableInclude) return;
      judgedMaps.add(map.directive.node);
      const http: HttpScope = httpOf(location);
      const at = `map ${map.source} $${map.variable}`;
      const reportMap = (route: string, message: string, fix: TextEdit | null): void => {
        report({
          evidence: evidenceOf(location),
          file: map.directive.file.source.path,
          span: mapHeadSpan(map),
          related: [relatedAt(header, `${route} sends it as its Connection header`)],
          message,
          ...(fix === null ? {} : { fix: [fix] }),
        });
      };
      if (isKeyedOnUpgrade(map)) {
        const entry = mapEntryForHandshake(map);
        if (entry !== null && connectionVerdict(http.variables, entry.value).kind === "carries-upgrade") return;
        if (entry !== null && dependsOnUnreadText(http.variables, entry.value)) return;
        const route = describeRoute(location);
        const given = entry === null ? "an empty value" : `"${entry.value}"`;
        const decidedByDefault = entry === null || entry === map.default;
        reportMap(
          route,
          `${at} gives ${given} to a WebSocket handshake (Upgrade: websocket)${decidedByDefault ? ` because it lacks "default upgrade;"` : ` from its entry at ${describeWhere(entry.directive)}`}, so the Connection header of ${route} cannot carry upgrade and ${SYMPTOM}. ${decidedByDefault ? 'Make its default "upgrade"' : "Give that entry the value upgrade"}.`,
          decidedByDefault ? defaultUpgradeEdit(map) : null,
        );
        return;
      }
      // Not keyed on the Upgrade header: fine only if every value it can give carries upgrade.
      const values = [map.default?.value ?? "", ...map.entries.map((entry) => entry.value)];
      if (values.every((value) => connectionVerdict(http.variables, value).kind === "carries-upgrade")) return;
      if (values.some((value) => dependsOnUnreadText(http.variables, value))) return;
      const route = describeRoute(location);
      reportMap(
        route,
        `${at} is keyed on ${map.source}, not $http_upgrade, and can give a value without upgrade, so the Connection header of ${route} does not follow whether the client asked for a WebSocket and ${SYMPTOM} whenever it misses. Key it on $http_upgrade: ${mapOneLine(map.variable, connectionMapKeepsAlive(http))}`,
        null,
      );
    };

    return {
      location(location) {
        if (!isProxiedWebSocketRoute(location)) return;
        const connection = location.effectiveHeaders().get("Connection");
        const header = connection?.directive ?? null;
        if (connection === undefined || header === null || !connection.sent) return;
        const verdict = connectionVerdict(location.variables, connection.value);
        if (verdict.kind === "undefined") undefinedVariable(location, header, verdict.variable);
        // A route whose unreadable include may set its own list may not send this header at all.
        else if (verdict.kind === "map" && !listEntryMayNotArrive(location, connection.scope)) badMap(location, header, verdict.map);
      },
    };
  },
};
