import { randomBytes } from "node:crypto";

// RFC 6455 section 5.2 opcodes.
export const Opcode = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

export interface Frame {
  fin: boolean;
  opcode: number;
  /** Already unmasked. */
  payload: Buffer;
}

/**
 * Encodes one frame. A client must mask every frame it sends (RFC 6455 section 5.3), a server must
 * not: `masked` says which side is writing.
 */
export function encodeFrame(opcode: number, payload: Buffer, masked: boolean): Buffer {
  const lengthBytes = payload.length < 126 ? 0 : payload.length <= 0xffff ? 2 : 8;
  const head = Buffer.alloc(2 + lengthBytes + (masked ? 4 : 0));
  head[0] = 0x80 | opcode;
  const maskBit = masked ? 0x80 : 0;
  if (lengthBytes === 0) head[1] = maskBit | payload.length;
  else if (lengthBytes === 2) {
    head[1] = maskBit | 126;
    head.writeUInt16BE(payload.length, 2);
  } else {
    head[1] = maskBit | 127;
    head.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  if (!masked) return Buffer.concat([head, payload]);
  const mask = randomBytes(4);
  mask.copy(head, 2 + lengthBytes);
  return Buffer.concat([head, applyMask(payload, mask)]);
}

/** Close frame payload: a two-byte status code, then a UTF-8 reason (RFC 6455 section 5.5.1). */
export function encodeClosePayload(code: number, reason = ""): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2);
  return payload;
}

export function decodeClosePayload(payload: Buffer): { code: number | null; reason: string | null } {
  if (payload.length < 2) return { code: null, reason: null };
  return { code: payload.readUInt16BE(0), reason: payload.subarray(2).toString("utf8") };
}

function applyMask(payload: Buffer, mask: Buffer): Buffer {
  const result = Buffer.alloc(payload.length);
  for (let index = 0; index < payload.length; index++) result[index] = payload[index]! ^ mask[index % 4]!;
  return result;
}

/** Cuts a byte stream into frames; bytes of an incomplete frame wait for the next chunk. */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    for (let frame = this.takeFrame(); frame; frame = this.takeFrame()) frames.push(frame);
    return frames;
  }

  private takeFrame(): Frame | null {
    const bytes = this.pending;
    if (bytes.length < 2) return null;
    const masked = (bytes[1]! & 0x80) !== 0;
    const shortLength = bytes[1]! & 0x7f;
    let offset = 2;
    let length = shortLength;
    if (shortLength === 126) {
      if (bytes.length < 4) return null;
      length = bytes.readUInt16BE(2);
      offset = 4;
    } else if (shortLength === 127) {
      if (bytes.length < 10) return null;
      length = Number(bytes.readBigUInt64BE(2));
      offset = 10;
    }
    const maskOffset = offset;
    if (masked) offset += 4;
    if (bytes.length < offset + length) return null;
    const raw = bytes.subarray(offset, offset + length);
    const payload = masked ? applyMask(raw, bytes.subarray(maskOffset, maskOffset + 4)) : Buffer.from(raw);
    this.pending = bytes.subarray(offset + length);
    return { fin: (bytes[0]! & 0x80) !== 0, opcode: bytes[0]! & 0x0f, payload };
  }
}
