// `upstream` blocks: their servers, load balancing and connection keepalive.
import { defaultUpstreamKeepalive, type Protocol } from "./defaults.js";
import type { PlacedDirective } from "./placed.js";
import type { NginxVersion } from "./version.js";

export interface UpstreamServer {
  /** `10.0.0.1:8080`, `app.internal`, `unix:/run/app.sock`. */
  address: string;
  /** `weight=2`, `max_fails=3`, `backup`, `resolve`, ... */
  parameters: readonly string[];
  directive: PlacedDirective;
}

export interface UpstreamKeepalive {
  /** Idle connections kept open per worker; 0 when none are. */
  connections: number;
  /** Connections are not shared between locations (`keepalive N local`, the 1.29.7 default). */
  local: boolean;
  /** null when nginx's default applies. */
  directive: PlacedDirective | null;
  /** Why, for a default: "nginx default before 1.29.7 (no keepalive)". */
  defaultNote: string | null;
}

export interface UpstreamModel {
  name: string;
  protocol: Protocol;
  directive: PlacedDirective;
  /** Every directive inside the block, in order. */
  directives: PlacedDirective[];
  servers: UpstreamServer[];
  /** `round-robin`, or the balancing directive: `ip_hash`, `hash`, `least_conn`, `random`, `sticky`... */
  balancing: string;
  /** The keepalive of an http upstream (with nginx's default when unset); null for a stream upstream. */
  keepalive: UpstreamKeepalive | null;
}

const BALANCING_DIRECTIVES: ReadonlySet<string> = new Set([
  "ip_hash",
  "hash",
  "least_conn",
  "least_time",
  "random",
  "sticky",
  "ntlm",
]);

export function createUpstream(directive: PlacedDirective, protocol: Protocol): UpstreamModel {
  return {
    name: directive.args[0] ?? "",
    protocol,
    directive,
    directives: [],
    servers: [],
    balancing: "round-robin",
    keepalive: null,
  };
}

export function addUpstreamDirective(upstream: UpstreamModel, directive: PlacedDirective): void {
  upstream.directives.push(directive);
  if (directive.name === "server") {
    const [address = "", ...parameters] = directive.args;
    upstream.servers.push({ address, parameters, directive });
  } else if (BALANCING_DIRECTIVES.has(directive.name)) {
    upstream.balancing = directive.name;
  }
}

/** Fills in the keepalive once the block is read (nginx's default when it has no keepalive). */
export function finishUpstream(upstream: UpstreamModel, version: NginxVersion): void {
  if (upstream.protocol !== "http") return;
  const keepalive = upstream.directives.findLast((directive) => directive.name === "keepalive");
  if (keepalive === undefined) {
    const fallback = defaultUpstreamKeepalive(version);
    upstream.keepalive = { connections: fallback.connections, local: fallback.local, directive: null, defaultNote: fallback.note };
    return;
  }
  upstream.keepalive = {
    connections: Number(keepalive.args[0] ?? 0) || 0,
    local: keepalive.args.includes("local"),
    directive: keepalive,
    defaultNote: null,
  };
}
