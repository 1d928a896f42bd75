// `# wslint: ...` comments that tell wslint about a location: `# wslint: websocket` marks it as a
// WebSocket route, `# wslint: probe /path` names a path the probe should try.
import { readWslintAnnotation, type WslintAnnotation } from "../../websocket/vocabulary.js";
import type { Span } from "../../syntax/source.js";
import type { PlacedComment } from "./placed.js";

export type WslintComment = WslintAnnotation & { comment: PlacedComment };

/** Reads a comment as a wslint annotation; null for any other comment. */
export function readWslintComment(comment: PlacedComment): WslintComment | null {
  const annotation = readWslintAnnotation(comment.node.text);
  return annotation === null ? null : { ...annotation, comment };
}

/** Whether nothing but whitespace stands before the comment on its line. */
function isOwnLineComment(comment: PlacedComment): boolean {
  const text = comment.file.source.text;
  for (let i = comment.node.start.offset - 1; i >= 0; i--) {
    const char = text[i]!;
    if (char === "\n") return true;
    if (char !== " " && char !== "\t" && char !== "\r") return false;
  }
  return true;
}

const NO_COMMENTS: readonly PlacedComment[] = [];

/**
 * Collects, while the model builder reads a block, the comments standing on the lines directly
 * above the next directive (an unbroken run of own-line comments, no blank line in between).
 */
export class CommentRun {
  private run: PlacedComment[] = [];

  addComment(comment: PlacedComment): void {
    if (!isOwnLineComment(comment)) {
      this.run = [];
      return;
    }
    const last = this.run[this.run.length - 1];
    const continues = last !== undefined && last.file === comment.file && last.node.end.line === comment.node.start.line - 1;
    if (continues) this.run.push(comment);
    else this.run = [comment];
  }

  /** The run directly above `directive` (written in `file`); the run then starts over. */
  takeAbove(file: PlacedComment["file"], directive: Span): readonly PlacedComment[] {
    const run = this.run;
    // Most directives have no comment above them: no new array, nor a look at their position.
    if (run.length === 0) return NO_COMMENTS;
    this.run = [];
    const last = run[run.length - 1];
    return last !== undefined && last.file === file && last.node.end.line === directive.start.line - 1 ? run : [];
  }
}
