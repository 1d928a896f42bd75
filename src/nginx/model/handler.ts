// What answers a request in a location (or an `if` / `limit_except` inside one).
import type { EffectiveDirective, ScopeKind } from "./scope.js";
import { HANDLER_DIRECTIVES } from "./inheritance.js";
import { hasVariableReference, type PlacedDirective } from "./placed.js";
import type { UpstreamModel } from "./upstreams.js";

export type PassDirectiveName =
  | "proxy_pass"
  | "fastcgi_pass"
  | "grpc_pass"
  | "uwsgi_pass"
  | "scgi_pass"
  | "memcached_pass";

/** A request handed to another server: proxy_pass and its siblings. */
export interface PassHandler {
  kind: PassDirectiveName;
  directive: PlacedDirective;
  /** Written in the enclosing location and inherited by this `if` / `limit_except`. */
  inherited: boolean;
  /** The argument as nginx reads it: `http://chat_ws/socket/`, `unix:/run/app.sock`, `127.0.0.1:9000`. */
  target: string;
  /** `http`, `https`, `grpc`, `grpcs`, `uwsgi`, `suwsgi`; null when there is none or it is a variable. */
  scheme: string | null;
  /** The host or upstream name; null when it comes from a variable or is a unix socket. */
  host: string | null;
  /** The URI part after the host (`/socket/`), null when there is none. */
  uri: string | null;
  /** The target contains variables, so nginx resolves it per request. */
  hasVariables: boolean;
  /** The upstream block `host` names, if there is one. */
  upstream: UpstreamModel | null;
}

export interface ReturnHandler {
  kind: "return";
  directive: PlacedDirective;
  /** null for `return URL;`, which nginx answers with 302. */
  code: number | null;
  redirect: boolean;
  /** The URL of a redirect or the body text; null when there is none. */
  text: string | null;
}

export type RewriteFlag = "last" | "break" | "redirect" | "permanent";

export interface RewriteHandler {
  kind: "rewrite";
  directive: PlacedDirective;
  flag: RewriteFlag | null;
  /** `redirect` / `permanent`, or a replacement that starts with a scheme. */
  redirect: boolean;
  replacement: string;
}

export interface TryFilesHandler {
  kind: "try_files";
  directive: PlacedDirective;
  /** The last argument: a URI, `=code` or `@named`. */
  fallback: string;
}

/** A module that answers by itself: stub_status, empty_gif, js_content, content_by_lua_block... */
export interface ModuleHandler {
  kind: "module";
  directive: PlacedDirective;
}

/** Files from disk: root (or alias) and nothing else. */
export interface StaticHandler {
  kind: "static";
  /** The effective root or alias; null when neither is set and nginx serves from its `html` directory. */
  root: EffectiveDirective | null;
}

export type Handler = PassHandler | ReturnHandler | RewriteHandler | TryFilesHandler | ModuleHandler | StaticHandler;

/** Modules that answer by themselves, the one nginx prefers first: stub_status, empty_gif, js_content, ... */
const MODULE_HANDLERS: readonly string[] = [
  "stub_status",
  "empty_gif",
  "js_content",
  "perl",
  "content_by_lua",
  "content_by_lua_block",
  "content_by_lua_file",
  "api",
  "status",
];

/** Each pass directive's and module's place in the order above: a lower one wins. */
const PASS_DIRECTIVES: readonly string[] = [...HANDLER_DIRECTIVES];
const PASS_RANKS: ReadonlyMap<string, number> = new Map(PASS_DIRECTIVES.map((name, rank) => [name, rank]));
const MODULE_RANKS: ReadonlyMap<string, number> = new Map(MODULE_HANDLERS.map((name, rank) => [name, rank]));

const REDIRECT_CODES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

const startsWithScheme = (text: string): boolean => /^(https?:\/\/|\$scheme)/.test(text);

/** The scope's view needed to decide its handler. */
export interface HandlerSource {
  readonly kind: ScopeKind;
  /** The scope's own directives, in order. */
  readonly directives: readonly PlacedDirective[];
  effective(name: string): EffectiveDirective | null;
}

/**
 * Which handler answers: an unconditional `return` first (nginx's rewrite phase runs before the
 * content phase); then a pass directive; then a `rewrite` that sends the request elsewhere;
 * then try_files; then another content module; else static files.
 */
export function resolveHandler(
  scope: HandlerSource,
  upstreamNamed: (name: string) => UpstreamModel | null,
): Handler {
  // One pass over the scope's own directives finds every candidate: asked of every route.
  let returned: PlacedDirective | undefined;
  let rewrite: PlacedDirective | undefined;
  let tryFiles: PlacedDirective | undefined;
  let module: PlacedDirective | undefined;
  let moduleRank = MODULE_HANDLERS.length;
  // Of the preferred pass directive, the last: nginx keeps the last of an ordinary directive.
  let pass: PlacedDirective | undefined;
  let passRank = PASS_DIRECTIVES.length;
  for (const directive of scope.directives) {
    const { name } = directive;
    const rank = PASS_RANKS.get(name);
    if (rank !== undefined) {
      if (rank <= passRank) {
        pass = directive;
        passRank = rank;
      }
    } else if (name === "return") {
      returned ??= directive;
    } else if (name === "rewrite") {
      if (rewrite === undefined && directive.args[2] !== "break") rewrite = directive;
    } else if (name === "try_files") {
      tryFiles ??= directive;
    } else {
      const rank = MODULE_RANKS.get(name);
      if (rank !== undefined && rank < moduleRank) {
        module = directive;
        moduleRank = rank;
      }
    }
  }
  if (returned !== undefined) return returnHandler(returned);
  // An `if` or `limit_except` inherits its location's pass directives; one of those may be
  // preferred to its own.
  if (scope.kind === "if" || scope.kind === "limit_except") {
    for (let rank = 0; rank < passRank; rank++) {
      const inherited = scope.effective(PASS_DIRECTIVES[rank]!);
      if (inherited !== null && inherited.directive !== null) return passHandler(inherited.directive, inherited.inherited, upstreamNamed);
    }
  }
  if (pass !== undefined) return passHandler(pass, false, upstreamNamed);
  if (rewrite !== undefined) return rewriteHandler(rewrite);
  if (tryFiles !== undefined) {
    return { kind: "try_files", directive: tryFiles, fallback: tryFiles.args[tryFiles.args.length - 1] ?? "" };
  }
  if (module !== undefined) return { kind: "module", directive: module };
  const root = scope.effective("root");
  const alias = scope.effective("alias");
  return { kind: "static", root: nearerOf(alias, root) };
}

/** root and alias share one setting in nginx: the one written nearer wins. */
function nearerOf(alias: EffectiveDirective | null, root: EffectiveDirective | null): EffectiveDirective | null {
  if (alias === null) return root;
  if (root === null || alias.scope === root.scope) return alias;
  const depthOf = (effective: EffectiveDirective) => effective.scope?.chain().length ?? 0;
  return depthOf(alias) >= depthOf(root) ? alias : root;
}

function returnHandler(directive: PlacedDirective): ReturnHandler {
  const [first = "", second] = directive.args;
  if (/^\d+$/.test(first)) {
    const code = Number(first);
    return { kind: "return", directive, code, redirect: REDIRECT_CODES.has(code), text: second ?? null };
  }
  return { kind: "return", directive, code: null, redirect: true, text: first };
}

function rewriteHandler(directive: PlacedDirective): RewriteHandler {
  const replacement = directive.args[1] ?? "";
  const flagText = directive.args[2];
  const flag = flagText === "last" || flagText === "break" || flagText === "redirect" || flagText === "permanent" ? flagText : null;
  const redirect = flag === "redirect" || flag === "permanent" || startsWithScheme(replacement);
  return { kind: "rewrite", directive, flag, redirect, replacement };
}

function passHandler(
  directive: PlacedDirective,
  inherited: boolean,
  upstreamNamed: (name: string) => UpstreamModel | null,
): PassHandler {
  const target = directive.args[0] ?? "";
  const hasVariables = hasVariableReference(target);
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(target);
  const scheme = schemeMatch === null ? null : schemeMatch[1]!.toLowerCase();
  const afterScheme = schemeMatch === null ? target : target.slice(schemeMatch[0].length);
  let host: string | null = null;
  let uri: string | null = null;
  if (!afterScheme.startsWith("unix:")) {
    const slash = afterScheme.indexOf("/");
    const authority = slash === -1 ? afterScheme : afterScheme.slice(0, slash);
    uri = slash === -1 ? null : afterScheme.slice(slash);
    const colon = authority.indexOf(":");
    const hostPart = authority.startsWith("[")
      ? authority.slice(0, authority.indexOf("]") + 1)
      : colon === -1
        ? authority
        : authority.slice(0, colon);
    host = hostPart === "" || hasVariableReference(hostPart) ? null : hostPart;
  }
  const kind = directive.name as PassDirectiveName;
  return {
    kind,
    directive,
    inherited,
    target,
    scheme,
    host,
    uri,
    hasVariables,
    upstream: host === null ? null : upstreamNamed(host),
  };
}
