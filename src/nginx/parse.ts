import nearley from "nearley";
import compiledGrammar from "../generated/nginx-grammar.js";
import { byteOrderMarkProblems } from "../syntax/problems.js";
import type { SourceFile } from "../syntax/source.js";
import type { NginxNode, NginxParseResult } from "./ast.js";
import { NginxLexer, type NginxToken } from "./lexer.js";

const grammar = nearley.Grammar.fromCompiled(compiledGrammar);

interface EarleyState {
  isComplete: boolean;
  left?: EarleyState;
}

/**
 * nearley builds a completed state's data at once but keeps the state's `left` link, so every
 * completed list in an open block holds on to the previous one: the block's whole parse history
 * stays in memory until the block closes (nearley already drops `right` there for that reason).
 * Dropping `left` too makes a large file parse about 5% faster. nearley does not export its State
 * class; a parser's first state gives it.
 */
function releaseCompletedStates(): void {
  const [firstState] = (new nearley.Parser(grammar) as unknown as { table: { states: object[] }[] }).table[0]!.states;
  const prototype = Object.getPrototypeOf(firstState) as { nextState?(this: EarleyState, child: unknown): EarleyState };
  const nextState = prototype.nextState;
  if (typeof nextState !== "function") return;
  prototype.nextState = function (this: EarleyState, child: unknown): EarleyState {
    const state = nextState.call(this, child);
    if (state.isComplete) state.left = undefined;
    return state;
  };
}

releaseCompletedStates();

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
