import type { NginxDirective, NginxFile, NginxNode, NginxPunctuation } from "./ast.js";

/** The source text of a parsed file, rebuilt from its tree: equal to the text that was parsed. */
export function printNginx(file: NginxFile): string {
  return printNodes(file.children) + file.trailing + file.unparsed;
}

function printNodes(nodes: NginxNode[]): string {
  let text = "";
  for (const node of nodes) {
    text += node.type === "comment" ? node.leading + node.raw : printDirective(node);
  }
  return text;
}

function printDirective(directive: NginxDirective): string {
  let text = directive.nameWord.leading + directive.nameWord.raw;
  // Arguments and inner comments are two ordered lists; interleave them by position.
  const { args, innerComments } = directive;
  let commentIndex = 0;
  for (const arg of args) {
    while (commentIndex < innerComments.length && innerComments[commentIndex]!.start.offset < arg.start.offset) {
      const comment = innerComments[commentIndex++]!;
      text += comment.leading + comment.raw;
    }
    text += arg.leading + arg.raw;
  }
  for (const comment of innerComments.slice(commentIndex)) text += comment.leading + comment.raw;
  text += printPunctuation(directive.semicolon, ";") + printPunctuation(directive.open, "{");
  text += directive.luaBody !== null ? directive.luaBody.raw : printNodes(directive.block ?? []);
  return text + printPunctuation(directive.close, "}");
}

function printPunctuation(punctuation: NginxPunctuation | null, character: string): string {
  return punctuation === null ? "" : punctuation.leading + character;
}
