// The kinds of scope rules work with: http (where maps go), server (listen, server_name, its
// locations), and routes: a location, or an `if` / `limit_except` inside one.
import type { Protocol } from "./defaults.js";
import { resolveHandler, type Handler } from "./handler.js";
import {
  compileLocationRegex,
  isRegexModifier,
  locationSegments,
  selectLocation,
  type LocationMatch,
} from "./location-path.js";
import type { PlacedDirective } from "./placed.js";
import { exactSize, Scope, type ModelEnvironment, type ScopeKind } from "./scope.js";
import type { NginxFile } from "../ast.js";
import type { UpstreamModel } from "./upstreams.js";
import type { MapModel } from "./variables.js";
import type { WslintComment } from "./comments.js";
import type { WebSocketEvidence } from "./websocket.js";

/** Lets a route find the upstream its pass directive names once the whole configuration is read. */
export interface RouteEnvironment extends ModelEnvironment {
  upstreamNamed(name: string, protocol: Protocol): UpstreamModel | null;
}

/** Where to insert a new top-level directive of a block, as a whole line. */
export interface InsertionPoint {
  /** The path of the file to edit. */
  file: string;
  /** Offset of the start of the line to insert before. */
  offset: number;
  /** Indentation for the inserted lines. */
  indent: string;
}

export class HttpScope extends Scope {
  readonly servers: ServerScope[] = [];
  readonly maps: MapModel[] = [];
  readonly upstreams: UpstreamModel[] = [];

  constructor(
    block: PlacedDirective | null,
    /** The file the http block is written in; for an implied http level, the linted file. */
    readonly file: NginxFile,
    environment: ModelEnvironment,
  ) {
    super("http", block, null, "http", environment);
  }

  /**
   * Where a new `map` block belongs: on its own line before the first `server` (or `include`)
   * written in the http block's own file, else before the block's closing brace. For an http
   * level implied by a file of bare servers, before the first server of that file. Null for the
   * http level implied by a file of locations: that file sits inside a server, where no map may go.
   */
  mapInsertionPoint(): InsertionPoint | null {
    if (this.block === null && this.servers.some((server) => server.block === null)) return null;
    const text = this.file.source.text;
    const path = this.file.source.path;
    const anchor = this.directives.find(
      (directive) => directive.file === this.file && (directive.name === "server" || directive.name === "include"),
    );
    if (anchor !== undefined) return lineInsertion(path, text, anchor.node.start.offset);
    const close = this.block?.node.close;
    if (close == null) return { file: path, offset: text.length, indent: "" };
    const point = lineInsertion(path, text, close.start.offset);
    const sample = this.directives.find((directive) => directive.file === this.file);
    const indent = sample === undefined ? `${point.indent}    ` : lineInsertion("", text, sample.node.start.offset).indent;
    return { ...point, indent };
  }
}

/** Before the line `offset` is on, keeping that line's indentation; mid-line, right at `offset`. */
function lineInsertion(file: string, text: string, offset: number): InsertionPoint {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? { file, offset: lineStart, indent: before } : { file, offset, indent: "" };
}

export interface ListenInfo {
  directive: PlacedDirective;
  /** `127.0.0.1`, `[::]`, `*`, `unix:/run/nginx.sock`; null when only a port is given. */
  address: string | null;
  /** null for a unix socket. */
  port: number | null;
  ssl: boolean;
  http2: boolean;
  quic: boolean;
  defaultServer: boolean;
  proxyProtocol: boolean;
}

export function parseListen(directive: PlacedDirective): ListenInfo {
  const [where = "", ...flags] = directive.args;
  return {
    directive,
    ...listenAddress(where),
    ssl: flags.includes("ssl"),
    http2: flags.includes("http2"),
    quic: flags.includes("quic"),
    defaultServer: flags.includes("default_server") || flags.includes("default"),
    proxyProtocol: flags.includes("proxy_protocol"),
  };
}

/** `80`, `127.0.0.1:8080`, `[::]:443`, `localhost` (port 80), `unix:/path`. */
function listenAddress(where: string): { address: string | null; port: number | null } {
  if (where.startsWith("unix:")) return { address: where, port: null };
  if (/^\d+$/.test(where)) return { address: null, port: Number(where) };
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(where);
  return { address: match?.[1] ?? where, port: match?.[2] === undefined ? 80 : Number(match[2]) };
}

/**
 * The list of a scope that has none of a kind: shared, since a large configuration has many
 * thousands of locations and each empty array costs as much as a small object.
 */
const NONE: readonly never[] = [];

export class ServerScope extends Scope {
  /** Locations written directly in the server. */
  locations: LocationScope[] = [];
  /** Every location of the server, nested ones included, in document order. */
  allLocations: LocationScope[] = [];
  /** `if` blocks written directly in the server (rewrite-module directives only). */
  ifs: readonly RouteScope[] = NONE;

  get listens(): ListenInfo[] {
    return this.own("listen").map(parseListen);
  }

  get serverNames(): string[] {
    return this.own("server_name").flatMap((directive) => directive.args);
  }

  override finishBody(): void {
    super.finishBody();
    this.locations = exactSize(this.locations);
    this.allLocations = exactSize(this.allLocations);
  }

  /** The location nginx uses in this server for a request URI; null when none matches. */
  selectLocation(uri: string): LocationScope | null {
    return selectLocation(this.locations, uri);
  }
}

export type RouteKind = Extract<ScopeKind, "location" | "if" | "limit_except">;

/** A location, or an `if` / `limit_except` block: a scope with a handler. */
export class RouteScope extends Scope {
  /** A route is always written as a block. */
  declare readonly block: PlacedDirective;
  private cachedHandler: Handler | null = null;

  constructor(
    kind: RouteKind,
    block: PlacedDirective,
    parent: Scope,
    protocol: Protocol,
    protected readonly routeEnvironment: RouteEnvironment,
  ) {
    super(kind, block, parent, protocol, routeEnvironment);
  }

  /** The enclosing server (for an `if` in a server, that server). */
  get server(): ServerScope | null {
    for (let scope = this.parent; scope !== null; scope = scope.parent) {
      if (scope instanceof ServerScope) return scope;
    }
    return null;
  }

  /** This location, or the location an `if` / `limit_except` is in; null for an `if` in a server. */
  get location(): LocationScope | null {
    for (let scope: Scope | null = this; scope !== null; scope = scope.parent) {
      if (scope instanceof LocationScope) return scope;
      if (scope instanceof ServerScope) return null;
    }
    return null;
  }

  /**
   * What answers requests here. A nested location does not inherit its parent's proxy_pass;
   * an `if` or `limit_except` does.
   */
  get handler(): Handler {
    this.cachedHandler ??= resolveHandler(this, (name) => this.routeEnvironment.upstreamNamed(name, this.protocol));
    return this.cachedHandler;
  }
}

export class LocationScope extends RouteScope {
  readonly match: LocationMatch;
  // The lists below are set by the model builder; most locations have none of these.
  /** Locations nested directly inside this one. */
  nested: readonly LocationScope[] = NONE;
  /** `if` blocks directly inside this location. */
  ifs: readonly RouteScope[] = NONE;
  limitExcepts: readonly RouteScope[] = NONE;
  /** `# wslint: websocket` / `# wslint: probe /path` comments above it, on its first line, or inside. */
  annotations: readonly WslintComment[] = NONE;
  /** Why this location is judged a WebSocket route; empty when it is not one. */
  websocketEvidence: readonly WebSocketEvidence[] = NONE;
  private compiledRegex: RegExp | null | undefined;

  constructor(block: PlacedDirective, parent: Scope, protocol: Protocol, environment: RouteEnvironment, match: LocationMatch) {
    super("location", block, parent, protocol, environment);
    this.match = match;
  }

  get parentLocation(): LocationScope | null {
    return this.parent instanceof LocationScope ? this.parent : null;
  }

  get isWebSocketRoute(): boolean {
    return this.websocketEvidence.length > 0;
  }

  /** Paths named by `# wslint: probe /path` comments. */
  get probePaths(): string[] {
    return this.annotations.flatMap((annotation) => (annotation.kind === "probe" ? [annotation.path] : []));
  }

  /** The path segments the location names (see locationSegments). */
  get segments(): string[] {
    return locationSegments(this.match);
  }

  /** Whether a regex location matches `uri`; false for other locations and for regexes JavaScript cannot run. */
  regexMatches(uri: string): boolean {
    if (!isRegexModifier(this.match.modifier)) return false;
    if (this.compiledRegex === undefined) {
      this.compiledRegex = compileLocationRegex(this.match.pattern, this.match.modifier === "~*");
    }
    return this.compiledRegex?.test(uri) ?? false;
  }
}
