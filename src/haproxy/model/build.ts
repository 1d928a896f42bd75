// Builds the semantic model of an HAProxy configuration: reads its files in order as HAProxy
// does (sections, the last defaults section carried over from one file to the next), leaves out
// the lines of `.if` branches never taken, then links routes to backends and judges which
// backends and listens carry WebSocket traffic.
import type { HaproxyFile, HaproxySectionHeader } from "../ast.js";
import type { LintSettings } from "../../engine/rule.js";
import { analyzeAclExpression, analyzeCondition, type AclDeclaration } from "./acl.js";
import { readSectionAnnotation } from "./comments.js";
import { ReachIndex, type Reach } from "./conditional.js";
import type { PlacedComment, PlacedStatement } from "./placed.js";
import { ProxyModel, type HeaderAction, type HeaderActionSide, type ProxyKind, type Route } from "./proxy.js";
import { SectionModel } from "./section.js";
import { createServer, readServerOptions, type ServerModel, type ServerOptions } from "./servers.js";
import { DEFAULT_HAPROXY_VERSION, parseHaproxyVersion, type HaproxyVersion } from "./version.js";
import { collectWebSocketEvidence } from "./websocket.js";

/** The node kinds the model's walk emits, and the node each passes to rule handlers. */
export interface HaproxyNodeKinds {
  file: HaproxyFile;
  /** Every section: global, defaults, frontend, backend, listen, userlist, peers... */
  section: SectionModel;
  /** defaults, frontend, backend and listen sections, entered inside their `section` event. */
  proxy: ProxyModel;
  /** Every statement of a section HAProxy may read, in order. */
  statement: PlacedStatement;
  /** An `acl` line, inside its `statement` event. */
  acl: AclDeclaration;
  /** A `server` or `server-template` line, inside its `statement` event. */
  server: ServerModel;
}

export type WalkEvent = {
  [K in keyof HaproxyNodeKinds]: { kind: K; node: HaproxyNodeKinds[K]; exit: boolean };
}[keyof HaproxyNodeKinds];

export interface HaproxyModel {
  /** The configuration files in the order HAProxy reads them (`-f a.cfg -f b.cfg`). */
  readonly files: readonly HaproxyFile[];
  readonly settings: LintSettings;
  /** The target version: `haproxy.version` from the settings, 2.4 when not given. */
  readonly version: HaproxyVersion;
  /** Every section HAProxy may read, in order. */
  readonly sections: readonly SectionModel[];
  /** defaults, frontend, backend and listen sections, in order. */
  readonly proxies: readonly ProxyModel[];
  /** Frontends and listens: where traffic enters. */
  readonly frontends: readonly ProxyModel[];
  /** Backends and listens by name: where use_backend and default_backend lead. */
  readonly backends: ReadonlyMap<string, ProxyModel>;
  /** The backends and listens with WebSocket evidence, in order. */
  readonly websocketRoutes: readonly ProxyModel[];
  /** The walk's events, in document order (see haproxyModelWalk). */
  readonly walkEvents: readonly WalkEvent[];
}

const PROXY_KINDS: ReadonlySet<string> = new Set<ProxyKind>(["defaults", "frontend", "backend", "listen"]);
const HEADER_ACTION = /^(http-request|http-response|http-after-response) (set-header|add-header|del-header|replace-header|replace-value)$/;

export function buildHaproxyModel(files: readonly HaproxyFile[], settings: LintSettings): HaproxyModel {
  const version =
    (settings.haproxy.version === null ? null : parseHaproxyVersion(settings.haproxy.version)) ??
    parseHaproxyVersion(DEFAULT_HAPROXY_VERSION)!;
  const sections: SectionModel[] = [];
  const proxies: ProxyModel[] = [];
  const events: WalkEvent[] = [];
  const defaultsByName = new Map<string, ProxyModel>();
  // HAProxy keeps the last defaults section across files: it is static in cfg_parse_listen().
  let lastDefaults: ProxyModel | null = null;

  const openSection = (header: HaproxySectionHeader, file: HaproxyFile, reach: Exclude<Reach, "never">): SectionModel => {
    if (!PROXY_KINDS.has(header.keyword)) return new SectionModel(header, file, reach);
    const fromName = header.from?.value ?? null;
    const named = fromName === null ? null : (defaultsByName.get(fromName) ?? null);
    // A defaults section starts from HAProxy's built-in defaults unless it names one with
    // `from`; every other proxy takes the last defaults section above it, named or not.
    const defaults = fromName !== null ? named : header.keyword === "defaults" ? null : lastDefaults;
    const reference = fromName !== null ? "from" : defaults !== null ? "implicit" : null;
    const proxy = new ProxyModel(header, file, reach, defaults, reference);
    proxies.push(proxy);
    if (proxy.kind === "defaults") {
      lastDefaults = proxy;
      if (proxy.name !== null && !defaultsByName.has(proxy.name)) defaultsByName.set(proxy.name, proxy);
    }
    return proxy;
  };

  for (const file of files) {
    const reachIndex = new ReachIndex(file, version);
    let current: SectionModel | null = null;
    // Own-line comments directly above the next line, not yet given to a section.
    let commentRun: PlacedComment[] = [];

    const flushComments = (): void => {
      for (const comment of commentRun) {
        const annotation = readSectionAnnotation(comment);
        // A marker counts first in the section; a probe path anywhere in it.
        if (current !== null && annotation !== null && (annotation.kind === "probe" || current.statements.length === 0)) {
          current.annotations.push(annotation);
        }
      }
      commentRun = [];
    };

    const closeSection = (): void => {
      if (current !== null) {
        finishSection(current, events);
        sections.push(current);
      }
    };

    events.push({ kind: "file", node: file, exit: false });
    for (const line of file.lines) {
      const reach = reachIndex.reachOf(line);
      if (reach === "never") continue;
      if (line.type === "section-header") {
        closeSection();
        current = openSection(line, file, reach);
        const marking = line.comment === null ? commentRun : [...commentRun, { node: line.comment, file }];
        for (const comment of marking) {
          const annotation = readSectionAnnotation(comment);
          if (annotation !== null) current.annotations.push(annotation);
        }
        commentRun = [];
        continue;
      }
      if (line.type === "empty" && line.comment !== null) {
        commentRun.push({ node: line.comment, file });
        current?.lines.push(line);
        continue;
      }
      flushComments();
      if (current === null) continue;
      current.lines.push(line);
      if (line.type !== "statement") continue;
      current.statements.push({
        node: line,
        keyword: line.keyword,
        args: line.args.map((word) => word.value),
        file,
        section: current,
        reach,
      });
      const trailing = line.comment === null ? null : readSectionAnnotation({ node: line.comment, file });
      if (trailing?.kind === "probe") current.annotations.push(trailing);
    }
    flushComments();
    closeSection();
    events.push({ kind: "file", node: file, exit: true });
  }

  const backends = new Map<string, ProxyModel>();
  for (const proxy of proxies) {
    if (proxy.kind !== "defaults" && proxy.capabilities.backend && proxy.name !== null && !backends.has(proxy.name)) {
      backends.set(proxy.name, proxy);
    }
  }
  const frontends = proxies.filter((proxy) => proxy.kind === "frontend" || proxy.kind === "listen");
  for (const frontend of frontends) {
    for (const route of frontend.routesOut) {
      route.to = route.kind === "self" ? frontend : route.dynamic ? null : (backends.get(route.targetName) ?? null);
      route.to?.routesIn.push(route);
    }
  }

  const websocketRoutes: ProxyModel[] = [];
  for (const proxy of backends.values()) {
    proxy.websocketEvidence.push(...collectWebSocketEvidence(proxy, settings.websocket));
  }
  for (const proxy of proxies) if (proxy.isWebSocketRoute) websocketRoutes.push(proxy);

  return { files, settings, version, sections, proxies, frontends, backends, websocketRoutes, walkEvents: events };
}

/**
 * Reads a section's statements once all of them are known (a condition sees every line of the
 * ACLs it names, even those below it), and records the walk's events for it.
 */
function finishSection(section: SectionModel, events: WalkEvent[]): void {
  events.push({ kind: "section", node: section, exit: false });
  if (!(section instanceof ProxyModel)) {
    for (const statement of section.statements) {
      events.push({ kind: "statement", node: statement, exit: false }, { kind: "statement", node: statement, exit: true });
    }
    events.push({ kind: "section", node: section, exit: true });
    return;
  }

  const proxy = section;
  events.push({ kind: "proxy", node: proxy, exit: false });
  for (const statement of proxy.statements) {
    const declaration = statement.node.acl;
    if (statement.keyword !== "acl" || declaration === null || declaration.name === null) continue;
    const acl: AclDeclaration = {
      name: declaration.name.value,
      statement,
      test: declaration.expression === null ? null : analyzeAclExpression(declaration.expression, statement),
    };
    proxy.aclDeclarations.push(acl);
    const named = proxy.acls.get(acl.name);
    if (named === undefined) proxy.acls.set(acl.name, { name: acl.name, declarations: [acl] });
    else named.declarations.push(acl);
  }

  let serverDefaults: ServerOptions = proxy.serverDefaults;
  let aclIndex = 0;
  for (const statement of proxy.statements) {
    events.push({ kind: "statement", node: statement, exit: false });
    const condition = statement.node.condition === null ? null : analyzeCondition(statement.node.condition, statement, proxy);
    if (condition !== null) proxy.conditions.push({ statement, condition });

    if (proxy.aclDeclarations[aclIndex]?.statement === statement) {
      const acl = proxy.aclDeclarations[aclIndex++]!;
      events.push({ kind: "acl", node: acl, exit: false }, { kind: "acl", node: acl, exit: true });
    } else if (statement.keyword === "default-server") {
      serverDefaults = { ...serverDefaults, ...readServerOptions(statement.node.args, statement, true) };
    } else if (statement.keyword === "server" || statement.keyword === "server-template") {
      const server = createServer(statement, serverDefaults);
      proxy.servers.push(server);
      events.push({ kind: "server", node: server, exit: false }, { kind: "server", node: server, exit: true });
    } else if (statement.keyword === "use_backend" && proxy.capabilities.frontend && proxy.kind !== "defaults") {
      const targetName = statement.args[0] ?? "";
      // HAProxy reads a name with `%` as a log-format expression evaluated per request.
      proxy.routesOut.push({ kind: "use_backend", from: proxy, to: null, targetName, dynamic: targetName.includes("%"), statement, condition });
    } else {
      const headerAction = HEADER_ACTION.exec(statement.keyword);
      if (headerAction !== null) {
        const action: HeaderAction = {
          side: headerAction[1] as HeaderActionSide,
          action: headerAction[2] as HeaderAction["action"],
          header: statement.args[0] ?? "",
          args: statement.args.slice(1),
          statement,
          condition,
        };
        proxy.headerActions.push(action);
      }
    }
    events.push({ kind: "statement", node: statement, exit: true });
  }
  proxy.serverDefaults = serverDefaults;

  if (proxy.kind === "frontend" || proxy.kind === "listen") {
    const fallback = proxy.defaultBackend();
    const route = (kind: Route["kind"], targetName: string, statement: PlacedStatement | null): Route => ({
      kind,
      from: proxy,
      to: null,
      targetName,
      dynamic: false,
      statement,
      condition: null,
    });
    if (fallback.value !== null) proxy.routesOut.push(route("default_backend", fallback.value, fallback.statement));
    // A listen without default_backend serves what no use_backend takes itself.
    else if (proxy.kind === "listen") proxy.routesOut.push(route("self", proxy.name ?? "", null));
  }
  events.push({ kind: "proxy", node: proxy, exit: true });
  events.push({ kind: "section", node: proxy, exit: true });
}
