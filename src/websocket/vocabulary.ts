// What names a WebSocket endpoint, shared by both dialects' route detection, and the
// `# wslint: ...` annotations users write on routes.

/**
 * Path segments that name WebSocket endpoints of common servers and frameworks: plain ws/wss,
 * Socket.IO, SockJS, Rails Action Cable, ASP.NET SignalR, graphql-ws, noVNC's websockify,
 * webpack's and Next.js's hot reload, MQTT over WebSocket. Compared whole, so /wsdl/ and /news/ do not count. Words such
 * as hub, live, events or graphql are left out: they name plain HTTP endpoints at least as often.
 */
export const WEBSOCKET_PATH_SEGMENTS: ReadonlySet<string> = new Set([
  "ws",
  "wss",
  "websocket",
  "websockets",
  "socket",
  "sockets",
  "socket.io",
  "sockjs",
  "sockjs-node",
  "cable",
  "signalr",
  "graphql-ws",
  "websockify",
  "webpack-hmr",
  "mqtt",
]);

/**
 * Found in every path with a WebSocket segment, and in few others: a quick test before splitting.
 * Each segment's first word (`socket` of `socket.io`), which a location regex writes as it is
 * (`/socket\.io/`). Case-insensitive as segments are compared lower-cased; `u` so that it folds
 * as toLowerCase does (the Kelvin sign is a `k`).
 */
const WEBSOCKET_PATH_SEGMENT_TEXT = new RegExp(
  [...new Set([...WEBSOCKET_PATH_SEGMENTS].map((segment) => segment.split(/[^a-z0-9]/)[0]!))].join("|"),
  "iu",
);

/** False when no segment of `path` (nor of a regex's literal parts) can be a WebSocket segment. */
export function mayHaveWebSocketSegment(path: string): boolean {
  return WEBSOCKET_PATH_SEGMENT_TEXT.test(path);
}

/** Word parts of an upstream or host name that say WebSocket: chat_ws, ws-backend, socketServers. */
export const WEBSOCKET_NAME_TOKENS: ReadonlySet<string> = new Set([
  "ws",
  "wss",
  "websocket",
  "websockets",
  "socket",
  "sockets",
  "socketio",
  "sockjs",
  "cable",
  "signalr",
]);

/** `chat_ws` -> chat, ws; `wsBackend` -> ws, backend; `socket.io-app` -> socket, io, app. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((token) => token !== "")
    .map((token) => token.toLowerCase());
}

/** Found in every name that has a WebSocket token, and in few others: a quick test before splitting. */
const WEBSOCKET_NAME_TOKEN_TEXT = new RegExp([...WEBSOCKET_NAME_TOKENS].join("|"), "i");

/** Whether one of the name's word parts (see nameTokens) says WebSocket. */
export function namesWebSocket(name: string): boolean {
  return WEBSOCKET_NAME_TOKEN_TEXT.test(name) && nameTokens(name).some((token) => WEBSOCKET_NAME_TOKENS.has(token));
}

export type WslintAnnotation = { kind: "websocket" } | { kind: "probe"; path: string };

/**
 * Reads a comment's text (after `#`) as a wslint annotation: `wslint: websocket` or
 * `wslint: probe /ws/echo`, either with an optional `-- reason`; null for any other comment.
 */
export function readWslintAnnotation(commentText: string): WslintAnnotation | null {
  const withoutReason = commentText.replace(/\s--(\s.*)?$/, "");
  const match = /^\s*wslint:\s*(\S+)(?:\s+(\S+))?\s*$/i.exec(withoutReason);
  if (match === null) return null;
  const word = match[1]!.toLowerCase();
  if (word === "websocket" && match[2] === undefined) return { kind: "websocket" };
  if (word === "probe" && match[2] !== undefined) return { kind: "probe", path: match[2] };
  return null;
}
