# nginx configuration: statements are `name args... ;` or `name args... { statements }`, with
# comments between them. The lexer (src/nginx/lexer.ts) keeps whitespace out of the grammar and
# delivers each statement's name, arguments and terminator as one token: `directive` for
# `name args... ;`, `blockStart` for `name args... {` (the block's statements and its `}` follow),
# `luaBlock` for a whole OpenResty `*_by_lua_block { ... }` with its Lua body as raw text. A file
# then costs nearley about one token per line. A `;` or `{` that follows no directive name arrives
# as a token of its own that no rule accepts, so nearley refuses it like a `}` with no open block.
# Blocks nginx reads as tables of `key value;` entries (`map`, `types`...) open with `tableStart`,
# and a block inside one is refused the same way.
#
# Lists are left-recursive and the postprocessor pushes onto the list it is given: the grammar is
# unambiguous, so each partial list is extended by exactly one surviving parse, while copying the
# list for every item (nearley's EBNF `:*`) would make long blocks quadratic.

@preprocessor typescript

@{%
import { nginxLexer } from "../nginx/lexer.js";
import type { BlockStartToken, CommentToken, DirectiveHead, DirectiveToken, LuaBlockToken, PunctuationToken } from "../nginx/lexer.js";
import type { NginxComment, NginxDirective, NginxNode, NginxPunctuation } from "../nginx/ast.js";
import type { Position } from "../syntax/source.js";

interface DirectiveEnding {
  semicolon: NginxPunctuation | null;
  block: NginxNode[] | null;
  open: NginxPunctuation | null;
  close: NginxPunctuation | null;
  luaBody: NginxDirective["luaBody"];
  end: Position;
}

// Every directive gets its properties in the same order, so that all share one object shape.
function directiveNode(head: DirectiveHead, ending: DirectiveEnding): NginxDirective {
  return {
    type: "directive",
    name: head.name.value,
    nameWord: head.name,
    args: head.args,
    innerComments: head.comments,
    semicolon: ending.semicolon,
    block: ending.block,
    open: ending.open,
    close: ending.close,
    luaBody: ending.luaBody,
    start: head.name.start,
    end: ending.end,
  };
}

/** Where a directive's head ends: its last argument or comment. */
function headEnd(head: DirectiveHead): Position {
  const lastArg = head.args[head.args.length - 1] ?? head.name;
  const lastComment = head.comments[head.comments.length - 1];
  return lastComment !== undefined && lastComment.end.offset > lastArg.end.offset ? lastComment.end : lastArg.end;
}

// nearley hands postprocessors an untyped array of the matched symbols' values.

function simpleDirectiveNode({ head, semicolon }: DirectiveToken): NginxDirective {
  const end = semicolon?.end ?? headEnd(head);
  return directiveNode(head, { semicolon, block: null, open: null, close: null, luaBody: null, end });
}

function simpleDirective(data: unknown[]): NginxDirective {
  return simpleDirectiveNode(data[0] as DirectiveToken);
}

function blockDirective(data: unknown[]): NginxDirective {
  const [{ head, open }, children, { punctuation: close }] = data as [BlockStartToken, NginxNode[], PunctuationToken];
  const end = close?.end ?? children[children.length - 1]?.end ?? open.end;
  return directiveNode(head, { semicolon: null, block: children, open, close, luaBody: null, end });
}

function luaBlockDirective(data: unknown[]): NginxDirective {
  const { head, open, body, close } = data[0] as LuaBlockToken;
  return directiveNode(head, { semicolon: null, block: [], open, close, luaBody: body, end: close.end });
}

function commentNode(data: unknown[]): NginxComment {
  return (data[0] as CommentToken).comment;
}

function appendEntry(data: unknown[]): NginxNode[] {
  const [nodes, token] = data as [NginxNode[], CommentToken | DirectiveToken];
  nodes.push(token.type === "comment" ? token.comment : simpleDirectiveNode(token));
  return nodes;
}

function appendNode(data: unknown[]): NginxNode[] {
  const [nodes, node] = data as [NginxNode[], NginxNode];
  nodes.push(node);
  return nodes;
}
%}

@lexer nginxLexer

file -> nodes {% id %}

nodes -> null {% () => [] %}
  | nodes node {% appendNode %}

node -> %comment {% commentNode %}
  | %directive {% simpleDirective %}
  | %blockStart nodes %close {% blockDirective %}
  | %tableStart entries %close {% blockDirective %}
  | %luaBlock {% luaBlockDirective %}

# The entries of a table block: comments and simple directives.
entries -> null {% () => [] %}
  | entries %comment {% appendEntry %}
  | entries %directive {% appendEntry %}
