// Built-in defaults of the directives that decide whether a WebSocket survives the proxy, as
// nginx's merge functions set them (ngx_http_proxy_merge_loc_conf and friends).
import { versionAtLeast, type NginxVersion } from "./version.js";

/** nginx 1.29.7 made HTTP/1.1 with upstream keepalive the default for proxy_pass. */
export const HTTP11_PROXY_DEFAULT_SINCE = [1, 29, 7] as const;

export type Protocol = "http" | "stream";

export interface BuiltinDefault {
  args: readonly string[];
  /** Why this is the value, for messages: "nginx default before 1.29.7". */
  note: string;
}

const plain = (...args: string[]): BuiltinDefault => ({ args, note: "nginx default" });

const HTTP_DEFAULTS: Record<string, BuiltinDefault> = {
  proxy_read_timeout: plain("60s"),
  proxy_send_timeout: plain("60s"),
  proxy_connect_timeout: plain("60s"),
  proxy_buffering: plain("on"),
  proxy_request_buffering: plain("on"),
  proxy_cache: plain("off"),
  proxy_socket_keepalive: plain("off"),
  proxy_ignore_client_abort: plain("off"),
  proxy_pass_request_headers: plain("on"),
  grpc_read_timeout: plain("60s"),
  grpc_send_timeout: plain("60s"),
  uwsgi_read_timeout: plain("60s"),
  fastcgi_read_timeout: plain("60s"),
  scgi_read_timeout: plain("60s"),
  keepalive_timeout: plain("75s"),
  send_timeout: plain("60s"),
  client_body_timeout: plain("60s"),
  client_header_timeout: plain("60s"),
  add_header_inherit: plain("on"),
  add_trailer_inherit: plain("on"),
};

const STREAM_DEFAULTS: Record<string, BuiltinDefault> = {
  proxy_timeout: plain("10m"),
  proxy_connect_timeout: plain("60s"),
  proxy_socket_keepalive: plain("off"),
};

export function builtinDefault(name: string, protocol: Protocol, version: NginxVersion): BuiltinDefault | null {
  if (protocol === "stream") return STREAM_DEFAULTS[name] ?? null;
  if (name === "proxy_http_version") {
    return versionAtLeast(version, HTTP11_PROXY_DEFAULT_SINCE)
      ? { args: ["1.1"], note: "nginx default since 1.29.7" }
      : { args: ["1.0"], note: "nginx default before 1.29.7" };
  }
  return HTTP_DEFAULTS[name] ?? null;
}

export interface DefaultHeader {
  name: string;
  /** An empty value means nginx does not send the header (it drops the client's). */
  value: string;
  note: string;
}

/**
 * The request headers proxy_pass sets unless proxy_set_header overrides them
 * (ngx_http_proxy_headers in ngx_http_proxy_module.c). Until 1.29.7 nginx sent
 * `Connection: close`; since then it sends no Connection header, to keep upstream connections
 * alive. `Upgrade` and `Connection` from the client are never passed on by default, which is
 * why a WebSocket route must set both.
 */
export function defaultProxyHeaders(version: NginxVersion): DefaultHeader[] {
  const since1297 = versionAtLeast(version, HTTP11_PROXY_DEFAULT_SINCE);
  const always = "nginx default";
  return [
    { name: "Host", value: "$proxy_host", note: always },
    since1297
      ? { name: "Connection", value: "", note: "nginx default since 1.29.7" }
      : { name: "Connection", value: "close", note: "nginx default before 1.29.7" },
    { name: "Content-Length", value: "$proxy_internal_body_length", note: always },
    { name: "Transfer-Encoding", value: "$proxy_internal_chunked", note: always },
    { name: "TE", value: "", note: always },
    { name: "Keep-Alive", value: "", note: always },
    { name: "Expect", value: "", note: always },
    { name: "Upgrade", value: "", note: always },
  ];
}

/** What an upstream block without a keepalive directive keeps open per worker. */
export function defaultUpstreamKeepalive(version: NginxVersion): { connections: number; local: boolean; note: string } {
  return versionAtLeast(version, HTTP11_PROXY_DEFAULT_SINCE)
    ? { connections: 32, local: true, note: "nginx default since 1.29.7 (keepalive 32 local)" }
    : { connections: 0, local: false, note: "nginx default before 1.29.7 (no keepalive)" };
}
