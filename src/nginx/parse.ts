import nearley from "nearley";
import compiledGrammar from "../generated/nginx-grammar.js";
import { byteOrderMarkProblems } from "../syntax/problems.js";
import type { SourceFile } from "../syntax/source.js";
import type { NginxNode, NginxParseResult } from "./ast.js";
import { NginxLexer, type NginxToken } from "./lexer.js";

const grammar = nearley.Grammar.fromCompiled(compiledGrammar);

/**
 * Parses one nginx file into a lossless tree. Never throws: a syntax error becomes a problem, and
 * the tree then holds everything before the error (open blocks closed, `unparsed` keeping the rest).
 */
export function parseNginx(source: SourceFile): NginxParseResult {
  const { parses, lexer } = runNginxGrammar(source);
  return {
    file: {
      type: "file",
      source,
      children: parses[0] ?? [],
      trailing: lexer.trailing,
      unparsed: lexer.unparsed,
    },
    problems: [...byteOrderMarkProblems(source, "nginx"), ...lexer.problems],
  };
}

/**
 * The nearley run behind parseNginx. Every input has at most one parse; tests assert it on
 * `parses`, since a second one would mean the grammar is ambiguous.
 */
export function runNginxGrammar(source: SourceFile): { parses: NginxNode[][]; lexer: NginxLexer } {
  const lexer = new NginxLexer(source.path, source.encoding);
  const parser = new nearley.Parser(grammar, { lexer });
  try {
    parser.feed(source.text);
  } catch (error) {
    const refused = (error as { token?: NginxToken }).token;
    if (refused === undefined) throw error;
    // nearley leaves the column for the refused token behind; go back to the last good one.
    parser.restore(parser.save());
    lexer.reject(refused);
  }
  if (parser.results.length === 0) {
    // Close the blocks an error left open, so that the tree keeps what was read before it.
    lexer.closeOpenBlocks();
    // Feeding nothing with the lexer's state makes nearley read on: the closing braces come next.
    parser.lexerState = lexer.save();
    parser.feed("");
  }
  return { parses: parser.results as NginxNode[][], lexer };
}
