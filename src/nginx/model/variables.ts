// Which variables exist and where each comes from: map, geo, split_clients, set and friends,
// named regex captures, and nginx's built-in variables.
import type { Protocol } from "./defaults.js";
import { variableReferences, type PlacedDirective } from "./placed.js";

export interface MapEntry {
  /** The key as nginx compares it: quotes removed, a leading `~` / `~*` / `\` not included. */
  key: string;
  value: string;
  /** `~regex` or `~*regex` (the latter case-insensitive). */
  regex: boolean;
  caseInsensitive: boolean;
  directive: PlacedDirective;
}

export interface MapModel {
  directive: PlacedDirective;
  protocol: Protocol;
  /** The source expression: `$http_upgrade`, or a combination such as `$host$uri`. */
  source: string;
  /** The variable it defines, without `$`. */
  variable: string;
  /** `default value;`, null when the map has none (the value is then empty). */
  default: MapEntry | null;
  /** The other keys, in order, `include`d files spliced in. */
  entries: MapEntry[];
  hostnames: boolean;
  volatile: boolean;
  /** `include` directives inside the block. */
  includes: PlacedDirective[];
  /** One of those includes names a file wslint could not read: the map may have more entries. */
  hasUnreadableInclude: boolean;
}

export type VariableOrigin =
  | "map"
  | "geo"
  | "split_clients"
  | "set"
  | "perl_set"
  | "js_set"
  | "auth_request_set"
  | "regex capture";

export interface VariableDefinition {
  /** Without `$`. */
  name: string;
  origin: VariableOrigin;
  directive: PlacedDirective;
  protocol: Protocol;
  /** For `map`, the map. */
  map: MapModel | null;
}

const BUILTIN_NAMES: ReadonlySet<string> = new Set(
  (
    "args binary_remote_addr body_bytes_sent bytes_sent connection connection_requests connection_time " +
    "content_length content_type document_root document_uri host hostname https is_args limit_rate msec " +
    "nginx_version pid pipe proxy_protocol_addr proxy_protocol_port proxy_protocol_server_addr " +
    "proxy_protocol_server_port query_string realpath_root remote_addr remote_port remote_user request " +
    "request_body request_body_file request_completion request_filename request_id request_length " +
    "request_method request_time request_uri scheme server_addr server_name server_port server_protocol " +
    "status tcpinfo_rtt tcpinfo_rttvar tcpinfo_snd_cwnd tcpinfo_rcv_space time_iso8601 time_local uri " +
    "proxy_host proxy_port proxy_add_x_forwarded_for realip_remote_addr realip_remote_port gzip_ratio " +
    "http2 http3 upstream_addr upstream_status upstream_response_time upstream_connect_time " +
    "upstream_header_time upstream_bytes_received upstream_bytes_sent upstream_cache_status " +
    "upstream_response_length upstream_queue_time upstream_last_server_name fastcgi_script_name " +
    "fastcgi_path_info invalid_referer secure_link secure_link_expires uid_got uid_set uid_reset " +
    "limit_req_status limit_conn_status date_local date_gmt session_time protocol " +
    "upstream_first_byte_time upstream_session_time"
  ).split(" "),
);

/** Families nginx fills per request from a name suffix: `$http_upgrade`, `$arg_id`, `$cookie_sid`... */
const BUILTIN_PREFIXES: readonly string[] = [
  "http_",
  "sent_http_",
  "sent_trailer_",
  "upstream_http_",
  "upstream_cookie_",
  "upstream_trailer_",
  "arg_",
  "cookie_",
  "ssl_",
  "proxy_protocol_tlv_",
  "geoip_",
  "geoip2_",
  "jwt_claim_",
  "jwt_header_",
];

/** `$1`..`$9` and the built-in variables of nginx's standard modules. */
export function isBuiltinVariable(name: string): boolean {
  return /^\d$/.test(name) || BUILTIN_NAMES.has(name) || BUILTIN_PREFIXES.some((prefix) => name.startsWith(prefix));
}

export class VariableIndex {
  private readonly byName = new Map<string, VariableDefinition[]>();
  private readonly derivedCache = new Map<string, ReadonlySet<string>>();
  /** Protocols with an unreadable include somewhere in their blocks (see `isComplete`). */
  private readonly incomplete = new Set<Protocol>();

  add(definition: VariableDefinition): void {
    const list = this.byName.get(definition.name);
    if (list === undefined) this.byName.set(definition.name, [definition]);
    else list.push(definition);
  }

  /** The places the configuration defines `name` (without `$`), in document order. */
  definitions(name: string): readonly VariableDefinition[] {
    return this.byName.get(name) ?? [];
  }

  /**
   * Records an unreadable include in a block of `protocol` (the model builder calls this): nginx's
   * variables are global to the protocol, so a `set` or `map` there may define any of them.
   */
  markIncomplete(protocol: Protocol): void {
    this.incomplete.add(protocol);
  }

  /**
   * Whether every block of `protocol` was read, so that `definitions` lists every place that
   * defines a variable. False when an include in one of them could not be read.
   */
  isComplete(protocol: Protocol): boolean {
    return !this.incomplete.has(protocol);
  }

  /** Defined by the configuration or built into nginx. */
  exists(name: string): boolean {
    return this.byName.has(name) || isBuiltinVariable(name);
  }

  /** Every variable the configuration defines, with its definitions. */
  all(): ReadonlyMap<string, readonly VariableDefinition[]> {
    return this.byName;
  }

  /**
   * The variables whose value is computed from `name`, directly or through others: a map whose
   * source (or one of whose values) uses it, a `set` whose value uses it. `name` itself included.
   */
  derivedFrom(name: string): ReadonlySet<string> {
    const cached = this.derivedCache.get(name);
    if (cached !== undefined) return cached;
    const users = new Map<string, Set<string>>();
    for (const [defined, definitions] of this.byName) {
      for (const definition of definitions) {
        for (const used of inputsOf(definition)) {
          const set = users.get(used) ?? new Set<string>();
          set.add(defined);
          users.set(used, set);
        }
      }
    }
    const derived = new Set([name]);
    const pending = [name];
    while (pending.length > 0) {
      for (const user of users.get(pending.pop()!) ?? []) {
        if (derived.has(user)) continue;
        derived.add(user);
        pending.push(user);
      }
    }
    this.derivedCache.set(name, derived);
    return derived;
  }
}

/** The variables a definition reads. */
function inputsOf(definition: VariableDefinition): string[] {
  if (definition.map !== null) {
    const { map } = definition;
    const values = [map.default, ...map.entries].flatMap((entry) => (entry === null ? [] : variableReferences(entry.value)));
    return [...variableReferences(map.source), ...values];
  }
  if (definition.origin === "set" || definition.origin === "auth_request_set") {
    return variableReferences(definition.directive.args[1] ?? "");
  }
  if (definition.origin === "geo" && definition.directive.args.length >= 2) {
    return variableReferences(definition.directive.args[0]!);
  }
  if (definition.origin === "split_clients") return variableReferences(definition.directive.args[0] ?? "");
  return [];
}

/**
 * Reads one line of a map block into the map, as ngx_http_map does: the words `hostnames`,
 * `volatile`, `include` and `default` are special (quoted or not), `~` starts a regex and a
 * leading backslash makes the rest literal (`\default`, `\~tilde`).
 */
export function addMapLine(map: MapModel, directive: PlacedDirective): void {
  const written = directive.node.nameWord.value;
  const value = directive.args[0] ?? "";
  if (directive.args.length === 0 && (written === "hostnames" || written === "volatile")) {
    map[written] = true;
    return;
  }
  if (written === "include") {
    map.includes.push(directive);
    return;
  }
  if (written === "default") {
    map.default = { key: "default", value, regex: false, caseInsensitive: false, directive };
    return;
  }
  if (written.startsWith("~")) {
    const caseInsensitive = written.startsWith("~*");
    map.entries.push({ key: written.slice(caseInsensitive ? 2 : 1), value, regex: true, caseInsensitive, directive });
    return;
  }
  const key = written.startsWith("\\") ? written.slice(1) : written;
  map.entries.push({ key, value, regex: false, caseInsensitive: false, directive });
}
