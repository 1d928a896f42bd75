import { isIP } from "node:net";
import { ProbeUsageError } from "./errors.js";

/** One `--resolve HOST:PORT:ADDR[,ADDR...]`: connect to ADDR when the URL names HOST:PORT, like curl's option. */
export interface ResolveOverride {
  host: string;
  port: number;
  /** Tried in this order. */
  addresses: string[];
}

export interface ProbeTarget {
  /** The URL as the user should see it, with http(s) already mapped to ws(s). */
  url: string;
  secure: boolean;
  /** Host name or IP address, IPv6 without brackets: for DNS, SNI and the certificate check. */
  host: string;
  port: number;
  /** `Host` header value: the port appears only when it is not the scheme's default. */
  hostHeader: string;
  /** Path and query of the request line. */
  requestPath: string;
  /** Set by a matching `--resolve`: connect here instead of resolving `host`. */
  connectAddresses: string[] | null;
}

const SCHEMES: Record<string, { secure: boolean; defaultPort: number }> = {
  "ws:": { secure: false, defaultPort: 80 },
  "http:": { secure: false, defaultPort: 80 },
  "wss:": { secure: true, defaultPort: 443 },
  "https:": { secure: true, defaultPort: 443 },
};

export function parseProbeTarget(urlText: string, resolveOverrides: readonly ResolveOverride[] = []): ProbeTarget {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw new ProbeUsageError(`"${urlText}" is not a URL (expected ws://host/path or wss://host/path)`);
  }
  const scheme = SCHEMES[url.protocol];
  if (!scheme) {
    throw new ProbeUsageError(`"${urlText}": the scheme must be ws, wss, http or https, not ${url.protocol.slice(0, -1)}`);
  }
  if (url.hash !== "") throw new ProbeUsageError(`"${urlText}": a WebSocket URL may not have a #fragment (RFC 6455 section 3)`);
  if (url.username !== "" || url.password !== "") {
    throw new ProbeUsageError(`"${url.host}": credentials in the URL are not sent; pass them with -H "Authorization: ..."`);
  }
  if (url.hostname === "") throw new ProbeUsageError(`"${urlText}": the URL has no host`);

  const port = url.port === "" ? scheme.defaultPort : Number(url.port);
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const wsScheme = scheme.secure ? "wss:" : "ws:";
  const override = resolveOverrides.find((entry) => entry.host.toLowerCase() === host.toLowerCase() && entry.port === port);
  return {
    url: `${wsScheme}//${url.host}${url.pathname}${url.search}`,
    secure: scheme.secure,
    host,
    port,
    // url.host already omits a default port and brackets IPv6 literals.
    hostHeader: url.host,
    requestPath: `${url.pathname}${url.search}`,
    connectAddresses: override?.addresses ?? null,
  };
}

/** Reads `HOST:PORT:ADDR[,ADDR...]`; each ADDR is an IP address, in brackets or not when it is IPv6. */
export function parseResolveOption(text: string): ResolveOverride {
  const match = /^([^:]+):(\d{1,5}):(.+)$/.exec(text.trim());
  const addresses = (match?.[3] ?? "").split(",").map((address) => address.trim().replace(/^\[(.*)\]$/, "$1"));
  const port = Number(match?.[2]);
  if (!match || addresses.some((address) => isIP(address) === 0) || port < 1 || port > 65535) {
    throw new ProbeUsageError(`--resolve: expected HOST:PORT:ADDR with IP addresses, like example.com:443:127.0.0.1, got "${text}"`);
  }
  return { host: match[1]!, port, addresses };
}
