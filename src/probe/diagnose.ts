import type { ConnectionFailure } from "./connection.js";
import { formatMilliseconds } from "./duration.js";
import { findHeader } from "./headers.js";
import type { ProbeTarget } from "./target.js";
import type { ClosedBy, ConnectionClosure, Diagnosis, ExchangeResult, HoldResult, ProbeCheck, ProbeResponse } from "./types.js";

export interface DiagnosisInput {
  target: ProbeTarget;
  /** `address:port` the probe connected (or tried to connect) to. */
  connectTo: string;
  timeoutMs: number;
  failure: ConnectionFailure | null;
  response: ProbeResponse | null;
  /** The start of a non-101 response body, as far as it arrived with the headers. */
  bodyStart: string;
  checks: readonly ProbeCheck[];
  exchange: ExchangeResult | null;
  hold: HoldResult | null;
}

/** Plain-words explanations of every failure in a probe, most fundamental first. */
export function diagnose(input: DiagnosisInput): Diagnosis[] {
  if (input.failure) return [diagnoseConnectionFailure(input.failure, input)];
  const diagnoses: Diagnosis[] = [];
  if (input.response && input.response.status !== 101) diagnoses.push(diagnoseStatus(input.response, input.bodyStart));
  const failed = new Set(input.checks.filter((check) => !check.passed).map((check) => check.id));
  if (failed.has("upgrade")) {
    diagnoses.push({
      code: "bad-upgrade-header",
      message:
        "The 101 response does not say `Upgrade: websocket`; browsers reject it. Something between client and server " +
        "rewrote or dropped the header.",
    });
  }
  if (failed.has("connection")) {
    diagnoses.push({
      code: "bad-connection-header",
      message:
        "The 101 response's Connection header lacks the `upgrade` token; browsers reject it. A proxy that sets its own " +
        "Connection header on responses (for example `close`) causes this.",
    });
  }
  if (failed.has("accept")) {
    diagnoses.push({
      code: "bad-accept",
      message:
        "Sec-WebSocket-Accept is not base64(SHA-1(key + the RFC 6455 GUID)) of the key this probe sent, so browsers " +
        "fail the connection. The server computes it wrongly, or a cache or proxy replayed a response made for another request.",
    });
  }
  if (failed.has("subprotocol")) {
    diagnoses.push({
      code: "unoffered-subprotocol",
      message:
        "The server selected a subprotocol the client did not offer (or several); browsers fail the connection " +
        "(RFC 6455 section 4.1). Offer it with --subprotocol, or fix the server's selection.",
    });
  }
  if (failed.has("extensions")) {
    diagnoses.push({
      code: "unoffered-extension",
      message:
        "The server enabled an extension the client did not offer; browsers fail the connection. A proxy or server " +
        "that adds `Sec-WebSocket-Extensions` on its own causes this.",
    });
  }
  if (input.exchange && failed.has("exchange")) diagnoses.push(diagnoseExchange(input.exchange, input.timeoutMs));
  if (input.hold && !input.hold.survived) diagnoses.push(diagnoseHoldClose(input.hold));
  if (input.hold?.pings && input.hold.pings.missed > 0) {
    const { sent, missed } = input.hold.pings;
    diagnoses.push({
      code: "pongs-missed",
      message:
        `${missed} of ${sent} pings got no pong. The backend does not answer pings as RFC 6455 requires, so pings from ` +
        "this side may not keep a proxy's idle timeout from firing; use application-level heartbeats instead.",
    });
  }
  return diagnoses;
}

function diagnoseConnectionFailure(failure: ConnectionFailure, input: DiagnosisInput): Diagnosis {
  const { target } = input;
  if (failure.code === "timeout") {
    const waitingFor: Record<ConnectionFailure["phase"], string> = {
      dns: `the DNS lookup of ${target.host}`,
      connect: `the TCP connection to ${input.connectTo}: a firewall or security group is probably dropping the packets`,
      tls: "the TLS handshake: the port accepted the connection but does not answer TLS",
      response:
        "the response headers: the server accepted the request but never answered; a proxy may be waiting for a backend " +
        "that does not respond (nginx proxy_connect_timeout, HAProxy timeout connect), or the port does not speak HTTP",
    };
    return {
      code: "handshake-timeout",
      message: `No answer within ${formatMilliseconds(input.timeoutMs)} while waiting for ${waitingFor[failure.phase]}.`,
    };
  }
  switch (failure.phase) {
    case "dns":
      return {
        code: "dns-failure",
        message:
          `The DNS lookup of ${target.host} failed (${failure.code}): the name does not resolve from here. Check the spelling, ` +
          `or use --resolve ${target.host}:${target.port}:ADDR to test a server before DNS points at it.`,
      };
    case "connect":
      if (failure.code === "ECONNREFUSED") {
        return {
          code: "connection-refused",
          message:
            `Connection refused by ${input.connectTo}: nothing listens on that port. Check the port in the URL and that the ` +
            "proxy is running and listening on this address (nginx `listen`, HAProxy `bind`).",
        };
      }
      return { code: "connect-failure", message: `The TCP connection to ${input.connectTo} failed: ${failure.message}.` };
    case "tls":
      return diagnoseTlsFailure(failure);
    case "response":
      if (failure.code === "malformed") {
        return {
          code: "malformed-response",
          message: `The answer is not an HTTP response (${failure.message}). Is this the right port, and does it speak HTTP?`,
        };
      }
      return {
        code: "no-response",
        message:
          `The server ${failure.code === "ECONNRESET" ? "reset" : "closed"} the connection without sending a response. ` +
          (target.secure
            ? "A proxy in TCP mode whose backend is down does this."
            : "A TLS-only port does this when it receives plain text (try wss://), and so does a proxy in TCP mode whose backend is down."),
      };
  }
}

// Node's codes for a certificate the client could not verify or whose name does not match.
const CERTIFICATE_ERROR_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function diagnoseTlsFailure(failure: ConnectionFailure): Diagnosis {
  if (failure.code === "ERR_SSL_WRONG_VERSION_NUMBER" || /wrong version number/i.test(failure.message)) {
    return {
      code: "tls-wrong-version",
      message:
        'TLS failed with OpenSSL\'s "wrong version number": the server answered in plain text, so this port speaks plain ' +
        "HTTP, not TLS. Use ws:// for this port, or point wss:// at the TLS port (nginx `listen 443 ssl`, HAProxy `bind :443 ssl crt ...`).",
    };
  }
  if (CERTIFICATE_ERROR_CODES.has(failure.code)) {
    return {
      code: "tls-certificate",
      message:
        `The server's certificate was not accepted: ${failure.message} (${failure.code}). For a self-signed certificate or a ` +
        "private CA pass --ca FILE (or --insecure to skip verification); for a name mismatch check --servername and the " +
        "certificate's subjectAltName.",
    };
  }
  return { code: "tls-failure", message: `The TLS handshake failed: ${failure.message} (${failure.code}).` };
}

function diagnoseStatus(response: ProbeResponse, bodyStart: string): Diagnosis {
  const status = response.status;
  const statusText = `${status} ${response.reason}`.trim();
  if (status === 200) {
    const contentType = findHeader(response.headers, "Content-Type");
    return {
      code: "upgrade-ignored",
      message:
        `The server answered ${statusText}${contentType ? ` (${contentType})` : ""} instead of 101: the upgrade was ignored. ` +
        "Either this path is served by a static file or SPA fallback (a location with try_files ... /index.html, or one " +
        "that does not proxy), or the Upgrade header never reached the backend, which then served a plain GET.",
    };
  }
  if ([301, 302, 303, 307, 308].includes(status)) {
    const location = findHeader(response.headers, "Location");
    return {
      code: "redirect",
      message:
        `The server redirects (${statusText}) to ${location ?? "(no Location header)"}. Browsers do not follow redirects ` +
        "on a WebSocket handshake, so the connection fails. Use the final URL in the client, or stop redirecting this path " +
        "(a missing trailing slash, an http-to-https or a login redirect are the usual causes).",
    };
  }
  switch (status) {
    case 400:
      if (/plain HTTP request was sent to HTTPS port/i.test(bodyStart)) {
        return {
          code: "bad-request",
          message: `${statusText}: this port expects TLS but received plain text. Use wss:// for this port.`,
        };
      }
      return {
        code: "bad-request",
        message:
          `${statusText}: the backend did not receive a valid WebSocket handshake. Usually the proxy did not forward Upgrade ` +
          'and Connection (nginx: `proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade";`), or ' +
          "spoke HTTP/1.0 to the backend (nginx: `proxy_http_version 1.1;`).",
      };
    case 401:
      return {
        code: "unauthorized",
        message: `${statusText}: the endpoint wants credentials. Pass them as the client does, e.g. -H "Authorization: ..." or -H "Cookie: ...".`,
      };
    case 403:
      return {
        code: "forbidden",
        message:
          `${statusText}: the handshake was refused. WebSocket servers do this when the Origin check fails (probe with the ` +
          "page's origin: --origin https://your.site) or when the proxy rewrote Host so the backend's allowed-hosts check " +
          "fails (nginx: `proxy_set_header Host $host;`).",
      };
    case 404:
      return {
        code: "not-found",
        message:
          `${statusText}: nothing answers at the path the server received. If a proxy is in front, it probably rewrote the ` +
          "path: in nginx, `proxy_pass http://backend/;` (with a URI) replaces the matched location prefix, while " +
          "`proxy_pass http://backend;` (without one) passes the path unchanged.",
      };
    case 426:
      return {
        code: "upgrade-required",
        message:
          `${statusText}: the backend expects a WebSocket upgrade but received a request without one. The proxy dropped ` +
          "the hop-by-hop Upgrade and Connection headers, or spoke HTTP/1.0; nginx needs `proxy_http_version 1.1;` " +
          'and `proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade";`.',
      };
    case 502:
      return {
        code: "bad-gateway",
        message:
          `${statusText}: the proxy got no valid answer from the backend. The backend is down or not listening where the ` +
          "proxy connects, or the proxy speaks the wrong scheme to it (http:// to a TLS backend, https:// to a plain one).",
      };
    case 503:
      return {
        code: "service-unavailable",
        message:
          `${statusText}: no backend was available. HAProxy answers 503 when every server of the backend is down or ` +
          "failing health checks; otherwise the service is overloaded or in maintenance.",
      };
    case 504:
      return {
        code: "gateway-timeout",
        message:
          `${statusText}: the proxy timed out waiting for the backend (nginx proxy_connect_timeout / proxy_read_timeout, ` +
          "HAProxy timeout connect / timeout server). The backend is unreachable or too slow to answer the handshake.",
      };
    default:
      return {
        code: "unexpected-status",
        message: `${statusText}: a WebSocket handshake must be answered with 101 Switching Protocols.`,
      };
  }
}

function diagnoseExchange(exchange: ExchangeResult, timeoutMs: number): Diagnosis {
  if (exchange.received === null) {
    const ending = exchange.closure
      ? `the connection ended (${describeClosure(exchange.closure)}) before a message arrived`
      : `no message arrived within ${formatMilliseconds(timeoutMs)}`;
    return {
      code: "exchange-failed",
      message: `The handshake worked but ${ending}: the backend does not answer this message, or a proxy does not relay frames.`,
    };
  }
  return {
    code: "exchange-failed",
    message: `The reply does not match --expect /${exchange.expect}/: the backend answered something else.`,
  };
}

function diagnoseHoldClose(hold: HoldResult): Diagnosis {
  const closedAfter = formatMilliseconds(hold.closedAfterMs ?? 0);
  const withPings = hold.pings
    ? ` Pings every ${formatMilliseconds(hold.pings.intervalMs)} did not keep it open: the timeout is shorter than that, or something closes connections regardless of traffic.`
    : " Heartbeats (ping/pong or application messages) more often than the timeout keep it open; try --ping to check.";
  if (hold.closure?.by === "close-frame") {
    // nginx and HAProxy end an idle tunnel by closing TCP; a close frame comes from a WebSocket endpoint.
    return {
      code: "closed-during-hold",
      message:
        `The server ended the idle connection after ${closedAfter} with a ${describeClosure(hold.closure)}. Proxies ` +
        "such as nginx and HAProxy close idle tunnels without a close frame, so the backend application (or a " +
        `WebSocket-aware load balancer) decided this: look for its own idle or heartbeat timeout.${withPings}`,
    };
  }
  return {
    code: "closed-during-hold",
    message:
      `The idle connection was closed after ${closedAfter} (${describeClosure(hold.closure)}). That is the idle ` +
      "timeout of a proxy or load balancer: nginx closes a WebSocket after `proxy_read_timeout` (default 60s) without " +
      "data from the backend, HAProxy after `timeout tunnel` (or `timeout client` / `timeout server` when no tunnel " +
      `timeout is set), cloud load balancers after their idle timeout. Raise it for this route.${withPings}`,
  };
}

const CLOSED_BY_TEXT: Record<ClosedBy, string> = {
  "close-frame": "close frame",
  "tcp-reset": "TCP reset",
  eof: "TCP connection closed without a close frame",
  "socket-error": "socket error",
};

export function describeClosure(closure: ConnectionClosure | null): string {
  if (!closure) return "unknown";
  if (closure.by === "close-frame") {
    const code = closure.code === null ? "no code" : `code ${closure.code}`;
    return `close frame, ${code}${closure.reason ? ` "${closure.reason}"` : ""}`;
  }
  return closure.error ? `${CLOSED_BY_TEXT[closure.by]}: ${closure.error}` : CLOSED_BY_TEXT[closure.by];
}
