// Where a finding about an ordinary directive's value on a route points, and how its fix sets
// the right value: in place when that changes no other route, else in the route itself.
import type { RelatedLocation, TextEdit } from "../../../src/engine/finding.js";
import type { EffectiveDirective, LocationScope } from "../../../src/nginx/model/index.js";
import type { Span } from "../../../src/syntax/source.js";
import { insertIntoRoute, replaceArgument } from "./edits.js";
import { describeLevel, onlyWebSocketRoutesUse, relatedAt, routeFile, routeHeadSpan } from "./routes.js";

export interface SettingFinding {
  /**
   * `default`: nginx's built-in value, nothing written; `route`: written in the route (maybe by
   * a snippet it includes); `outer`: inherited from a server, http or enclosing location.
   */
  origin: "default" | "route" | "outer";
  /** `server (conf.d/app.conf:3)` for an inherited value. */
  where: string | null;
  /** The written value may be changed in place: every proxied route using it is a WebSocket route. */
  changeable: boolean;
  file: string;
  span: Span;
  related: RelatedLocation[];
  /** null when nothing can be changed safely (a value from a snippet plain routes share). */
  fix: TextEdit | null;
}

/** How to report and fix a route whose `effective` value should be `wanted` (a single argument). */
export function settingFinding(location: LocationScope, effective: EffectiveDirective, wanted: string): SettingFinding {
  const line = `${effective.name} ${wanted};`;
  const directive = effective.directive;
  if (directive === null) {
    return {
      origin: "default",
      where: null,
      changeable: false,
      file: routeFile(location),
      span: routeHeadSpan(location),
      related: [],
      fix: insertIntoRoute(location, [line]),
    };
  }
  const changeable = onlyWebSocketRoutesUse(
    effective.scope ?? location,
    directive,
    (other) => other.effective(effective.name)?.directive?.node === directive.node,
  );
  const replace = changeable ? replaceArgument(directive, 0, wanted) : null;
  if (!effective.inherited) {
    // A route cannot set an ordinary directive twice, so a shared snippet's value has no safe fix.
    return { origin: "route", where: null, changeable, file: directive.file.source.path, span: directive.node, related: [], fix: replace };
  }
  return {
    origin: "outer",
    where: describeLevel(effective.scope, directive),
    changeable,
    file: routeFile(location),
    span: routeHeadSpan(location),
    related: [relatedAt(directive, `${effective.name} ${effective.args.join(" ")} is set here`)],
    fix: replace ?? insertIntoRoute(location, [line]),
  };
}
