// The servers of a backend or listen, with the options that decide how WebSocket traffic
// reaches them: `proto h2`, `alpn`, `ws h1|h2|auto` (HAProxy 2.5+), `ssl`, `check`. A server
// starts from the `default-server` options in force where it is declared: its defaults
// section's, then the proxy's own `default-server` lines above it (HAProxy copies them at that
// point), and its own options override those.
import type { HaproxyWord } from "../ast.js";
import type { PlacedStatement } from "./placed.js";

export interface ServerOption<T> {
  value: T;
  /** The option's keyword word (`ws`, `no-ssl`) on the line that sets it. */
  word: HaproxyWord;
  statement: PlacedStatement;
  /** Set by a `default-server` line rather than the server's own. */
  fromDefaultServer: boolean;
}

/** The options the model follows; each null when neither the server nor a default-server sets it. */
export interface ServerOptions {
  proto: ServerOption<string> | null;
  alpn: ServerOption<string> | null;
  ws: ServerOption<string> | null;
  ssl: ServerOption<boolean> | null;
  check: ServerOption<boolean> | null;
}

export interface ServerModel extends ServerOptions {
  kind: "server" | "server-template";
  /** The server's name, or a template's prefix. */
  name: string;
  /** As written: `10.0.0.1:8080`, `app.internal:443`; null when missing. */
  address: string | null;
  statement: PlacedStatement;
}

export const NO_SERVER_OPTIONS: ServerOptions = { proto: null, alpn: null, ws: null, ssl: null, check: null };

/**
 * Server keywords that take no argument. Every other keyword is read as taking one, which holds
 * for all the others HAProxy 2.x documents; it only matters for not mistaking an argument for a
 * keyword (`cookie ssl` names a cookie, it does not enable TLS).
 */
const FLAG_KEYWORDS: ReadonlySet<string> = new Set([
  "agent-check",
  "allow-0rtt",
  "backup",
  "check",
  "check-send-proxy",
  "check-ssl",
  "check-via-socks4",
  "disabled",
  "enabled",
  "force-sslv3",
  "force-tlsv10",
  "force-tlsv11",
  "force-tlsv12",
  "force-tlsv13",
  "no-agent-check",
  "no-backup",
  "no-check",
  "no-check-ssl",
  "no-send-proxy",
  "no-send-proxy-v2",
  "no-send-proxy-v2-ssl",
  "no-send-proxy-v2-ssl-cn",
  "no-ssl",
  "no-ssl-reuse",
  "no-sslv3",
  "no-tls-tickets",
  "no-tlsv10",
  "no-tlsv11",
  "no-tlsv12",
  "no-tlsv13",
  "no-verifyhost",
  "no-tfo",
  "non-stick",
  "send-proxy",
  "send-proxy-v2",
  "send-proxy-v2-ssl",
  "send-proxy-v2-ssl-cn",
  "ssl",
  "ssl-reuse",
  "stick",
  "tfo",
  "tls-tickets",
]);

/** Reads the option words of a server line (after name and address) or a default-server line. */
export function readServerOptions(words: readonly HaproxyWord[], statement: PlacedStatement, fromDefaultServer: boolean): Partial<ServerOptions> {
  const found: Partial<ServerOptions> = {};
  const option = <T>(value: T, word: HaproxyWord): ServerOption<T> => ({ value, word, statement, fromDefaultServer });
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const keyword = word.value;
    if (FLAG_KEYWORDS.has(keyword)) {
      if (keyword === "ssl" || keyword === "no-ssl") found.ssl = option(keyword === "ssl", word);
      if (keyword === "check" || keyword === "no-check") found.check = option(keyword === "check", word);
      continue;
    }
    const argument = words[index + 1]?.value;
    index++;
    if (argument === undefined) continue;
    if (keyword === "proto") found.proto = option(argument, word);
    else if (keyword === "alpn") found.alpn = option(argument, word);
    else if (keyword === "ws") found.ws = option(argument, word);
  }
  return found;
}

/** `server NAME ADDR [options]` or `server-template PREFIX NUM ADDR [options]`. */
export function createServer(statement: PlacedStatement, inherited: ServerOptions): ServerModel {
  const template = statement.keyword === "server-template";
  const words = statement.node.args;
  const optionsStart = template ? 3 : 2;
  const own = readServerOptions(words.slice(optionsStart), statement, false);
  return {
    kind: template ? "server-template" : "server",
    name: words[0]?.value ?? "",
    address: words[optionsStart - 1]?.value ?? null,
    statement,
    ...inherited,
    ...own,
  };
}
