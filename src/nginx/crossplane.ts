// crossplane's JSON for a parsed nginx file (`crossplane parse --single-file --include-comments`),
// so that tools built on crossplane can read wslint's parse. The tree follows nginx; this module
// adds what crossplane 0.5 does differently, so that the output matches crossplane's field for
// field on configurations both accept:
// - arguments keep their backslashes; only a quote escaped inside the same quotes loses its `\`;
// - `if (...)`: the parentheses are cut off the first and last arguments, empty ones dropped;
// - a comment between a directive's name and its `;` or `{` comes after the directive, with the
//   directive's line; a comment on the last line of a file that does not end in a newline is lost;
// - a comment's last backslash is lost when it directly precedes the newline;
// - an argument ending in `${name}` swallows the character after it, and the word after that
//   when only one whitespace character separated them;
// - `\r\n` and a lone `\r` are newlines; bytes that are not UTF-8 become U+FFFD;
// - the body of a `*_by_lua_block` is one more argument, raw, for the Lua directives crossplane
//   knows (and only when a space or the name's closing quote follows the name).
import type { NginxComment, NginxDirective, NginxFile, NginxNode, NginxParseResult, NginxWord } from "./ast.js";

export interface CrossplaneStatement {
  directive: string;
  line: number;
  args: string[];
  /** Set by the multi-file payload: indexes of the included files' entries in `config`. */
  includes?: number[];
  block?: CrossplaneStatement[];
  /** Only on comments, whose `directive` is `#`. */
  comment?: string;
}

export interface CrossplaneError {
  error: string;
  line: number | null;
}

export interface CrossplaneConfigEntry {
  file: string;
  status: "ok" | "failed";
  errors: CrossplaneError[];
  parsed: CrossplaneStatement[];
}

export interface CrossplanePayload {
  status: "ok" | "failed";
  errors: (CrossplaneError & { file: string })[];
  config: CrossplaneConfigEntry[];
}

export interface CrossplaneOptions {
  comments: boolean;
}

/** The directives crossplane's Lua extension reads as Lua. */
const crossplaneLuaDirectives = new Set([
  "access_by_lua_block",
  "balancer_by_lua_block",
  "body_filter_by_lua_block",
  "content_by_lua_block",
  "header_filter_by_lua_block",
  "init_by_lua_block",
  "init_worker_by_lua_block",
  "log_by_lua_block",
  "rewrite_by_lua_block",
  "set_by_lua_block",
  "ssl_certificate_by_lua_block",
  "ssl_session_fetch_by_lua_block",
  "ssl_session_store_by_lua_block",
]);

/** One config entry's `parsed` array. */
export function crossplaneParsed(file: NginxFile, options: CrossplaneOptions): CrossplaneStatement[] {
  return new CrossplaneConverter(file, options).statements(file.children);
}

/** The whole single-file payload: `{status, errors, config: [{file, status, errors, parsed}]}`. */
export function crossplanePayload(result: NginxParseResult, options: CrossplaneOptions): CrossplanePayload {
  const path = result.file.source.path;
  const errors = result.problems.map((problem) => ({
    error: `${problem.message} in ${path}:${problem.start.line}`,
    line: problem.start.line,
  }));
  const status = errors.length > 0 ? "failed" : "ok";
  return {
    status,
    errors: errors.map((error) => ({ file: path, ...error })),
    config: [{ file: path, status, errors, parsed: crossplaneParsed(result.file, options) }],
  };
}

class CrossplaneConverter {
  /** Offsets of carriage returns not followed by `\n`: crossplane counts each as a new line. */
  private readonly loneCarriageReturns: number[] = [];
  private readonly latin1: boolean;
  private readonly text: string;

  constructor(
    file: NginxFile,
    private readonly options: CrossplaneOptions,
  ) {
    this.text = file.source.text;
    this.latin1 = file.source.encoding === "latin1";
    for (let i = this.text.indexOf("\r"); i !== -1; i = this.text.indexOf("\r", i + 1)) {
      if (this.text[i + 1] !== "\n") this.loneCarriageReturns.push(i);
    }
  }

  statements(nodes: NginxNode[]): CrossplaneStatement[] {
    const statements: CrossplaneStatement[] = [];
    for (const node of nodes) {
      if (node.type === "comment") {
        if (this.keepsComment(node)) statements.push(this.comment(node, this.line(node.start)));
        continue;
      }
      const statement = this.directive(node);
      statements.push(statement);
      for (const comment of node.innerComments) {
        if (this.keepsComment(comment)) statements.push(this.comment(comment, statement.line));
      }
    }
    return statements;
  }

  private directive(directive: NginxDirective): CrossplaneStatement {
    const words = this.words([directive.nameWord, ...directive.args], directive);
    const statement: CrossplaneStatement = { directive: words[0]!, line: this.line(directive.start), args: words.slice(1) };
    if (statement.directive === "if") stripIfParentheses(statement.args);
    if (directive.luaBody !== null && this.readsAsLua(directive)) {
      statement.args.push(this.normalize(directive.luaBody.raw));
    } else if (directive.block !== null) {
      statement.block = this.statements(directive.block);
    }
    return statement;
  }

  /** crossplane's tokens for a directive's words. */
  private words(words: NginxWord[], directive: NginxDirective): string[] {
    const tokens: string[] = [];
    for (let i = 0; i < words.length; i++) {
      let token = crossplaneWordText(words[i]!);
      // After `${...}` crossplane appends the next character without looking at it; when that is
      // the only whitespace before the next word, the next word is read as part of the same token.
      while (words[i]!.quote === null && endsWithBracedVariable(words[i]!.raw)) {
        const following = words[i + 1]?.leading ?? this.terminatorLeading(directive);
        if (following === "") break;
        token += following[0];
        if (following.length > 1 || i + 1 >= words.length) break;
        token += words[++i]!.raw;
      }
      tokens.push(this.normalize(token));
    }
    return tokens;
  }

  private terminatorLeading(directive: NginxDirective): string {
    if (directive.innerComments.length > 0) return "";
    return (directive.semicolon ?? directive.open)?.leading ?? "";
  }

  private readsAsLua(directive: NginxDirective): boolean {
    if (!crossplaneLuaDirectives.has(directive.name)) return false;
    const name = directive.nameWord;
    const next = directive.args[0] ?? directive.open;
    return name.quote !== null || (next !== null && next.leading !== "");
  }

  private comment(comment: NginxComment, line: number): CrossplaneStatement {
    let text = comment.text;
    if (/(?:^|[^\\])(?:\\\\)*\\$/.test(text)) text = text.slice(0, -1);
    return { directive: "#", line, args: [], comment: this.normalize(text) };
  }

  private keepsComment(comment: NginxComment): boolean {
    if (!this.options.comments) return false;
    const after = comment.end.offset;
    return after < this.text.length;
  }

  private line(position: { offset: number; line: number }): number {
    // The number of lone carriage returns before the position, by binary search.
    let low = 0;
    let high = this.loneCarriageReturns.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.loneCarriageReturns[middle]! < position.offset) low = middle + 1;
      else high = middle;
    }
    return position.line + low;
  }

  private normalize(text: string): string {
    const decoded = this.latin1 ? Buffer.from(text, "latin1").toString("utf8") : text;
    return decoded.includes("\r") ? decoded.replace(/\r\n?/g, "\n") : decoded;
  }
}

/** A word as crossplane reads it: quotes removed, only `\` before the same quote character dropped. */
function crossplaneWordText(word: NginxWord): string {
  if (word.quote === null) return word.raw;
  const escapedQuote = `\\${word.quote}`;
  const content = word.raw.slice(1, -1);
  return content.includes(escapedQuote) ? content.replace(/\\[^]/g, (pair) => (pair === escapedQuote ? word.quote! : pair)) : content;
}

function endsWithBracedVariable(raw: string): boolean {
  return raw.endsWith("}") && /\$\{[^}]*\}$/.test(raw);
}

/** crossplane's `_prepare_if_args`. */
function stripIfParentheses(args: string[]): void {
  if (args.length === 0 || !args[0]!.startsWith("(") || !args[args.length - 1]!.endsWith(")")) return;
  args[0] = args[0]!.slice(1).trimStart();
  args[args.length - 1] = args[args.length - 1]!.slice(0, -1).trimEnd();
  const start = args[0] === "" ? 1 : 0;
  const end = args.length - (args[args.length - 1] === "" ? 1 : 0);
  args.splice(0, args.length, ...args.slice(start, end));
}
