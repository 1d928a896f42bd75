// `# wslint: ...` comments that tell wslint about a section: `# wslint: websocket` marks a
// backend or listen as a WebSocket route, `# wslint: probe /path` names a path the probe should
// try through it.
import type { PlacedComment } from "./placed.js";

export type WslintAnnotation =
  | { kind: "websocket"; comment: PlacedComment }
  | { kind: "probe"; path: string; comment: PlacedComment };

/** Reads a comment as a wslint annotation; null for any other comment. */
export function readWslintAnnotation(comment: PlacedComment): WslintAnnotation | null {
  const match = /^\s*wslint:\s*(\S+)(?:\s+(\S+))?\s*$/i.exec(comment.node.text);
  if (match === null) return null;
  const word = match[1]!.toLowerCase();
  if (word === "websocket" && match[2] === undefined) return { kind: "websocket", comment };
  if (word === "probe" && match[2] !== undefined) return { kind: "probe", path: match[2], comment };
  return null;
}
