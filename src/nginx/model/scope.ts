// A level of configuration that directives are set in and inherited through: http, server,
// location (nested or not), `if` and `limit_except` inside a location, and stream / stream server.
// Each scope answers "what is the value of X here, and where was it set" by nginx's rules.
import { builtinDefault, defaultProxyHeaders, type Protocol } from "./defaults.js";
import { arrayFamily, inheritanceOf, inheritModeDirective } from "./inheritance.js";
import { describeDirective, describeWhere, type PlacedDirective } from "./placed.js";
import type { VariableIndex } from "./variables.js";
import type { NginxVersion } from "./version.js";

export type ScopeKind = "http" | "server" | "location" | "if" | "limit_except" | "stream";

/** What every scope of one model shares. */
export interface ModelEnvironment {
  version: NginxVersion;
  variables: VariableIndex;
}

export interface EffectiveDirective {
  name: string;
  args: readonly string[];
  /** The directive that sets the value here, or null when nginx's built-in default applies. */
  directive: PlacedDirective | null;
  /** The level the directive is written in: this scope or one it inherits from; null for a default. */
  scope: Scope | null;
  /** Set at an enclosing level (or a built-in default), not in this scope itself. */
  inherited: boolean;
  /** For a built-in default, why it is the value: "nginx default before 1.29.7". */
  defaultNote: string | null;
}

export interface ListEntry {
  directive: PlacedDirective;
  scope: Scope;
  inherited: boolean;
}

/** A list entry of an enclosing level that does not reach the scope asked about. */
export interface DroppedEntry extends ListEntry {
  /**
   * What stopped it: the first directive of the family at the nearest level inside it that sets
   * its own list, or an `add_header_inherit off`.
   */
  droppedBy: PlacedDirective;
  /** The level `droppedBy` is written in. */
  droppedIn: Scope;
}

export interface EffectiveList {
  /** In the order nginx applies them. */
  entries: ListEntry[];
  dropped: DroppedEntry[];
}

export type HeaderDirectiveName = "proxy_set_header" | "grpc_set_header" | "add_header";

export interface HeaderSetting {
  /** As written (or nginx's spelling for a default). */
  name: string;
  /** Lower-cased, for comparing. */
  key: string;
  value: string;
  /** null for a header nginx sets by default. */
  directive: PlacedDirective | null;
  scope: Scope | null;
  inherited: boolean;
  defaultNote: string | null;
  /**
   * False when the value is empty: nginx leaves the header out. A value made of variables may
   * still come out empty for some requests, in which case nginx leaves it out then too.
   */
  sent: boolean;
}

export interface DroppedHeader {
  name: string;
  key: string;
  value: string;
  directive: PlacedDirective;
  scope: Scope;
  droppedBy: PlacedDirective;
  droppedIn: Scope;
  /** The level that stops the inheritance is the scope asked about, not one between. */
  droppedByThisScope: boolean;
  /** The effective list sets the same header again, so the value lost is only this one. */
  redefined: boolean;
}

export interface EffectiveHeaders {
  directiveName: HeaderDirectiveName;
  /** In the order nginx sends them; for proxy_set_header, nginx's defaults come after the set ones. */
  headers: HeaderSetting[];
  dropped: DroppedHeader[];
  /** The first setting of a header, by case-insensitive name. */
  get(name: string): HeaderSetting | undefined;
}

/** What `own` answers for a directive a scope does not set: rules ask for many. */
const NO_DIRECTIVES: readonly PlacedDirective[] = [];

/**
 * A scope with more directives than this keeps them indexed by name. Most scopes (locations,
 * servers) have a handful, and scanning those is as quick as an index and keeps no map per scope,
 * which on a large configuration is many thousands of maps.
 */
const INDEXED_SCOPE_SIZE = 16;

/**
 * The array's elements in an array of their exact size. An array grown by push keeps room for
 * at least 16 more elements, and a large configuration has tens of thousands of small lists.
 */
export function exactSize<T>(array: T[]): T[] {
  return array.length === 0 ? array : array.slice();
}

export class Scope {
  private written: PlacedDirective[] = [];
  /** The directives by name, once there are more than INDEXED_SCOPE_SIZE and one is asked for. */
  private byName: Map<string, PlacedDirective[]> | null = null;
  /**
   * Answers of effectiveList and effectiveHeaders, which several rules ask of every route; kept
   * once asked, since a built model does not change. Created on first use: most scopes are never asked.
   */
  private listsByName: Map<string, EffectiveList> | null = null;
  private headersByName: Map<HeaderDirectiveName, EffectiveHeaders> | null = null;
  /**
   * This level's own body has an `include` of a file nginx reads and wslint could not (missing or
   * unreadable; the loader reports it): the level may set more than `directives` shows. Set by
   * the model builder. A pattern that matches nothing is complete, as it is to nginx.
   */
  hasUnreadableInclude = false;

  constructor(
    readonly kind: ScopeKind,
    /** The block directive (`server { ... }`); null for an http level a file of bare servers implies. */
    readonly block: PlacedDirective | null,
    readonly parent: Scope | null,
    readonly protocol: Protocol,
    protected readonly environment: ModelEnvironment,
  ) {}

  /** This level's own directives in order, include directives replaced by what they include. */
  get directives(): readonly PlacedDirective[] {
    return this.written;
  }

  /** Records a directive written directly in this scope (the model builder calls this). */
  addDirective(directive: PlacedDirective): void {
    this.written.push(directive);
    if (this.byName !== null) addByName(this.byName, directive);
  }

  /** The model builder calls this once the scope's body is read: no directive is added after. */
  finishBody(): void {
    this.written = exactSize(this.written);
  }

  /** The variables the configuration defines: one index for the whole model. */
  get variables(): VariableIndex {
    return this.environment.variables;
  }

  /** The directives named `name` written in this scope itself, in order. */
  own(name: string): readonly PlacedDirective[] {
    if (this.directives.length > INDEXED_SCOPE_SIZE) return this.index().get(name) ?? NO_DIRECTIVES;
    let found: PlacedDirective[] | null = null;
    for (const directive of this.directives) {
      if (directive.name !== name) continue;
      // An array of one to start with: most names are set once.
      if (found === null) found = [directive];
      else found.push(directive);
    }
    return found ?? NO_DIRECTIVES;
  }

  /** The last directive named `name` in this scope itself: the one nginx keeps of an ordinary directive. */
  private lastOwn(name: string): PlacedDirective | undefined {
    if (this.directives.length > INDEXED_SCOPE_SIZE) return this.index().get(name)?.at(-1);
    for (let i = this.directives.length - 1; i >= 0; i--) {
      if (this.directives[i]!.name === name) return this.directives[i];
    }
    return undefined;
  }

  private index(): Map<string, PlacedDirective[]> {
    if (this.byName === null) {
      this.byName = new Map();
      for (const directive of this.directives) addByName(this.byName, directive);
    }
    return this.byName;
  }

  /** The directives of a list family written in this scope, in order. */
  private ownFamily(family: readonly string[]): readonly PlacedDirective[] {
    if (family.length === 1) return this.own(family[0]!);
    return family.flatMap((name) => this.own(name)).sort((a, b) => a.order - b.order);
  }

  /**
   * Whether a level from this one outwards to `outer` has an unreadable include (see
   * `hasUnreadableInclude`): `outer` itself counts when `includingOuter`, and a null `outer` means
   * every level out to http (or stream). Rules ask it before concluding that something is not set.
   */
  hasUnreadableIncludeUpTo(outer: Scope | null, includingOuter: boolean): boolean {
    for (let scope: Scope | null = this; scope !== null; scope = scope.parent) {
      if (scope === outer) return includingOuter && scope.hasUnreadableInclude;
      if (scope.hasUnreadableInclude) return true;
    }
    return false;
  }

  /** The scopes from the outermost (http or stream) to this one. */
  chain(): Scope[] {
    const scopes: Scope[] = [];
    for (let scope: Scope | null = this; scope !== null; scope = scope.parent) scopes.push(scope);
    return scopes.reverse();
  }

  /**
   * The value of an ordinary directive here: from this scope or the nearest enclosing level that
   * sets it, else nginx's built-in default (null when the model knows none). A content handler
   * (proxy_pass, grpc_pass, ...) reaches an `if` or `limit_except` from its location and goes no
   * further; rewrite-module directives, try_files, listen and the like act only where written.
   * List directives (proxy_set_header, add_header, ...) are answered by `effectiveList`.
   */
  effective(name: string): EffectiveDirective | null {
    const kind = inheritanceOf(name);
    if (kind === "array") throw new TypeError(`${name} is a list directive: use effectiveList("${name}")`);
    for (let scope: Scope | null = this; scope !== null; scope = scope.parent) {
      // nginx refuses most ordinary directives twice in one level; where it allows it, the last wins.
      const directive = scope.lastOwn(name);
      if (directive !== undefined) {
        return { name, args: directive.args, directive, scope, inherited: scope !== this, defaultNote: null };
      }
      if (kind === "none") break;
      if (kind === "handler" && scope.kind !== "if" && scope.kind !== "limit_except") break;
    }
    const fallback = builtinDefault(name, this.protocol, this.environment.version);
    if (fallback === null) return null;
    return { name, args: fallback.args, directive: null, scope: null, inherited: true, defaultNote: fallback.note };
  }

  /**
   * A list directive here: nginx takes the whole list from the nearest level that sets any
   * directive of its family and ignores the lists of the levels around it (unless
   * add_header_inherit / add_trailer_inherit say otherwise, nginx 1.29.3+).
   */
  effectiveList(name: string): EffectiveList {
    this.listsByName ??= new Map();
    let list = this.listsByName.get(name);
    if (list === undefined) {
      list = this.resolveList(name);
      this.listsByName.set(name, list);
    }
    return list;
  }

  /** nginx's rule for one level, on top of the enclosing level's list (kept there once asked). */
  private resolveList(name: string): EffectiveList {
    const outer = this.parent === null ? { entries: [], dropped: [] } : asInherited(this.parent.effectiveList(name));
    const modeName = inheritModeDirective(name);
    const mode = modeName === null ? null : this.effective(modeName);
    const modeValue = mode?.args[0] ?? "on";
    const own = this.ownFamily(arrayFamily(name));
    if (own.length === 0 && modeValue !== "off") return outer;
    const ownEntries = own.map((directive) => ({ directive, scope: this, inherited: false }));
    if (modeValue === "merge") return { entries: [...ownEntries, ...outer.entries], dropped: outer.dropped };
    const droppedBy = modeValue === "off" ? mode!.directive! : own[0]!;
    const droppedIn = modeValue === "off" ? mode!.scope! : this;
    return {
      entries: ownEntries,
      dropped: [...outer.dropped, ...outer.entries.map((entry) => ({ ...entry, droppedBy, droppedIn }))],
    };
  }

  /**
   * The headers a header directive family yields here, with where each was set, and the headers
   * of enclosing levels this scope loses because a level in between (or this one) sets its own.
   * For proxy_set_header, nginx's default request headers are included (directive null).
   */
  effectiveHeaders(directiveName: HeaderDirectiveName = "proxy_set_header"): EffectiveHeaders {
    this.headersByName ??= new Map();
    let headers = this.headersByName.get(directiveName);
    if (headers === undefined) {
      headers = new LazyEffectiveHeaders(directiveName, this, this.effectiveList(directiveName), this.environment.version);
      this.headersByName.set(directiveName, headers);
    }
    return headers;
  }
}

function addByName(byName: Map<string, PlacedDirective[]>, directive: PlacedDirective): void {
  const list = byName.get(directive.name);
  if (list === undefined) byName.set(directive.name, [directive]);
  else list.push(directive);
}

/** An enclosing level's list as a level inside it sees it: every entry inherited. */
function asInherited(list: EffectiveList): EffectiveList {
  if (list.entries.every((entry) => entry.inherited)) return list;
  return { entries: list.entries.map((entry) => (entry.inherited ? entry : { ...entry, inherited: true })), dropped: list.dropped };
}

/**
 * A scope's headers, each part worked out when first read: a rule asks every proxied location
 * for what it drops, and only WebSocket routes for the headers they send.
 */
class LazyEffectiveHeaders implements EffectiveHeaders {
  private sentHeaders: HeaderSetting[] | null = null;
  private droppedHeaders: DroppedHeader[] | null = null;
  private byKey: Map<string, HeaderSetting> | null = null;

  constructor(
    readonly directiveName: HeaderDirectiveName,
    private readonly scope: Scope,
    private readonly list: EffectiveList,
    private readonly version: NginxVersion,
  ) {}

  get headers(): HeaderSetting[] {
    this.sentHeaders ??= headerSettings(this.directiveName, this.list, this.version);
    return this.sentHeaders;
  }

  get dropped(): DroppedHeader[] {
    this.droppedHeaders ??= droppedHeaders(this.list, this.scope);
    return this.droppedHeaders;
  }

  get(name: string): HeaderSetting | undefined {
    if (this.byKey === null) {
      this.byKey = new Map();
      for (const header of this.headers) if (!this.byKey.has(header.key)) this.byKey.set(header.key, header);
    }
    return this.byKey.get(name.toLowerCase());
  }
}

function headerSettings(directiveName: HeaderDirectiveName, list: EffectiveList, version: NginxVersion): HeaderSetting[] {
  const headers: HeaderSetting[] = list.entries.map(({ directive, scope, inherited }) => {
    const [name = "", value = ""] = directive.args;
    return { name, key: name.toLowerCase(), value, directive, scope, inherited, defaultNote: null, sent: value !== "" };
  });
  if (directiveName === "proxy_set_header") {
    const setKeys = new Set(headers.map((header) => header.key));
    for (const header of defaultProxyHeaders(version)) {
      const key = header.name.toLowerCase();
      if (setKeys.has(key)) continue;
      headers.push({
        name: header.name,
        key,
        value: header.value,
        directive: null,
        scope: null,
        inherited: true,
        defaultNote: header.note,
        sent: header.value !== "",
      });
    }
  }
  return headers;
}

function droppedHeaders(list: EffectiveList, askedScope: Scope): DroppedHeader[] {
  if (list.dropped.length === 0) return [];
  const setByList = new Set(list.entries.map((entry) => (entry.directive.args[0] ?? "").toLowerCase()));
  return list.dropped.map(({ directive, scope, droppedBy, droppedIn }) => {
    const [name = "", value = ""] = directive.args;
    const key = name.toLowerCase();
    return {
      name,
      key,
      value,
      directive,
      scope,
      droppedBy,
      droppedIn,
      droppedByThisScope: droppedIn === askedScope,
      redefined: setByList.has(key),
    };
  });
}

/**
 * `set at conf.d/app.conf:12, dropped by the location's own proxy_set_header at :30`: why an
 * entry of an enclosing level does not arrive, for messages.
 */
export function describeDrop(dropped: DroppedEntry | DroppedHeader): string {
  const set = describeWhere(dropped.directive);
  const by = dropped.droppedBy;
  const byWhere = by.file === dropped.directive.file ? `:${by.node.start.line}` : describeWhere(by);
  const what = by.name === dropped.directive.name ? `own ${by.name}` : describeDirective(by);
  return `set at ${set}, dropped by the ${LEVEL_NAMES[dropped.droppedIn.kind]} ${what} at ${byWhere}`;
}

const LEVEL_NAMES: Record<ScopeKind, string> = {
  http: "http block's",
  server: "server's",
  location: "location's",
  if: "if block's",
  limit_except: "limit_except block's",
  stream: "stream block's",
};
