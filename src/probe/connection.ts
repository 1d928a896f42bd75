import { lookup } from "node:dns/promises";
import { connect as connectTcpSocket, type Socket } from "node:net";
import { checkServerIdentity, connect as connectTlsSocket, type TLSSocket } from "node:tls";
import { MalformedResponseError, parseResponseHead, type ParsedResponseHead } from "./handshake.js";

export type ConnectionPhase = "dns" | "connect" | "tls" | "response";

/** Why the probe got no HTTP response: the phase it stopped in and Node's error code (or `timeout`, `eof`, `malformed`). */
export class ConnectionFailure extends Error {
  override readonly name = "ConnectionFailure";
  constructor(
    readonly phase: ConnectionPhase,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function failureFrom(phase: ConnectionPhase, error: unknown): ConnectionFailure {
  if (error instanceof ConnectionFailure) return error;
  const code = (error as NodeJS.ErrnoException).code ?? "unknown";
  return new ConnectionFailure(phase, code, readableMessage(error instanceof Error ? error.message : String(error)));
}

/** OpenSSL errors arrive as `...:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:file:line:`. */
function readableMessage(message: string): string {
  return /:SSL routines:[^:]*:([^:]+):/.exec(message)?.[1] ?? message.trim();
}

/**
 * Runs one phase with what is left of the handshake timeout; on timeout `abandon` tears the phase
 * down (destroys the socket) so nothing keeps running in the background.
 */
function withinTime<T>(phase: ConnectionPhase, timeoutMs: number, run: Promise<T>, abandon: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abandon();
      reject(new ConnectionFailure(phase, "timeout", `no progress within the handshake timeout`));
    }, Math.max(timeoutMs, 0));
  });
  return Promise.race([run, timeout]).then(
    (value) => {
      clearTimeout(timer);
      return value;
    },
    (error: unknown) => {
      clearTimeout(timer);
      throw failureFrom(phase, error);
    },
  );
}

/** Every address of the host, in the resolver's order. */
export function resolveHost(host: string, timeoutMs: number): Promise<string[]> {
  return withinTime(
    "dns",
    timeoutMs,
    lookup(host, { all: true }).then((results) => [...new Set(results.map((result) => result.address))]),
    () => {},
  );
}

/**
 * Tries the addresses in turn, as curl does, so that `localhost` reaches a server listening on
 * 127.0.0.1 when ::1 comes first. The last address's failure is the one reported.
 */
export async function connectTcpToAny(addresses: readonly string[], port: number, deadline: number): Promise<{ socket: Socket; address: string }> {
  for (const [index, address] of addresses.entries()) {
    try {
      return { socket: await connectTcp(address, port, deadline - performance.now()), address };
    } catch (error) {
      const isLast = index === addresses.length - 1;
      if (isLast || (error instanceof ConnectionFailure && error.code === "timeout")) throw error;
    }
  }
  throw new ConnectionFailure("connect", "no-address", "the host has no address");
}

function connectTcp(address: string, port: number, timeoutMs: number): Promise<Socket> {
  const socket = connectTcpSocket({ host: address, port });
  const connected = new Promise<Socket>((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("error", reject);
  });
  return withinTime("connect", timeoutMs, connected, () => socket.destroy());
}

export interface TlsSettings {
  /** Server name for SNI; absent for IP addresses, which SNI may not carry. */
  serverName: string | undefined;
  /** The name the certificate must be valid for. */
  identityHost: string;
  ca: string | undefined;
  insecure: boolean;
}

export function startTls(socket: Socket, settings: TlsSettings, timeoutMs: number): Promise<TLSSocket> {
  const tlsSocket = connectTlsSocket({
    socket,
    servername: settings.serverName,
    ca: settings.ca,
    rejectUnauthorized: !settings.insecure,
    ALPNProtocols: ["http/1.1"],
    checkServerIdentity: (_host, certificate) => checkServerIdentity(settings.identityHost, certificate),
  });
  const secured = new Promise<TLSSocket>((resolve, reject) => {
    tlsSocket.once("secureConnect", () => resolve(tlsSocket));
    tlsSocket.once("error", reject);
  });
  return withinTime("tls", timeoutMs, secured, () => tlsSocket.destroy());
}

export interface ResponseTiming {
  firstByteAt: number | null;
}

/** Writes the request and reads bytes until the response head is complete. */
export function exchangeHead(
  socket: Socket,
  request: Buffer,
  timeoutMs: number,
  timing: ResponseTiming,
): Promise<ParsedResponseHead> {
  let received: Buffer = Buffer.alloc(0);
  let cleanUp = () => {};
  const answered = new Promise<ParsedResponseHead>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      timing.firstByteAt ??= performance.now();
      received = Buffer.concat([received, chunk]);
      try {
        const head = parseResponseHead(received);
        if (head) {
          // Hold further bytes (early frames) until the WebSocket session starts reading.
          socket.pause();
          resolve(head);
        }
      } catch (error) {
        const message = error instanceof MalformedResponseError ? error.message : String(error);
        reject(new ConnectionFailure("response", "malformed", message));
      }
    };
    const onEnd = () =>
      reject(new ConnectionFailure("response", "eof", received.length === 0 ? "closed without a response" : "closed in the middle of the response headers"));
    socket.on("data", onData);
    socket.once("end", onEnd);
    socket.once("error", reject);
    cleanUp = () => {
      socket.off("data", onData);
      socket.off("end", onEnd);
      socket.off("error", reject);
    };
    socket.write(request);
  });
  return withinTime("response", timeoutMs, answered, () => socket.destroy()).finally(() => cleanUp());
}
