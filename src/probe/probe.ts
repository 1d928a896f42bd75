import { isIP, type Socket } from "node:net";
import { connectTcpToAny, ConnectionFailure, exchangeHead, resolveHost, startTls, type ResponseTiming } from "./connection.js";
import { describeClosure, diagnose } from "./diagnose.js";
import { formatMilliseconds } from "./duration.js";
import {
  buildHandshakeRequest,
  checkHandshakeResponse,
  generateWebSocketKey,
  serializeRequest,
  type HandshakeRequest,
  type ParsedResponseHead,
} from "./handshake.js";
import { redactHeaders, type HeaderField } from "./headers.js";
import { WebSocketSession } from "./session.js";
import { parseProbeTarget, type ProbeTarget, type ResolveOverride } from "./target.js";
import type { CheckId, ExchangeResult, HoldResult, ProbeCheck, ProbeResult, ProbeTimings } from "./types.js";

export interface ProbeOptions {
  headers?: HeaderField[];
  origin?: string;
  subprotocols?: string[];
  /** Bounds the handshake, and separately the wait for the --send reply. */
  timeoutMs?: number;
  insecure?: boolean;
  /** PEM text of the CA certificate(s) to trust instead of the system store. */
  ca?: string;
  servername?: string;
  resolve?: ResolveOverride[];
  send?: string;
  expect?: RegExp;
  holdMs?: number;
  pingIntervalMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

const FAILED_PHASE_CHECK: Record<ConnectionFailure["phase"], CheckId> = {
  dns: "dns",
  connect: "connect",
  tls: "tls",
  response: "response",
};

// How long to wait for the server to answer our close frame before dropping the socket.
const CLOSE_GRACE_MS = 1000;

/**
 * Opens a WebSocket connection the way a browser does and reports every RFC 6455 check, the
 * timings, and - when asked - one message exchange and an idle hold. Connection problems and
 * failed checks are results, not exceptions; only a malformed URL throws (ProbeUsageError).
 */
export async function probeUrl(url: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const target = parseProbeTarget(url, options.resolve);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const request = buildHandshakeRequest(target, {
    key: generateWebSocketKey(),
    origin: options.origin,
    subprotocols: options.subprotocols,
    extraHeaders: options.headers,
  });
  const handshake = await performHandshake(target, request, options, timeoutMs);
  const { checks, head, socket } = handshake;

  let exchange: ExchangeResult | null = null;
  let hold: HoldResult | null = null;
  if (head && socket) {
    checks.push(...checkHandshakeResponse(request, head.response));
    if (checks.every((check) => check.passed)) {
      const session = new WebSocketSession(socket, head.rest);
      if (options.send !== undefined || options.expect !== undefined) {
        exchange = await exchangeMessage(session, options.send ?? null, options.expect ?? null, timeoutMs);
        checks.push(exchangeCheck(exchange));
      }
      if (options.holdMs !== undefined && session.closure === null) {
        hold = await holdIdle(session, options.holdMs, options.pingIntervalMs ?? null);
        checks.push(...holdChecks(hold));
      }
      await session.close(CLOSE_GRACE_MS);
    } else {
      socket.destroy();
    }
  }

  const response = head ? { ...head.response, headers: redactHeaders(head.response.headers) } : null;
  const triedAddresses = handshake.connectedAddress !== null ? [handshake.connectedAddress] : handshake.addresses;
  const connectTo = (triedAddresses.length > 0 ? triedAddresses : [target.host])
    .map((address) => hostPort(address, target.port))
    .join(" and ");
  return {
    url: target.url,
    ok: checks.every((check) => check.passed),
    checks,
    timings: roundTimings(handshake.timings),
    request: {
      connectedTo: handshake.connectedAddress === null ? null : connectTo,
      requestLine: request.requestLine,
      headers: redactHeaders(request.headers),
    },
    response,
    exchange,
    hold,
    diagnosis: diagnose({
      target,
      connectTo,
      timeoutMs,
      failure: handshake.failure,
      response,
      bodyStart: head && head.response.status !== 101 ? head.rest.subarray(0, 512).toString("utf8") : "",
      checks,
      exchange,
      hold,
    }),
  };
}

interface HandshakeOutcome {
  checks: ProbeCheck[];
  timings: ProbeTimings;
  /** What DNS (or --resolve, or an IP URL) gave. */
  addresses: string[];
  connectedAddress: string | null;
  socket: Socket | null;
  /** Null when the probe got no response: `failure` says why. */
  head: ParsedResponseHead | null;
  failure: ConnectionFailure | null;
}

/** DNS, TCP, TLS and the HTTP exchange, each timed, all within `timeoutMs`. */
async function performHandshake(
  target: ProbeTarget,
  request: HandshakeRequest,
  options: ProbeOptions,
  timeoutMs: number,
): Promise<HandshakeOutcome> {
  const startedAt = performance.now();
  const deadline = startedAt + timeoutMs;
  const timeLeft = () => deadline - performance.now();
  const knownAddresses = target.connectAddresses ?? (isIP(target.host) !== 0 ? [target.host] : null);
  const outcome: HandshakeOutcome = {
    checks: [],
    timings: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, headersMs: null, totalMs: 0 },
    addresses: knownAddresses ?? [],
    connectedAddress: null,
    socket: null,
    head: null,
    failure: null,
  };
  const { checks, timings } = outcome;
  try {
    if (knownAddresses === null) {
      outcome.addresses = await timed((ms) => (timings.dnsMs = ms), () => resolveHost(target.host, timeLeft()));
      checks.push({ id: "dns", passed: true, detail: `${target.host} -> ${outcome.addresses.join(", ")}` });
    }
    const connected = await timed((ms) => (timings.connectMs = ms), () => connectTcpToAny(outcome.addresses, target.port, deadline));
    outcome.socket = connected.socket;
    outcome.connectedAddress = connected.address;
    checks.push({ id: "connect", passed: true, detail: hostPort(connected.address, target.port) });
    if (target.secure) {
      const tlsSettings = {
        serverName: options.servername ?? (isIP(target.host) === 0 ? target.host : undefined),
        identityHost: options.servername ?? target.host,
        ca: options.ca,
        insecure: options.insecure ?? false,
      };
      const tlsSocket = await timed((ms) => (timings.tlsMs = ms), () => startTls(connected.socket, tlsSettings, timeLeft()));
      outcome.socket = tlsSocket;
      const verification = tlsSettings.insecure ? "certificate not verified (--insecure)" : "certificate verified";
      checks.push({ id: "tls", passed: true, detail: `${tlsSocket.getProtocol() ?? "TLS"}, ${verification}` });
    }
    const responseTiming: ResponseTiming = { firstByteAt: null };
    const requestSentAt = performance.now();
    outcome.head = await exchangeHead(outcome.socket, serializeRequest(request), timeLeft(), responseTiming);
    timings.headersMs = performance.now() - requestSentAt;
    if (responseTiming.firstByteAt !== null) timings.firstByteMs = responseTiming.firstByteAt - requestSentAt;
  } catch (error) {
    if (!(error instanceof ConnectionFailure)) throw error;
    outcome.failure = error;
    checks.push({ id: FAILED_PHASE_CHECK[error.phase], passed: false, detail: describeFailure(error) });
    outcome.socket?.destroy();
    outcome.socket = null;
  }
  timings.totalMs = performance.now() - startedAt;
  return outcome;
}

async function timed<T>(record: (milliseconds: number) => void, run: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  try {
    return await run();
  } finally {
    record(performance.now() - startedAt);
  }
}

function hostPort(address: string, port: number): string {
  return isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

function describeFailure(failure: ConnectionFailure): string {
  if (failure.code === "timeout") return "timed out";
  if (failure.message.includes(failure.code) || !/^[A-Z_]+$/.test(failure.code)) return failure.message;
  return `${failure.message} (${failure.code})`;
}

function roundTimings(timings: ProbeTimings): ProbeTimings {
  const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
  return {
    dnsMs: round(timings.dnsMs),
    connectMs: round(timings.connectMs),
    tlsMs: round(timings.tlsMs),
    firstByteMs: round(timings.firstByteMs),
    headersMs: round(timings.headersMs),
    totalMs: round(timings.totalMs)!,
  };
}

async function exchangeMessage(
  session: WebSocketSession,
  send: string | null,
  expect: RegExp | null,
  timeoutMs: number,
): Promise<ExchangeResult> {
  const startedAt = performance.now();
  if (send !== null) session.sendText(send);
  await session.waitUntil(() => session.inbox.length > 0 || session.closure !== null, timeoutMs);
  const reply = session.inbox.shift();
  return {
    sent: send,
    received: reply?.text ?? null,
    receivedAfterMs: reply ? Math.round(reply.receivedAt - startedAt) : null,
    expect: expect?.source ?? null,
    matched: reply && expect ? expect.test(reply.text) : null,
    closure: reply ? null : session.closure,
  };
}

function exchangeCheck(exchange: ExchangeResult): ProbeCheck {
  const sent = exchange.sent === null ? "" : `sent ${quote(exchange.sent)}, `;
  if (exchange.received === null) {
    const why = exchange.closure ? `connection ended (${describeClosure(exchange.closure)})` : "no reply before the timeout";
    return { id: "exchange", passed: false, detail: `${sent}${why}` };
  }
  const received = `received ${quote(exchange.received)} after ${formatMilliseconds(exchange.receivedAfterMs ?? 0)}`;
  const match = exchange.matched === null ? "" : exchange.matched ? `, matches /${exchange.expect}/` : `, does not match /${exchange.expect}/`;
  return { id: "exchange", passed: exchange.matched !== false, detail: `${sent}${received}${match}` };
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

const PING_PREFIX = "wslint-ping-";

/** Keeps the connection idle (or pinging) for `holdMs`, and notes when and how it ended. */
async function holdIdle(session: WebSocketSession, holdMs: number, pingIntervalMs: number | null): Promise<HoldResult> {
  const startedAt = performance.now();
  const messagesBefore = session.messagesReceived;
  let pingsSent = 0;
  const answeredPings = () => new Set(session.pongPayloads.filter((payload) => payload.startsWith(PING_PREFIX))).size;
  const pinger =
    pingIntervalMs === null
      ? undefined
      : setInterval(() => {
          pingsSent++;
          session.ping(`${PING_PREFIX}${pingsSent}`);
        }, pingIntervalMs);
  const closed = await session.waitUntil(() => session.closure !== null, holdMs);
  clearInterval(pinger);
  if (!closed && pingIntervalMs !== null && answeredPings() < pingsSent) {
    // A ping sent just before the end of the hold deserves time for its pong.
    await session.waitUntil(() => answeredPings() >= pingsSent || session.closure !== null, Math.min(pingIntervalMs, 2000));
  }
  const pongs = answeredPings();
  return {
    requestedMs: holdMs,
    survived: !closed,
    closedAfterMs: closed && session.closedAt !== null ? Math.round(session.closedAt - startedAt) : null,
    closure: closed ? session.closure : null,
    messagesReceived: session.messagesReceived - messagesBefore,
    pings: pingIntervalMs === null ? null : { intervalMs: pingIntervalMs, sent: pingsSent, pongs, missed: pingsSent - pongs },
  };
}

function holdChecks(hold: HoldResult): ProbeCheck[] {
  const pushed = hold.messagesReceived > 0 ? `, ${hold.messagesReceived} messages from the server` : "";
  const holdCheck: ProbeCheck = hold.survived
    ? { id: "hold", passed: true, detail: `open after ${formatMilliseconds(hold.requestedMs)}${pushed}` }
    : {
        id: "hold",
        passed: false,
        detail: `closed after ${formatMilliseconds(hold.closedAfterMs ?? 0)} of ${formatMilliseconds(hold.requestedMs)}: ${describeClosure(hold.closure)}`,
      };
  if (!hold.pings) return [holdCheck];
  const { sent, pongs, missed } = hold.pings;
  return [holdCheck, { id: "pings", passed: missed === 0, detail: `${pongs} of ${sent} pings answered` }];
}
