// Proxies: defaults, frontend, backend and listen sections, with their defaults chain and the
// effective settings rules read (timeouts, mode, HTTP connection mode, default backend), their
// ACLs, servers, header actions, routes and WebSocket evidence.
import type { HaproxyFile, HaproxySectionHeader } from "../ast.js";
import type { AclDeclaration, AnalyzedCondition, NamedAcl } from "./acl.js";
import type { Reach } from "./conditional.js";
import { parseHaproxyDuration } from "./duration.js";
import { describeOrigin, resolveSetting, type EffectiveSetting, type SettingStep } from "./effective.js";
import type { PlacedStatement } from "./placed.js";
import { SectionModel } from "./section.js";
import { NO_SERVER_OPTIONS, type ServerModel, type ServerOptions } from "./servers.js";
import { routePaths, type RoutePath, type WebSocketEvidence } from "./websocket.js";

export type ProxyKind = "defaults" | "frontend" | "backend" | "listen";

/**
 * The `timeout` keywords of proxies and the side each belongs to: a frontend only uses (and only
 * copies from its defaults) the client-side ones, a backend the server-side ones (HAProxy's
 * proxy_parse_timeout() and proxy_defproxy_cpy() in src/proxy.c).
 */
export const PROXY_TIMEOUTS = {
  client: "frontend",
  "client-fin": "frontend",
  "http-request": "both",
  "http-keep-alive": "both",
  tarpit: "both",
  server: "backend",
  "server-fin": "backend",
  connect: "backend",
  check: "backend",
  queue: "backend",
  tunnel: "backend",
} as const;

export type TimeoutName = keyof typeof PROXY_TIMEOUTS;

export interface EffectiveTimeout extends EffectiveSetting<number> {
  readonly name: TimeoutName;
  /**
   * HAProxy uses this timeout in this proxy. A `timeout tunnel` in a frontend is read, warned
   * about and ignored, and frontends do not copy it from their defaults.
   */
  readonly applies: boolean;
  /** In force and not zero: HAProxy treats `0` like no timeout at all. */
  readonly isSet: boolean;
  /** Why the value in force does not parse (HAProxy refuses such a configuration). */
  readonly error: string | null;
  /** `timeout tunnel is set in defaults 'web' at haproxy.cfg:12`. */
  describe(): string;
}

/** HAProxy's HTTP connection modes (`option http-keep-alive`, `http-server-close`, `httpclose`). */
export type HttpConnectionMode = "keep-alive" | "server-close" | "close";

const CONNECTION_MODE_OPTIONS: Readonly<Record<string, HttpConnectionMode>> = {
  "option http-keep-alive": "keep-alive",
  "option http-server-close": "server-close",
  "option httpclose": "close",
};

/** A `use_backend`, `default_backend`, or a listen serving its own traffic. */
export interface Route {
  readonly kind: "use_backend" | "default_backend" | "self";
  /** The frontend or listen the traffic enters. */
  readonly from: ProxyModel;
  /** The backend or listen it goes to; null for a dynamic name or a name no backend has. */
  to: ProxyModel | null;
  /** The backend name as written (the listen's own name for "self"). */
  readonly targetName: string;
  /** The name is a log-format expression (`%[req.hdr(host),lower]`): the target is unknown. */
  readonly dynamic: boolean;
  /** The rule; null for "self". A default_backend may be written in a defaults section. */
  readonly statement: PlacedStatement | null;
  /** The `if`/`unless` condition of a use_backend; null when the route takes all the rest. */
  readonly condition: AnalyzedCondition | null;
}

export type HeaderActionSide = "http-request" | "http-response" | "http-after-response";

/** `http-request set-header X-Y value if cond` and the other header actions. */
export interface HeaderAction {
  readonly side: HeaderActionSide;
  readonly action: "set-header" | "add-header" | "del-header" | "replace-header" | "replace-value";
  /** The header name as written. */
  readonly header: string;
  /** The words after the header name (format, or regex and replacement), as HAProxy reads them. */
  readonly args: readonly string[];
  readonly statement: PlacedStatement;
  readonly condition: AnalyzedCondition | null;
}

export class ProxyModel extends SectionModel {
  readonly kind: ProxyKind;
  /** Frontend (client side) and backend (server side) capabilities; defaults sections have both. */
  readonly capabilities: { readonly frontend: boolean; readonly backend: boolean };
  /** Every `acl` line of the proxy, in order. */
  readonly aclDeclarations: AclDeclaration[] = [];
  /** ACLs by name (case-sensitive, as HAProxy compares them). */
  readonly acls = new Map<string, NamedAcl>();
  /** The conditions of the proxy's own rules, with the statement each belongs to. */
  readonly conditions: { statement: PlacedStatement; condition: AnalyzedCondition }[] = [];
  readonly servers: ServerModel[] = [];
  /** Header actions written in this section (see effectiveHeaderActions for the inherited ones). */
  readonly headerActions: HeaderAction[] = [];
  /** Where traffic entering this frontend or listen goes, in HAProxy's order of evaluation. */
  readonly routesOut: Route[] = [];
  /** The routes that lead here. */
  readonly routesIn: Route[] = [];
  /** Why this backend or listen is judged to carry WebSocket traffic; empty when it is not. */
  readonly websocketEvidence: WebSocketEvidence[] = [];
  /** `default-server` options in force at the end of the section (what a proxy using it starts from). */
  serverDefaults: ServerOptions = NO_SERVER_OPTIONS;
  /** Effective settings by name, computed on first use: the sections do not change once read. */
  private readonly settings = new Map<string, unknown>();

  constructor(
    header: HaproxySectionHeader,
    file: HaproxyFile,
    reach: Exclude<Reach, "never">,
    /** The defaults section this one copies its settings from; null for built-in defaults only. */
    readonly defaults: ProxyModel | null,
    /**
     * How `defaults` was chosen: `from NAME`, or the last defaults section above (implicit).
     * "from" with `defaults` null: no defaults section of that name above (HAProxy refuses it).
     */
    readonly defaultsReference: "from" | "implicit" | null,
  ) {
    super(header, file, reach);
    this.kind = header.keyword as ProxyKind;
    const both = this.kind === "defaults" || this.kind === "listen";
    this.capabilities = { frontend: both || this.kind === "frontend", backend: both || this.kind === "backend" };
    if (defaults !== null) this.serverDefaults = defaults.serverDefaults;
  }

  /** The defaults sections this proxy's settings come from, nearest first (`defaults b from a`: b, a). */
  get defaultsChain(): ProxyModel[] {
    const chain: ProxyModel[] = [];
    // `from` can only name a section above, so the chain never loops.
    for (let level = this.defaults; level !== null; level = level.defaults) chain.push(level);
    return chain;
  }

  /** The value of `timeout NAME` here, with the statement (and section) that set it. */
  effectiveTimeout(name: TimeoutName): EffectiveTimeout {
    return this.cached(`timeout ${name}`, () => this.resolveTimeout(name));
  }

  private resolveTimeout(name: TimeoutName): EffectiveTimeout {
    const side = PROXY_TIMEOUTS[name];
    const applies =
      side === "both" ? true : side === "frontend" ? this.capabilities.frontend : this.capabilities.backend;
    const keyword = `timeout ${name}`;
    const setting = resolveSetting<number>(this, applies ? this.levels() : [this], (statement) => {
      if (statement.keyword !== keyword) return undefined;
      const parsed = parseHaproxyDuration(statement.args[0] ?? "");
      return parsed.ok ? parsed.milliseconds : null;
    });
    const parsed = setting.statement === null ? null : parseHaproxyDuration(setting.statement.args[0] ?? "");
    return {
      ...setting,
      name,
      applies,
      isSet: setting.value !== null && setting.value > 0,
      error: parsed !== null && !parsed.ok ? parsed.error : null,
      describe: () => describeOrigin(keyword, setting),
    };
  }

  /** `mode http` or `mode tcp`; not set means tcp, HAProxy's default. */
  effectiveMode(): EffectiveSetting<string> {
    return this.cached("mode", () =>
      resolveSetting<string>(this, this.levels(), (statement) => (statement.keyword === "mode" ? (statement.args[0] ?? null) : undefined)),
    );
  }

  /** Whether the proxy handles HTTP (else it forwards bytes as they come). */
  isHttpMode(): boolean {
    return this.effectiveMode().value === "http";
  }

  /**
   * The HTTP connection mode set by `option http-keep-alive/http-server-close/httpclose`; null
   * value: none set, which is keep-alive. Setting one replaces the others; `no option X` goes
   * back to keep-alive only when X is in force (src/cfgparse-listen.c).
   */
  httpConnectionMode(): EffectiveSetting<HttpConnectionMode> {
    const step: SettingStep<HttpConnectionMode> = (statement, before) => {
      const mode = CONNECTION_MODE_OPTIONS[statement.keyword];
      if (mode === undefined) return undefined;
      if (statement.node.modifier === null) return mode;
      if (statement.node.modifier === "no" && before.value === mode) return null;
      return undefined;
    };
    return this.cached("connection mode", () => resolveSetting(this, this.levels(), step));
  }

  /** The `default_backend` in force for a frontend or listen, possibly from its defaults. */
  defaultBackend(): EffectiveSetting<string> {
    const levels = this.capabilities.frontend ? this.levels() : [this];
    return this.cached("default_backend", () =>
      resolveSetting<string>(this, levels, (statement) => (statement.keyword === "default_backend" ? (statement.args[0] ?? null) : undefined)),
    );
  }

  /**
   * The header actions HAProxy runs for this proxy, in order: those of its defaults section
   * first (named defaults may hold rules since HAProxy 2.5; a defaults section with rules cannot
   * be inherited by another defaults section, so there is one level), then its own.
   */
  effectiveHeaderActions(): HeaderAction[] {
    return [...(this.defaults?.headerActions ?? []), ...this.headerActions];
  }

  /** There is evidence that this backend or listen carries WebSocket traffic. */
  get isWebSocketRoute(): boolean {
    return this.websocketEvidence.length > 0;
  }

  /**
   * Every route that leads here comes from a proxy in `mode tcp`: HAProxy forwards the bytes
   * without reading HTTP, so an Upgrade passes untouched and HTTP-level settings do not apply.
   */
  get reachedOnlyInTcpMode(): boolean {
    return this.routesIn.length > 0 && this.routesIn.every((route) => !route.from.isHttpMode());
  }

  /** Paths named by `# wslint: probe /path` comments on or in the section. */
  get probePaths(): string[] {
    return this.annotations.flatMap((annotation) => (annotation.kind === "probe" ? [annotation.path] : []));
  }

  /** The literal paths requests can have to get here (`path_beg /ws` in a route's condition gives `/ws`). */
  get routePaths(): RoutePath[] {
    return routePaths(this);
  }

  private cached<T>(key: string, compute: () => T): T {
    if (!this.settings.has(key)) this.settings.set(key, compute());
    return this.settings.get(key) as T;
  }

  /** The defaults chain outermost first, then this proxy: the order settings are applied in. */
  private levels(): ProxyModel[] {
    return [...this.defaultsChain.reverse(), this];
  }
}
