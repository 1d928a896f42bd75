// A small real WebSocket server for the probe tests: it listens on 127.0.0.1, upgrades valid
// RFC 6455 handshakes and echoes text messages. Options make it misbehave in the ways the probe
// must notice. Like common WebSocket servers it answers a plain (non-upgrade) request with 426, and
// an upgrade on any path but its endpoint with 404.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { computeAcceptValue } from "../../src/probe/handshake.js";
import { encodeClosePayload, encodeFrame, FrameReader, Opcode } from "../../src/probe/frames.js";

export const BACKEND_ENDPOINT = "/ws";

export interface BackendOptions {
  /** Replaces the correct Sec-WebSocket-Accept value. */
  acceptValue?: (key: string) => string;
  /** Answers with this Sec-WebSocket-Protocol whatever the client offered. */
  subprotocol?: string;
  /**
   * Upgrades HTTP/1.0 requests too. RFC 6455 section 4.2.1 requires HTTP/1.1 or higher, and strict
   * servers answer 400; lenient ones (Node's `ws`, for one) do not check the version.
   */
  acceptHttp10Upgrade?: boolean;
  /** Answers 403 to a handshake whose Origin is not in this list. */
  allowedOrigins?: string[];
  /** False: ignores pings instead of answering with a pong. */
  answerPings?: boolean;
  /** Ends every upgraded connection after this long, with a close frame or a TCP reset. */
  hangUp?: { afterMs: number; with: "close-frame" | "reset" };
}

export interface SeenRequest {
  httpVersion: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface WebSocketBackend {
  readonly port: number;
  readonly url: string;
  /** Every request that reached the backend, upgrade or not. */
  readonly requests: SeenRequest[];
  stop(): Promise<void>;
}

export async function startWebSocketBackend(options: BackendOptions = {}): Promise<WebSocketBackend> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    requests.push({ httpVersion: request.httpVersion, url: request.url ?? "", headers: request.headers });
    response.writeHead(426, { "Content-Type": "text/plain", Upgrade: "websocket", Connection: "close" });
    response.end("this endpoint speaks WebSocket only\n");
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("upgrade", (request, socket: Socket, head: Buffer) => {
    requests.push({ httpVersion: request.httpVersion, url: request.url ?? "", headers: request.headers });
    if (new URL(request.url ?? "/", "http://backend").pathname !== BACKEND_ENDPOINT) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const key = request.headers["sec-websocket-key"];
    const versionAllowed = request.httpVersion !== "1.0" || options.acceptHttp10Upgrade === true;
    const upgrade = request.headers.upgrade?.toLowerCase();
    if (!versionAllowed || upgrade !== "websocket" || !key || request.headers["sec-websocket-version"] !== "13") {
      socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const origin = request.headers.origin;
    if (options.allowedOrigins && (origin === undefined || !options.allowedOrigins.includes(origin))) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const accept = options.acceptValue ? options.acceptValue(key) : computeAcceptValue(key);
    const protocol = options.subprotocol ? `Sec-WebSocket-Protocol: ${options.subprotocol}\r\n` : "";
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Accept: ${accept}\r\n${protocol}\r\n`,
    );
    echoFrames(socket, head, options.answerPings ?? true);
    if (options.hangUp) hangUpLater(socket, options.hangUp);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Echoes text and binary messages, answers pings (unless told not to) and a close frame. */
function echoFrames(socket: Socket, firstBytes: Buffer, answerPings: boolean): void {
  const reader = new FrameReader();
  const onBytes = (chunk: Buffer) => {
    for (const frame of reader.push(chunk)) {
      if (frame.opcode === Opcode.ping) {
        if (answerPings) socket.write(encodeFrame(Opcode.pong, frame.payload, false));
      } else if (frame.opcode === Opcode.close) { socket.end(encodeFrame(Opcode.close, frame.payload.subarray(0, 2), false));
      } else if (frame.opcode === Opcode.text || frame.opcode === Opcode.binary) {
        socket.write(encodeFrame(frame.opcode, frame.payload, false));
      }
    }
  };
  socket.on("data", onBytes);
  socket.on("error", () => socket.destroy());
  if (firstBytes.length > 0) onBytes(firstBytes);
}

export const HANG_UP_CLOSE_CODE = 1001;
export const HANG_UP_REASON = "backend going away";

function hangUpLater(socket: Socket, hangUp: NonNullable<BackendOptions["hangUp"]>): void {
  const timer = setTimeout(() => {
    if (hangUp.with === "reset") socket.resetAndDestroy();
    else socket.end(encodeFrame(Opcode.close, encodeClosePayload(HANG_UP_CLOSE_CODE, HANG_UP_REASON), false));
  }, hangUp.afterMs);
  socket.on("close", () => clearTimeout(timer));
}
