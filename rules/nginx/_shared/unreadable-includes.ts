// What an include wslint could not read may hide from a route. The include itself is reported
// (parse-error), so the run fails either way; these answers keep rules from adding a guess to it:
// a finding that something is not set, when the missing file may well set it.
import type { EffectiveDirective, Scope } from "../../../src/nginx/model/index.js";

/**
 * Whether an ordinary directive inherited through every level (proxy_http_version,
 * proxy_read_timeout, ...) may have another value on the route than `effective` says: an
 * unreadable include stands on a level between the route and the level that sets the value (the
 * route itself included), or on any level when only nginx's default applies. The setting level's
 * own include cannot change it: nginx refuses an ordinary directive twice in one level.
 */
export function settingMayBeHidden(route: Scope, effective: EffectiveDirective): boolean {
  return route.hasUnreadableIncludeUpTo(effective.scope, false);
}

/**
 * Whether the route's list of a list directive (proxy_set_header, ...) may hold entries the model
 * does not show: an unreadable include stands on a level from the route out to the level its list
 * comes from (that level may add to it; a level inside may set a list of its own), or on any level
 * when no level sets one. Asked before reporting that an entry is missing or dropped.
 */
export function listMayHoldMore(route: Scope, name: string): boolean {
  const outermost = route.effectiveList(name).entries.at(-1)?.scope ?? null;
  return route.hasUnreadableIncludeUpTo(outermost, true);
}

/**
 * Whether an entry of a list written at `written` may not reach the route after all: an
 * unreadable include on a level inside `written` (the route included) may set that level's own
 * list, which replaces the inherited one. False for an entry written in the route itself.
 */
export function listEntryMayNotArrive(route: Scope, written: Scope | null): boolean {
  return written !== null && route.hasUnreadableIncludeUpTo(written, false);
}
