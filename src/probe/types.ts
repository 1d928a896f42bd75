import type { HeaderField } from "./headers.js";

export type CheckId =
  | "dns"
  | "connect"
  | "tls"
  | "response"
  | "status"
  | "upgrade"
  | "connection"
  | "accept"
  | "subprotocol"
  | "extensions"
  | "exchange"
  | "hold"
  | "pings";

/** One thing the probe verified. Only checks that were actually performed appear in a result. */
export interface ProbeCheck {
  id: CheckId;
  passed: boolean;
  /** What was seen, in a few words: `HTTP/1.1 101 Switching Protocols`, `closed after 2.00 s`. */
  detail: string;
}

/** Milliseconds per phase; null when the phase did not happen (no DNS for an IP, no TLS for ws://). */
export interface ProbeTimings {
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  /** From the request written to the first response byte. */
  firstByteMs: number | null;
  /** From the request written to the end of the response headers. */
  headersMs: number | null;
  /** From the start of the probe to the end of the handshake (or the failure). */
  totalMs: number;
}

export interface ProbeRequestEcho {
  /** `127.0.0.1:8080`: where the probe connected, after DNS or --resolve. */
  connectedTo: string | null;
  requestLine: string;
  /** Credentials are already redacted. */
  headers: HeaderField[];
}

export interface ProbeResponse {
  httpVersion: string;
  status: number;
  reason: string;
  /** Credentials (Set-Cookie) are already redacted. */
  headers: HeaderField[];
}

export type ClosedBy = "close-frame" | "tcp-reset" | "eof" | "socket-error";

export interface ConnectionClosure {
  by: ClosedBy;
  /** Close frame status code and reason, when the server sent a close frame. */
  code: number | null;
  reason: string | null;
  /** Socket error message for `tcp-reset` and `socket-error`. */
  error: string | null;
}

export interface ExchangeResult {
  sent: string | null;
  received: string | null;
  /** From the message sent (or the wait started) to the reply. */
  receivedAfterMs: number | null;
  expect: string | null;
  /** null when no --expect was given. */
  matched: boolean | null;
  /** Set when the connection ended instead of replying. */
  closure: ConnectionClosure | null;
}

export interface PingReport {
  intervalMs: number;
  sent: number;
  pongs: number;
  missed: number;
}

export interface HoldResult {
  requestedMs: number;
  survived: boolean;
  /** From the start of the hold to the close; null when the connection survived. */
  closedAfterMs: number | null;
  closure: ConnectionClosure | null;
  /** Data messages the server pushed during the hold: they keep a proxy's idle timer from firing. */
  messagesReceived: number;
  pings: PingReport | null;
}

export type DiagnosisCode =
  | "dns-failure"
  | "connection-refused"
  | "connect-failure"
  | "tls-wrong-version"
  | "tls-certificate"
  | "tls-failure"
  | "handshake-timeout"
  | "no-response"
  | "malformed-response"
  | "upgrade-ignored"
  | "redirect"
  | "bad-request"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "upgrade-required"
  | "bad-gateway"
  | "service-unavailable"
  | "gateway-timeout"
  | "unexpected-status"
  | "bad-upgrade-header"
  | "bad-connection-header"
  | "bad-accept"
  | "unoffered-subprotocol"
  | "unoffered-extension"
  | "exchange-failed"
  | "closed-during-hold"
  | "pongs-missed";

export interface Diagnosis {
  code: DiagnosisCode;
  message: string;
}

export interface ProbeResult {
  url: string;
  /** True when every check passed, the hold and the message exchange included. */
  ok: boolean;
  checks: ProbeCheck[];
  timings: ProbeTimings;
  request: ProbeRequestEcho;
  response: ProbeResponse | null;
  exchange: ExchangeResult | null;
  hold: HoldResult | null;
  diagnosis: Diagnosis[];
}
