// How a directive set at an outer level (http, server, location) reaches the levels inside it.
// Checked against the merge functions of nginx's modules: a directive kept as a list is inherited
// only by a level that sets none of it (`if (conf->x == NULL) conf->x = prev->x`, or
// ngx_conf_merge_ptr_value on the list); everything else comes from the nearest level that sets it.

export type InheritanceKind =
  /** From the nearest enclosing level that sets it. */
  | "ordinary"
  /** A list taken whole from the nearest level that sets any of its family. */
  | "array"
  /** A content handler: inherited only by an `if` or `limit_except` inside the location. */
  | "handler"
  /** Acts only where it is written. */
  | "none";

/** Directives that share one list: setting either at a level stops inheriting both. */
const ARRAY_FAMILIES: readonly (readonly string[])[] = [
  // ngx_http_proxy_module: headers_source, hide/pass headers (ngx_http_upstream_hide_headers_hash),
  // redirects, cookie rewrites, cache predicates and validity, ssl_conf_commands.
  ["proxy_set_header"],
  ["proxy_hide_header"],
  ["proxy_pass_header"],
  ["proxy_redirect"],
  ["proxy_cookie_domain"],
  ["proxy_cookie_path"],
  ["proxy_cookie_flags"],
  ["proxy_cache_bypass"],
  ["proxy_no_cache"],
  ["proxy_cache_valid"],
  ["proxy_ssl_conf_command"],
  ["grpc_set_header"],
  ["grpc_hide_header"],
  ["grpc_pass_header"],
  ["grpc_ssl_conf_command"],
  ["fastcgi_param"],
  ["fastcgi_hide_header"],
  ["fastcgi_pass_header"],
  ["uwsgi_param"],
  ["uwsgi_hide_header"],
  ["uwsgi_pass_header"],
  ["scgi_param"],
  ["scgi_hide_header"],
  ["scgi_pass_header"],
  // ngx_http_headers_filter_module, with add_header_inherit / add_trailer_inherit since 1.29.3.
  ["add_header"],
  ["add_trailer"],
  // Core and standard modules.
  ["allow", "deny"],
  ["error_page"],
  ["access_log"],
  ["index"],
  ["limit_req"],
  ["limit_conn"],
  ["set_real_ip_from"],
  ["ssl_certificate", "ssl_certificate_key"],
  ["ssl_conf_command"],
];

const FAMILY_OF = new Map<string, readonly string[]>(
  ARRAY_FAMILIES.flatMap((family) => family.map((name) => [name, family] as const)),
);

export const HANDLER_DIRECTIVES: ReadonlySet<string> = new Set([
  "proxy_pass",
  "fastcgi_pass",
  "grpc_pass",
  "uwsgi_pass",
  "scgi_pass",
  "memcached_pass",
]);

const NOT_INHERITED: ReadonlySet<string> = new Set([
  // ngx_http_rewrite_module runs the code of the level it is written in.
  "rewrite",
  "return",
  "set",
  "break",
  "if",
  "location",
  "limit_except",
  "listen",
  "server_name",
  "try_files",
  "internal",
]);

/** The inheritance-mode directive of a list (add_header_inherit on|off|merge), if it has one. */
const INHERIT_MODE_DIRECTIVE: Readonly<Record<string, string>> = {
  add_header: "add_header_inherit",
  add_trailer: "add_trailer_inherit",
};

export function inheritanceOf(name: string): InheritanceKind {
  if (FAMILY_OF.has(name)) return "array";
  if (HANDLER_DIRECTIVES.has(name)) return "handler";
  if (NOT_INHERITED.has(name)) return "none";
  return "ordinary";
}

/** The directive names that share `name`'s list (just `[name]` for most). */
export function arrayFamily(name: string): readonly string[] {
  return FAMILY_OF.get(name) ?? [name];
}

export function inheritModeDirective(name: string): string | null {
  return INHERIT_MODE_DIRECTIVE[name] ?? null;
}
