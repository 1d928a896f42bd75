// crossplane's multi-file payload (`crossplane parse` without --single-file): `config[]` lists
// every file once, the main file first and then in the order crossplane meets them, breadth
// first: it parses a file completely, queueing the files its includes name, before the next.
// Each include directive carries `includes`, indexes into `config[]`. With several configs (one
// per FILE argument) the payload lists all their files, each still once.
import { InternalError } from "../../engine/errors.js";
import type { NginxDirective, NginxNode } from "../../nginx/ast.js";
import {
  crossplaneParsed,
  type CrossplaneConfigEntry,
  type CrossplanePayload,
  type CrossplaneStatement,
} from "../../nginx/crossplane.js";
import type { NginxConfig, NginxInclude } from "../../load/nginx-config.js";
import type { SyntaxProblem } from "../../syntax/problems.js";

export function crossplanePayload(configs: readonly NginxConfig[], options: { comments: boolean }): CrossplanePayload {
  const payload: CrossplanePayload = { status: "ok", errors: [], config: [] };
  const indexOf = new Map<string, number>();
  for (const config of configs) {
    const queue = [config.main];
    const listed: string[] = [];
    const problemsByFile = groupByFile(config);
    for (let next = 0; next < queue.length; next++) {
      const path = queue[next]!;
      if (indexOf.has(path)) continue;
      const result = config.files.get(path);
      if (result === undefined) continue;
      indexOf.set(path, payload.config.length);
      listed.push(path);
      const errors = (problemsByFile.get(path) ?? []).map((problem) => ({
        error: `${problem.message} in ${problem.file}:${problem.start.line}`,
        line: problem.start.line,
      }));
      const entry: CrossplaneConfigEntry = {
        file: path,
        status: errors.length > 0 ? "failed" : "ok",
        errors,
        parsed: crossplaneParsed(result.file, { comments: options.comments }),
      };
      payload.config.push(entry);
      payload.errors.push(...errors.map((error) => ({ file: path, ...error })));
      for (const include of includesInOrder(result.file.children, config)) queue.push(...include.targets);
    }
    // Indexes are known only once every file of this config has its place.
    for (const path of listed) {
      const { file } = config.files.get(path)!;
      attachIncludes(payload.config[indexOf.get(path)!]!.parsed, file.children, config, indexOf);
    }
  }
  if (payload.errors.length > 0) payload.status = "failed";
  return payload;
}

function groupByFile(config: NginxConfig): Map<string, SyntaxProblem[]> {
  const groups = new Map<string, SyntaxProblem[]>();
  const problems = [...[...config.files.values()].flatMap((result) => result.problems), ...config.includeProblems];
  for (const problem of problems.sort((a, b) => a.start.offset - b.start.offset)) {
    const group = groups.get(problem.file) ?? [];
    group.push(problem);
    groups.set(problem.file, group);
  }
  return groups;
}

function includesInOrder(nodes: readonly NginxNode[], config: NginxConfig): NginxInclude[] {
  const found: NginxInclude[] = [];
  for (const node of nodes) {
    if (node.type !== "directive") continue;
    const include = config.includes.get(node);
    if (include !== undefined) found.push(include);
    if (node.block !== null) found.push(...includesInOrder(node.block, config));
  }
  return found;
}

/**
 * Sets `includes` on the statements of include directives. crossplaneParsed gives one statement
 * per directive, in order, plus `#` statements for comments, so the two trees are walked side by
 * side. (Names and lines are not compared: crossplane's quirks may change both.)
 */
function attachIncludes(
  statements: CrossplaneStatement[],
  nodes: readonly NginxNode[],
  config: NginxConfig,
  indexOf: ReadonlyMap<string, number>,
): void {
  const directives = statements.filter((statement) => statement.directive !== "#");
  const nodeDirectives = nodes.filter((node): node is NginxDirective => node.type === "directive");
  if (directives.length !== nodeDirectives.length) {
    throw new InternalError(`crossplane gave ${directives.length} statements for ${nodeDirectives.length} directives`);
  }
  nodeDirectives.forEach((directive, position) => {
    const statement = directives[position]!;
    const include = config.includes.get(directive);
    if (include !== undefined) statement.includes = include.targets.map((target) => indexOf.get(target)!);
    if (directive.block !== null && statement.block !== undefined) {
      attachIncludes(statement.block, directive.block, config, indexOf);
    }
  });
}
