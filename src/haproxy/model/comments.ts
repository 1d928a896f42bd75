// `# wslint: ...` comments that tell wslint about a section: `# wslint: websocket` marks a
// backend or listen as a WebSocket route, `# wslint: probe /path` names a path the probe should
// try through it.
import { readWslintAnnotation, type WslintAnnotation } from "../../websocket/vocabulary.js";
import type { PlacedComment } from "./placed.js";

export type SectionAnnotation = WslintAnnotation & { comment: PlacedComment };

/** Reads a comment as a wslint annotation; null for any other comment. */
export function readSectionAnnotation(comment: PlacedComment): SectionAnnotation | null {
  const annotation = readWslintAnnotation(comment.node.text);
  return annotation === null ? null : { ...annotation, comment };
}
