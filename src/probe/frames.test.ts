import { describe, expect, it } from "vitest";
import { decodeClosePayload, encodeClosePayload, encodeFrame, FrameReader, Opcode } from "./frames.js";

describe("encodeFrame", () => {
  it("writes an unmasked short text frame as RFC 6455 section 5.7 shows", () => {
    // The spec's own example: a single-frame unmasked text message "Hello".
    expect(encodeFrame(Opcode.text, Buffer.from("Hello"), false)).toEqual(
      Buffer.from([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]),
    );
  });

  it("sets the mask bit and does not send the payload in clear when masked", () => {
    const payload = Buffer.from("a secret that must be masked");
    const frame = encodeFrame(Opcode.text, payload, true);
    expect(frame[1]! & 0x80).toBe(0x80);
    expect(frame[1]! & 0x7f).toBe(payload.length);
    expect(frame.subarray(6)).not.toEqual(payload);
  });

  it.each([
    [125, 2],
    [126, 4],
    [65_535, 4],
    [65_536, 10],
  ])("uses the right length encoding for %d bytes", (length, headerLength) => {
    const frame = encodeFrame(Opcode.binary, Buffer.alloc(length, 7), false);
    expect(frame.length).toBe(headerLength + length);
  });
});

describe("FrameReader", () => {
  it("round-trips masked and unmasked frames of every length class", () => {
    for (const length of [0, 5, 125, 126, 70_000]) {
      for (const masked of [false, true]) {
        const payload = Buffer.alloc(length, length % 251);
        const [frame] = new FrameReader().push(encodeFrame(Opcode.binary, payload, masked));
        expect(frame).toEqual({ fin: true, opcode: Opcode.binary, payload });
      }
    }
  });

  it("waits for the rest of a frame split across chunks and returns frames sent together", () => {
    const bytes = Buffer.concat([
      encodeFrame(Opcode.text, Buffer.from("first"), true),
      encodeFrame(Opcode.ping, Buffer.from("p"), true),
    ]);
    const reader = new FrameReader();
    const collected = [];
    for (const byte of bytes) collected.push(...reader.push(Buffer.from([byte])));
    expect(collected.map((frame) => [frame.opcode, frame.payload.toString()])).toEqual([
      [Opcode.text, "first"],
      [Opcode.ping, "p"],
    ]);
  });

  it("reads the FIN bit of a fragment", () => {
    const [fragment] = new FrameReader().push(Buffer.from([0x01, 0x03, 0x48, 0x65, 0x6c]));
    expect(fragment).toMatchObject({ fin: false, opcode: Opcode.text });
  });
});

describe("close payload", () => {
  it("round-trips code and reason, and reads an empty payload as no code", () => {
    expect(decodeClosePayload(encodeClosePayload(1001, "going away"))).toEqual({ code: 1001, reason: "going away" });
    expect(decodeClosePayload(Buffer.alloc(0))).toEqual({ code: null, reason: null });
  });
});
