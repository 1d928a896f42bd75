// Builds the semantic model of an nginx configuration in one pass over the tree nginx sees
// (includes spliced in where they stand), then judges which locations are WebSocket routes.
import type { NginxComment, NginxDirective, NginxFile, NginxNode } from "../ast.js";
import type { NginxConfig, NginxInclude } from "../../load/nginx-config.js";
import type { LintSettings } from "../../engine/rule.js";
import { CommentRun, readWslintComment, type WslintComment } from "./comments.js";
import type { Protocol } from "./defaults.js";
import { HttpScope, LocationScope, RouteScope, ServerScope, type RouteEnvironment } from "./levels.js";
import { parseLocationArgs } from "./location-path.js";
import { placeDirective, type PlacedComment, type PlacedDirective } from "./placed.js";
import { Scope } from "./scope.js";
import { addUpstreamDirective, createUpstream, finishUpstream, type UpstreamModel } from "./upstreams.js";
import { addMapLine, VariableIndex, type MapModel, type VariableOrigin } from "./variables.js";
import { parseNginxVersion, UNKNOWN_VERSION, type NginxVersion } from "./version.js";
import { WalkRecording, type WalkStep } from "./walk.js";
import { collectWebSocketEvidence, configuredPathLocations } from "./websocket.js";

/** A file as the walk enters it: the main file once, an included file at each include of it. */
export interface ModelFile {
  path: string;
  ast: NginxFile;
  includedVia: readonly NginxInclude[];
}

/** The node kinds the model's walk emits, and the node each passes to rule handlers. */
export interface NginxNodeKinds {
  file: ModelFile;
  http: HttpScope;
  /** An http server or a stream server (see `protocol`). */
  server: ServerScope;
  location: LocationScope;
  /** An `if` in a server or a location. */
  if: RouteScope;
  map: MapModel;
  upstream: UpstreamModel;
  /** Every directive outside map / geo / split_clients / types bodies, block directives included. */
  directive: PlacedDirective;
}

export interface NginxModel {
  readonly config: NginxConfig;
  readonly settings: LintSettings;
  /** The target nginx version from the settings; unknown counts as older than 1.29.7. */
  readonly version: NginxVersion;
  /** Every http block in document order; for a file of bare servers, the http level it implies. */
  readonly httpBlocks: readonly HttpScope[];
  /** Every http server, in document order. */
  readonly servers: readonly ServerScope[];
  /** Every http location, nested ones included, in document order. */
  readonly locations: readonly LocationScope[];
  /** Every `if` block, in servers and in locations. */
  readonly ifs: readonly RouteScope[];
  readonly maps: readonly MapModel[];
  /** http upstream blocks by lower-cased name (nginx compares them case-insensitively). */
  readonly upstreams: ReadonlyMap<string, UpstreamModel>;
  readonly streamBlocks: readonly Scope[];
  readonly streamServers: readonly ServerScope[];
  readonly streamUpstreams: ReadonlyMap<string, UpstreamModel>;
  readonly variables: VariableIndex;
  /** The locations with WebSocket evidence, in document order. */
  readonly websocketRoutes: readonly LocationScope[];
  /** The walk's steps in document order; nginxModelWalk replays them for the engine. */
  readonly walkRecording: WalkRecording;
}

/** What a block's body is read as. */
type Frame =
  | { kind: "scope"; scope: Scope }
  | { kind: "main" }
  | { kind: "upstream"; upstream: UpstreamModel }
  | { kind: "map"; map: MapModel }
  /** geo, split_clients, types, charset_map, Lua code: the body is data, not directives. */
  | { kind: "data" }
  /** events, mail and blocks the model does not know: directives that set nothing it tracks. */
  | { kind: "other" };

const DATA_BLOCKS: ReadonlySet<string> = new Set(["geo", "split_clients", "types", "charset_map", "match"]);

const DATA_FRAME: Frame = { kind: "data" };
const OTHER_FRAME: Frame = { kind: "other" };

/**
 * Directives that define a variable named by their first argument. A Map: looking a directive's
 * name up as an object key costs a string-table lookup per directive.
 */
const VARIABLE_SETTERS: ReadonlyMap<string, VariableOrigin> = new Map([
  ["set", "set"],
  ["perl_set", "perl_set"],
  ["js_set", "js_set"],
  ["auth_request_set", "auth_request_set"],
]);

/** Directives whose regex may define named captures. */
const CAPTURING_DIRECTIVES: ReadonlySet<string> = new Set(["location", "if", "rewrite", "server_name"]);

interface OpenedBlock {
  body: Frame;
  step: WalkStep | null;
}

/** What a file of bare directives is a part of, judged by what its top level holds. */
type ImpliedContext = "none" | "http" | "server";

export function buildNginxModel(config: NginxConfig, settings: LintSettings): NginxModel {
  const version = (settings.nginx.version === null ? null : parseNginxVersion(settings.nginx.version)) ?? UNKNOWN_VERSION;
  const upstreams = new Map<string, UpstreamModel>();
  const streamUpstreams = new Map<string, UpstreamModel>();
  const variables = new VariableIndex();
  const environment: RouteEnvironment = {
    version,
    variables,
    upstreamNamed: (name, protocol) => {
      const byName = protocol === "stream" ? streamUpstreams : upstreams;
      // Keys are lower-cased; names are written so almost always, and then need no copy.
      return byName.get(name) ?? byName.get(name.toLowerCase()) ?? null;
    },
  };
  const httpBlocks: HttpScope[] = [];
  const servers: ServerScope[] = [];
  const locations: LocationScope[] = [];
  const ifs: RouteScope[] = [];
  const maps: MapModel[] = [];
  const streamBlocks: Scope[] = [];
  const streamServers: ServerScope[] = [];
  const walk = new WalkRecording();
  let nextOrder = 0;
  const allUpstreams: UpstreamModel[] = [];

  const defineVariable = (name: string, origin: VariableOrigin, directive: PlacedDirective, protocol: Protocol, map: MapModel | null = null) => {
    const bare = name.replace(/^\$\{?|\}$/g, "");
    if (bare !== "") variables.add({ name: bare, origin, directive, protocol, map });
  };

  /** The frame a block directive's body is read in, and the walk step announcing it, if any. */
  const openBlock = (directive: PlacedDirective, frame: Frame, commentsAbove: readonly PlacedComment[]): OpenedBlock => {
    const { name } = directive;
    const unscoped: OpenedBlock = { body: DATA_BLOCKS.has(name) ? DATA_FRAME : OTHER_FRAME, step: null };
    if (directive.node.luaBody !== null) return { body: DATA_FRAME, step: null };
    if (frame.kind === "main" && name === "http") {
      const http = new HttpScope(directive, directive.file, environment);
      httpBlocks.push(http);
      return { body: { kind: "scope", scope: http }, step: { kind: "http", node: http } };
    }
    if (frame.kind === "main" && name === "stream") {
      const stream = new Scope("stream", directive, null, "stream", environment);
      streamBlocks.push(stream);
      return { body: { kind: "scope", scope: stream }, step: null };
    }
    if (frame.kind !== "scope") return unscoped;
    const parentScope = frame.scope;
    const http = parentScope instanceof HttpScope ? parentScope : null;
    const topLevel = parentScope.kind === "http" || parentScope.kind === "stream";

    if (name === "server" && topLevel) {
      const server = new ServerScope("server", directive, parentScope, parentScope.protocol, environment);
      if (http !== null) {
        http.servers.push(server);
        servers.push(server);
      } else {
        streamServers.push(server);
      }
      return { body: { kind: "scope", scope: server }, step: { kind: "server", node: server } };
    }
    if (name === "location" && (parentScope instanceof ServerScope || parentScope instanceof LocationScope)) {
      const location = new LocationScope(directive, parentScope, "http", environment, parseLocationArgs(directive.args));
      collectAnnotations(location, directive, commentsAbove);
      // Lists of a few: copied whole to append, they stay exactly as large as they need.
      if (parentScope instanceof LocationScope) parentScope.nested = [...parentScope.nested, location];
      else parentScope.locations.push(location);
      location.server?.allLocations.push(location);
      locations.push(location);
      return { body: { kind: "scope", scope: location }, step: { kind: "location", node: location } };
    }
    if (name === "if" && (parentScope instanceof ServerScope || parentScope instanceof LocationScope)) {
      const ifScope = new RouteScope("if", directive, parentScope, "http", environment);
      parentScope.ifs = [...parentScope.ifs, ifScope];
      ifs.push(ifScope);
      return { body: { kind: "scope", scope: ifScope }, step: { kind: "if", node: ifScope } };
    }
    if (name === "limit_except" && parentScope instanceof LocationScope) {
      const limitExcept = new RouteScope("limit_except", directive, parentScope, "http", environment);
      parentScope.limitExcepts = [...parentScope.limitExcepts, limitExcept];
      return { body: { kind: "scope", scope: limitExcept }, step: null };
    }
    if (name === "upstream" && topLevel) {
      const upstream = createUpstream(directive, parentScope.protocol);
      const byName = parentScope.protocol === "stream" ? streamUpstreams : upstreams;
      if (!byName.has(upstream.name.toLowerCase())) byName.set(upstream.name.toLowerCase(), upstream);
      http?.upstreams.push(upstream);
      allUpstreams.push(upstream);
      return { body: { kind: "upstream", upstream }, step: { kind: "upstream", node: upstream } };
    }
    if (name === "map" && topLevel) {
      const map: MapModel = {
        directive,
        protocol: parentScope.protocol,
        source: directive.args[0] ?? "",
        variable: (directive.args[1] ?? "").replace(/^\$/, ""),
        default: null,
        entries: [],
        hostnames: false,
        volatile: false,
        includes: [],
        hasUnreadableInclude: false,
      };
      maps.push(map);
      http?.maps.push(map);
      defineVariable(map.variable, "map", directive, map.protocol, map);
      return { body: { kind: "map", map }, step: { kind: "map", node: map } };
    }
    if (name === "geo") {
      defineVariable(directive.args[directive.args.length - 1] ?? "", "geo", directive, parentScope.protocol);
    } else if (name === "split_clients") {
      defineVariable(directive.args[1] ?? "", "split_clients", directive, parentScope.protocol);
    }
    return unscoped;
  };

  const readDirective = (directive: PlacedDirective, frame: Frame, commentsAbove: readonly PlacedComment[]): void => {
    if (frame.kind === "map") {
      addMapLine(frame.map, directive);
      return;
    }
    if (frame.kind === "data") return;
    if (directive.node.block === null) walk.recordEnterAndExit("directive", directive);
    else walk.record("directive", directive, false);
    if (frame.kind === "upstream") addUpstreamDirective(frame.upstream, directive);
    if (frame.kind === "scope") {
      frame.scope.addDirective(directive);
      const origin = VARIABLE_SETTERS.get(directive.name);
      if (origin !== undefined) defineVariable(directive.args[0] ?? "", origin, directive, frame.scope.protocol);
      if (CAPTURING_DIRECTIVES.has(directive.name)) {
        for (const argument of directive.args) {
          // matchAll copies its regex: worth it only for an argument that may hold a named group.
          if (!argument.includes("(?")) continue;
          for (const capture of argument.matchAll(/\(\?P?<(\w+)>/g)) defineVariable(capture[1]!, "regex capture", directive, frame.scope.protocol);
        }
      }
    }
    if (directive.node.block === null) return;
    const { body, step } = openBlock(directive, frame, commentsAbove);
    if (step !== null) walk.enter(step);
    readNodes(directive.node.block, directive.file, directive.includedVia, body);
    if (body.kind === "scope") body.scope.finishBody();
    if (step !== null) walk.exit(step);
    walk.record("directive", directive, true);
  };

  const readNodes = (nodes: readonly NginxNode[], file: NginxFile, includedVia: readonly NginxInclude[], frame: Frame): void => {
    const comments = new CommentRun();
    for (const node of nodes) {
      if (node.type === "comment") {
        comments.addComment({ node, file });
        continue;
      }
      const directive = placeDirective(node, file, includedVia, nextOrder++);
      readDirective(directive, frame, comments.takeAbove(file, node));
      if (node.name === "include") readIncluded(node, includedVia, frame);
    }
  };

  /**
   * An include whose files are not all known: one could not be read, or the directive itself is
   * wrong (nginx refuses both; the loader reports them). The level it stands in may set more than
   * the model shows. In an upstream, or a data or unknown block, it hides nothing rules ask about.
   */
  const markUnreadable = (frame: Frame): void => {
    if (frame.kind === "scope") {
      frame.scope.hasUnreadableInclude = true;
      variables.markIncomplete(frame.scope.protocol);
    } else if (frame.kind === "map") {
      frame.map.hasUnreadableInclude = true;
    }
  };

  const readIncluded = (node: NginxDirective, includedVia: readonly NginxInclude[], frame: Frame): void => {
    const include = config.includes.get(node);
    if (include === undefined || include.unreadable.length > 0) markUnreadable(frame);
    if (include === undefined) return;
    const via = [...includedVia, include];
    for (const target of include.targets) {
      const included = config.files.get(target);
      if (included === undefined) continue;
      const file: ModelFile = { path: target, ast: included.file, includedVia: via };
      walk.record("file", file, false);
      readNodes(included.file.children, included.file, via, frame);
      walk.record("file", file, true);
    }
  };

  const main = config.files.get(config.main);
  if (main !== undefined) {
    const mainFile: ModelFile = { path: config.main, ast: main.file, includedVia: [] };
    walk.record("file", mainFile, false);
    const implied = impliedContext(config);
    let frame: Frame = { kind: "main" };
    const impliedSteps: WalkStep[] = [];
    if (implied !== "none") {
      const http = new HttpScope(null, main.file, environment);
      httpBlocks.push(http);
      impliedSteps.push({ kind: "http", node: http });
      frame = { kind: "scope", scope: http };
      if (implied === "server") {
        const server = new ServerScope("server", null, http, "http", environment);
        http.servers.push(server);
        servers.push(server);
        impliedSteps.push({ kind: "server", node: server });
        frame = { kind: "scope", scope: server };
      }
    }
    for (const step of impliedSteps) walk.enter(step);
    readNodes(main.file.children, main.file, [], frame);
    if (frame.kind === "scope") frame.scope.finishBody();
    for (const step of impliedSteps.reverse()) walk.exit(step);
    walk.record("file", mainFile, true);
  }

  for (const upstream of allUpstreams) finishUpstream(upstream, version);

  const context = {
    upgradeVariables: variables.derivedFrom("http_upgrade"),
    configuredPaths: configuredPathLocations(servers, settings.websocket.paths),
    configuredBackends: new Set(settings.websocket.backends.map((name) => name.toLowerCase())),
  };
  const websocketRoutes: LocationScope[] = [];
  for (const location of locations) {
    const evidence = collectWebSocketEvidence(location, context);
    if (evidence.length === 0) continue;
    location.websocketEvidence = evidence;
    websocketRoutes.push(location);
  }

  return {
    config,
    settings,
    version,
    httpBlocks,
    servers,
    locations,
    ifs,
    maps,
    upstreams,
    streamBlocks,
    streamServers,
    streamUpstreams,
    variables,
    websocketRoutes,
    walkRecording: walk,
  };
}

/**
 * A file linted on its own may hold what normally sits inside http (servers, upstreams, maps) or
 * inside a server (locations). Judged from the main file's top level with its includes.
 */
function impliedContext(config: NginxConfig): ImpliedContext {
  const names = new Set<string>();
  const collect = (nodes: readonly NginxNode[]) => {
    for (const node of nodes) {
      if (node.type !== "directive") continue;
      names.add(node.name);
      // The loader leaves out include targets that would close a cycle, so this ends.
      for (const target of config.includes.get(node)?.targets ?? []) {
        const included = config.files.get(target);
        if (included !== undefined) collect(included.file.children);
      }
    }
  };
  const main = config.files.get(config.main);
  if (main !== undefined) collect(main.file.children);
  if (names.has("http") || names.has("events") || names.has("stream") || names.has("mail")) return "none";
  if (names.has("server") || names.has("upstream") || names.has("map")) return "http";
  if (names.has("location")) return "server";
  return "none";
}

/** `# wslint:` comments of a location: above it, between its name and `{`, or leading its body. */
function collectAnnotations(location: LocationScope, directive: PlacedDirective, commentsAbove: readonly PlacedComment[]): void {
  const body = directive.node.block ?? [];
  // Most locations have no comment at all.
  if (commentsAbove.length === 0 && directive.node.innerComments.length === 0 && !body.some((node) => node.type === "comment")) return;
  const annotations: WslintComment[] = [];
  const leadingEnd = body.findIndex((node) => node.type !== "comment");
  const leading = new Set(body.slice(0, leadingEnd === -1 ? body.length : leadingEnd));
  const place = (node: NginxComment): PlacedComment => ({ node, file: directive.file });
  const marking = [...commentsAbove, ...directive.node.innerComments.map(place)];
  for (const comment of marking) {
    const annotation = readWslintComment(comment);
    if (annotation !== null) annotations.push(annotation);
  }
  for (const node of body) {
    if (node.type !== "comment") continue;
    const annotation = readWslintComment(place(node));
    // Only a comment leading the body marks the location; a probe path may stand anywhere in it.
    if (annotation !== null && (annotation.kind === "probe" || leading.has(node))) annotations.push(annotation);
  }
  if (annotations.length > 0) location.annotations = annotations;
}
