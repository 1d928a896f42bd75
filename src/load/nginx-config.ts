// An nginx configuration as nginx reads it: the main file plus every file its `include`
// directives pull in. Each file is parsed once and kept by path; the tree nginx effectively sees
// (every include replaced by the files it names, in the context where it stands) is never copied
// but walked on demand, so a file included in two places is visited in both, and every node still
// belongs to its own file and keeps its own positions.
import type { NginxDirective, NginxFile, NginxNode, NginxParseResult } from "../nginx/ast.js";
import type { SyntaxProblem } from "../syntax/problems.js";

export interface NginxConfig {
  /** The main file's path: the FILE argument, or the first file of an nginx -T dump. */
  main: string;
  /** The directory relative include paths resolve against, after --include-map. */
  prefix: string;
  /** The dump's own path when the files came from `nginx -T` output rather than the disk. */
  dump: string | null;
  /** Every file read, by path, the main file first, then in the order they were included. */
  files: ReadonlyMap<string, NginxParseResult>;
  /** How each `include` directive resolved, keyed by the directive node of its file's tree. */
  includes: ReadonlyMap<NginxDirective, NginxInclude>;
  /** Missing or unreadable includes and include cycles, at the include directive. */
  includeProblems: readonly SyntaxProblem[];
}

export interface NginxInclude {
  directive: NginxDirective;
  /** The path of the file the directive is written in. */
  file: string;
  /** The argument resolved against the prefix and mapped: the path or pattern that was read. */
  resolved: string;
  /**
   * The files spliced in at the directive, in nginx's order. Files that could not be read and
   * files whose inclusion would close a cycle are left out (and reported as include problems).
   */
  targets: readonly string[];
  /**
   * The files nginx would splice in here that could not be read (missing, unreadable; reported as
   * include problems): what they set is unknown. A pattern that matches nothing leaves none.
   */
  unreadable: readonly string[];
}

/** One node of the effective tree. */
export interface NginxEffectiveNode {
  node: NginxNode;
  /** The file the node is written in (its positions are in this file). */
  file: NginxFile;
  /** The include directives that spliced `file` in here, outermost first; empty in the main file. */
  includedVia: readonly NginxInclude[];
}

/** The main file's top-level nodes with includes expanded. */
export function effectiveTopLevel(config: NginxConfig): NginxEffectiveNode[] {
  const main = config.files.get(config.main);
  if (main === undefined) return [];
  return [...splice(config, main.file, main.file.children, [])];
}

/**
 * The children of a block directive with includes expanded. An `include` directive itself stays
 * in the list, followed by the nodes of the files it names.
 */
export function effectiveChildren(
  config: NginxConfig,
  parent: NginxEffectiveNode,
): NginxEffectiveNode[] {
  if (parent.node.type !== "directive" || parent.node.block === null) return [];
  return [...splice(config, parent.file, parent.node.block, parent.includedVia)];
}

export interface NginxWalkVisitor {
  /** Called on entering a node; returning false skips its children. */
  enter?(node: NginxEffectiveNode, ancestors: readonly NginxEffectiveNode[]): boolean | void;
  leave?(node: NginxEffectiveNode, ancestors: readonly NginxEffectiveNode[]): void;
}

/** Walks the effective tree depth-first in source order; `ancestors` are the enclosing blocks. */
export function walkNginxConfig(config: NginxConfig, visitor: NginxWalkVisitor): void {
  const ancestors: NginxEffectiveNode[] = [];
  const visit = (nodes: Iterable<NginxEffectiveNode>): void => {
    for (const current of nodes) {
      const descend = visitor.enter?.(current, ancestors) !== false;
      if (descend && current.node.type === "directive" && current.node.block !== null) {
        ancestors.push(current);
        visit(splice(config, current.file, current.node.block, current.includedVia));
        ancestors.pop();
      }
      visitor.leave?.(current, ancestors);
    }
  };
  const main = config.files.get(config.main);
  if (main !== undefined) visit(splice(config, main.file, main.file.children, []));
}

function* splice(
  config: NginxConfig,
  file: NginxFile,
  nodes: readonly NginxNode[],
  includedVia: readonly NginxInclude[],
): Generator<NginxEffectiveNode> {
  for (const node of nodes) {
    yield { node, file, includedVia };
    const include = node.type === "directive" ? config.includes.get(node) : undefined;
    if (include === undefined) continue;
    const via = [...includedVia, include];
    for (const target of include.targets) {
      const included = config.files.get(target);
      // targets never close a cycle (the loader leaves those out), so this recursion ends.
      if (included !== undefined) yield* splice(config, included.file, included.file.children, via);
    }
  }
}

/** Parse problems of every file, then include problems, grouped by file in `files` order. */
export function nginxConfigProblems(config: NginxConfig): SyntaxProblem[] {
  const order = new Map([...config.files.keys()].map((path, index) => [path, index]));
  const rank = (file: string) => order.get(file) ?? order.size;
  const parseProblems = [...config.files.values()].flatMap((result) => result.problems);
  return [...parseProblems, ...config.includeProblems].sort(
    (a, b) => rank(a.file) - rank(b.file) || a.start.offset - b.start.offset,
  );
}
