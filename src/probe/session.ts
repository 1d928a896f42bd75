import type { Socket } from "node:net";
import { decodeClosePayload, encodeClosePayload, encodeFrame, FrameReader, Opcode } from "./frames.js";
import type { ConnectionClosure } from "./types.js";

export interface ReceivedMessage {
  text: string;
  receivedAt: number;
}

/**
 * The client side of an open WebSocket connection, as much as the probe needs: send one text
 * message, ping, answer the server's pings and close, and notice how the connection ended.
 */
export class WebSocketSession {
  readonly inbox: ReceivedMessage[] = [];
  messagesReceived = 0;
  readonly pongPayloads: string[] = [];
  closure: ConnectionClosure | null = null;
  closedAt: number | null = null;

  private readonly reader = new FrameReader();
  private fragments: Buffer[] = [];
  private closeSent = false;
  private wakeWaiters: Array<() => void> = [];

  constructor(
    private readonly socket: Socket,
    earlyBytes: Buffer,
  ) {
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("end", () => this.markClosed({ by: "eof", code: null, reason: null, error: null }));
    socket.on("error", (error: NodeJS.ErrnoException) => {
      const by = error.code === "ECONNRESET" ? "tcp-reset" : "socket-error";
      this.markClosed({ by, code: null, reason: null, error: error.message });
    });
    socket.on("close", () => this.markClosed({ by: "eof", code: null, reason: null, error: null }));
    if (earlyBytes.length > 0) this.receive(earlyBytes);
    socket.resume();
  }

  sendText(text: string): void {
    this.write(Opcode.text, Buffer.from(text, "utf8"));
  }

  ping(payload: string): void {
    this.write(Opcode.ping, Buffer.from(payload, "utf8"));
  }

  /** Resolves true as soon as `condition` holds, false when `timeoutMs` passes first. */
  waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeWaiters = this.wakeWaiters.filter((waiter) => waiter !== check);
        resolve(false);
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.wakeWaiters = this.wakeWaiters.filter((waiter) => waiter !== check);
        resolve(true);
      };
      this.wakeWaiters.push(check);
    });
  }

  /** Sends a close frame, gives the server a moment to answer it, then drops the socket. */
  async close(graceMs: number): Promise<void> {
    if (this.closure === null) {
      this.write(Opcode.close, encodeClosePayload(1000, "probe finished"));
      await this.waitUntil(() => this.closure !== null, graceMs);
    }
    this.socket.destroy();
  }

  private write(opcode: number, payload: Buffer): void {
    if (this.closure !== null || this.closeSent) return;
    if (opcode === Opcode.close) this.closeSent = true;
    this.socket.write(encodeFrame(opcode, payload, true));
  }

  private receive(chunk: Buffer): void {
    for (const frame of this.reader.push(chunk)) {
      switch (frame.opcode) {
        case Opcode.ping:
          this.write(Opcode.pong, frame.payload);
          break;
        case Opcode.pong:
          this.pongPayloads.push(frame.payload.toString("utf8"));
          break;
        case Opcode.close: {
          const { code, reason } = decodeClosePayload(frame.payload);
          this.markClosed({ by: "close-frame", code, reason, error: null });
          // Answer the close handshake (RFC 6455 section 5.5.1), then end our side.
          if (!this.closeSent) this.socket.write(encodeFrame(Opcode.close, frame.payload.subarray(0, 2), true));
          this.closeSent = true;
          this.socket.end();
          break;
        }
        default:
          // Text, binary or continuation: collect fragments until FIN.
          this.fragments.push(frame.payload);
          if (frame.fin) {
            this.messagesReceived++;
            this.inbox.push({ text: Buffer.concat(this.fragments).toString("utf8"), receivedAt: performance.now() });
            this.fragments = [];
          }
      }
    }
    this.wake();
  }

  private markClosed(closure: ConnectionClosure): void {
    if (this.closure !== null) return;
    this.closure = closure;
    this.closedAt = performance.now();
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.wakeWaiters]) waiter();
  }
}
