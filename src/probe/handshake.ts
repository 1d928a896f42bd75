import { createHash, randomBytes } from "node:crypto";
import { findHeader, headerListItems, joinedHeader, type HeaderField } from "./headers.js";
import type { ProbeTarget } from "./target.js";
import type { ProbeCheck, ProbeResponse } from "./types.js";

// RFC 6455 section 1.3: the GUID the server appends to the key before hashing.
const WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

export function generateWebSocketKey(): string {
  return randomBytes(16).toString("base64");
}

export function computeAcceptValue(key: string): string {
  return createHash("sha1").update(key + WEBSOCKET_GUID).digest("base64");
}

export interface HandshakeRequestOptions {
  key: string;
  origin?: string | undefined;
  subprotocols?: readonly string[] | undefined;
  /** From -H: replaces a default header of the same name, otherwise is added. */
  extraHeaders?: readonly HeaderField[] | undefined;
}

export interface HandshakeRequest {
  requestLine: string;
  headers: HeaderField[];
}

export function buildHandshakeRequest(target: ProbeTarget, options: HandshakeRequestOptions): HandshakeRequest {
  const headers: HeaderField[] = [
    { name: "Host", value: target.hostHeader },
    { name: "Upgrade", value: "websocket" },
    { name: "Connection", value: "Upgrade" },
    { name: "Sec-WebSocket-Key", value: options.key },
    { name: "Sec-WebSocket-Version", value: "13" },
  ];
  if (options.origin !== undefined) headers.push({ name: "Origin", value: options.origin });
  if (options.subprotocols && options.subprotocols.length > 0) {
    headers.push({ name: "Sec-WebSocket-Protocol", value: options.subprotocols.join(", ") });
  }
  for (const extra of options.extraHeaders ?? []) {
    const existing = headers.findIndex((field) => field.name.toLowerCase() === extra.name.toLowerCase());
    if (existing >= 0) headers[existing] = extra;
    else headers.push(extra);
  }
  return { requestLine: `GET ${target.requestPath} HTTP/1.1`, headers };
}

export function serializeRequest(request: HandshakeRequest): Buffer {
  const lines = [request.requestLine, ...request.headers.map((field) => `${field.name}: ${field.value}`)];
  return Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
}

export interface ParsedResponseHead {
  response: ProbeResponse;
  /** Bytes after the blank line: the first WebSocket frames, if the server sent them at once. */
  rest: Buffer;
}

/** Thrown when the bytes before the blank line are not an HTTP response. */
export class MalformedResponseError extends Error {
  override readonly name = "MalformedResponseError";
}

/** Returns null while the head is incomplete. */
export function parseResponseHead(bytes: Buffer): ParsedResponseHead | null {
  const end = bytes.indexOf("\r\n\r\n");
  if (end < 0) {
    if (bytes.length >= 5 && !bytes.subarray(0, 5).equals(Buffer.from("HTTP/"))) {
      throw new MalformedResponseError(`the server answered with something that is not HTTP: ${printable(bytes)}`);
    }
    return null;
  }
  const [statusLine = "", ...headerLines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const status = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!status) throw new MalformedResponseError(`not an HTTP status line: ${printable(Buffer.from(statusLine, "latin1"))}`);
  const headers: HeaderField[] = [];
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MalformedResponseError(`not an HTTP header line: ${printable(Buffer.from(line, "latin1"))}`);
    headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return {
    response: { httpVersion: status[1]!, status: Number(status[2]), reason: status[3] ?? "", headers },
    rest: bytes.subarray(end + 4),
  };
}

function printable(bytes: Buffer): string {
  const text = bytes.subarray(0, 40).toString("latin1").replace(/[^\x20-\x7e]/g, "·");
  return JSON.stringify(bytes.length > 40 ? `${text}…` : text);
}

/**
 * The client-side checks of RFC 6455 section 4.1 on a response. Upgrade, Connection, Accept,
 * subprotocol and extensions are only meaningful on a 101, so a non-101 yields the status check alone.
 */
export function checkHandshakeResponse(request: HandshakeRequest, response: ProbeResponse): ProbeCheck[] {
  const statusCheck: ProbeCheck = {
    id: "status",
    passed: response.status === 101,
    detail: `${response.status} ${response.reason}`.trim(),
  };
  if (!statusCheck.passed) return [statusCheck];

  const upgrade = joinedHeader(response.headers, "Upgrade");
  const connection = joinedHeader(response.headers, "Connection");
  const accept = findHeader(response.headers, "Sec-WebSocket-Accept");
  const expectedAccept = computeAcceptValue(findHeader(request.headers, "Sec-WebSocket-Key") ?? "");
  return [
    statusCheck,
    {
      id: "upgrade",
      passed: upgrade !== undefined && upgrade.trim().toLowerCase() === "websocket",
      detail: upgrade === undefined ? "header missing" : upgrade,
    },
    {
      id: "connection",
      passed: headerListItems(connection).some((token) => token.toLowerCase() === "upgrade"),
      detail: connection === undefined ? "header missing" : connection,
    },
    {
      id: "accept",
      passed: accept === expectedAccept,
      detail:
        accept === undefined
          ? "Sec-WebSocket-Accept missing"
          : accept === expectedAccept
            ? "matches the key"
            : `${accept}, expected ${expectedAccept}`,
    },
    checkSelection("subprotocol", request, response, "Sec-WebSocket-Protocol", true),
    checkSelection("extensions", request, response, "Sec-WebSocket-Extensions", false),
  ];
}

/** A server may only choose subprotocols and extensions the client offered. */
function checkSelection(
  id: "subprotocol" | "extensions",
  request: HandshakeRequest,
  response: ProbeResponse,
  headerName: string,
  caseSensitive: boolean,
): ProbeCheck {
  const normalize = (item: string) => (caseSensitive ? item : item.toLowerCase());
  const offered = headerListItems(joinedHeader(request.headers, headerName)).map(normalize);
  const chosen = headerListItems(joinedHeader(response.headers, headerName));
  const unoffered = chosen.filter((item) => !offered.includes(normalize(item)));
  const what = id === "subprotocol" ? "subprotocol" : "extension";
  if (id === "subprotocol" && chosen.length > 1) {
    return { id, passed: false, detail: `server chose several subprotocols (${chosen.join(", ")}); it must choose one` };
  }
  if (unoffered.length > 0) {
    const offeredText = offered.length === 0 ? "none was offered" : `offered: ${offered.join(", ")}`;
    return { id, passed: false, detail: `server chose ${what} ${unoffered.join(", ")}, ${offeredText}` };
  }
  if (chosen.length > 0) return { id, passed: true, detail: `server chose ${chosen.join(", ")}` };
  return { id, passed: true, detail: offered.length === 0 ? `none offered, none chosen` : `none chosen` };
}
