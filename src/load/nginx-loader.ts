// Reads an nginx configuration the way nginx does: the main file, then depth-first every file
// its includes name, in the context where each include stands. Relative include paths resolve
// against the prefix (nginx's conf prefix: ngx_conf_include -> ngx_conf_full_name with
// conf_prefix), not against the including file's directory.
import { basename, dirname, isAbsolute, join, normalize } from "node:path";
import type { NginxDirective, NginxNode, NginxParseResult } from "../nginx/ast.js";
import type { SyntaxProblem } from "../syntax/problems.js";
import type { SourceFile } from "../syntax/source.js";
import type { ConfigFileSystem } from "./file-system.js";
import { expandGlob, hasGlobMagic } from "./glob.js";
import { applyIncludeMap, type IncludeMapping } from "./include-map.js";
import type { NginxConfig, NginxInclude } from "./nginx-config.js";

export interface NginxLoadOptions {
  main: SourceFile;
  fileSystem: ConfigFileSystem;
  parse: (source: SourceFile) => NginxParseResult;
  /** nginx's conf prefix; defaults to the main file's directory, as nginx does. */
  prefix?: string;
  includeMap?: readonly IncludeMapping[];
  /** The dump's path when `fileSystem` holds the sections of an `nginx -T` dump. */
  dump?: string | null;
  /** False reads the main file alone (`--single-file`): include directives stay unresolved. */
  followIncludes?: boolean;
}

/**
 * Files nginx installs with itself that hold only tables no rule reads: MIME types, the FastCGI,
 * SCGI and uWSGI parameters, the charset maps. A configuration kept in a repository includes them
 * from the server (`include /etc/nginx/mime.types;`), where they exist, while the machine that
 * lints it may have no nginx. When one of them is missing, the include is read as empty and not
 * reported: what it would add cannot change a verdict. Debian's `proxy_params` is not one of them:
 * its proxy_set_header lines count for header inheritance.
 */
const DISTRIBUTION_TABLE_FILES: ReadonlySet<string> = new Set([
  "mime.types",
  "fastcgi_params",
  "fastcgi.conf",
  "scgi_params",
  "uwsgi_params",
  "koi-utf",
  "koi-win",
  "win-utf",
]);

export function loadNginxConfig(options: NginxLoadOptions): NginxConfig {
  const { fileSystem, parse } = options;
  const includeMap = options.includeMap ?? [];
  const prefix = applyIncludeMap(normalize(options.prefix ?? dirname(options.main.path)), includeMap);
  const files = new Map<string, NginxParseResult>();
  const includes = new Map<NginxDirective, NginxInclude>();
  const includeProblems: SyntaxProblem[] = [];
  const unreadable = new Map<string, string>();
  // The chain of files being read, outermost first: including one of them again is a cycle.
  const chain: string[] = [];

  const problemAt = (file: string, directive: NginxDirective, message: string) =>
    includeProblems.push({ file, message, start: directive.start, end: directive.end });

  const readFile = (path: string): SourceFile | string => {
    const known = unreadable.get(path);
    if (known !== undefined) return known;
    const outcome = fileSystem.read(path);
    if (outcome.ok) return outcome.source;
    unreadable.set(path, outcome.reason);
    return outcome.reason;
  };

  const visit = (source: SourceFile): void => {
    const result = parse(source);
    files.set(source.path, result);
    if (options.followIncludes === false) return;
    chain.push(source.path);
    for (const directive of includeDirectives(result.file.children)) {
      const argument = directive.args[0];
      if (directive.args.length !== 1 || argument === undefined) {
        problemAt(source.path, directive, 'invalid number of arguments in "include" directive');
        continue;
      }
      const resolved = applyIncludeMap(
        isAbsolute(argument.value) ? normalize(argument.value) : join(prefix, argument.value),
        includeMap,
      );
      // A pattern may match nothing (nginx allows it); a plain path must be readable.
      const candidates = hasGlobMagic(resolved) ? expandGlob(resolved, fileSystem) : [resolved];
      const targets: string[] = [];
      const unreadableTargets: string[] = [];
      for (const candidate of candidates) {
        if (chain.includes(candidate)) {
          const cycle = [...chain.slice(chain.indexOf(candidate)), candidate].join(" -> ");
          problemAt(source.path, directive, `include cycle: ${cycle}`);
          continue;
        }
        if (!files.has(candidate)) {
          if (DISTRIBUTION_TABLE_FILES.has(basename(candidate)) && !fileSystem.exists(candidate)) continue;
          const read = readFile(candidate);
          if (typeof read === "string") {
            problemAt(source.path, directive, `cannot include "${candidate}": ${read}`);
            unreadableTargets.push(candidate);
            continue;
          }
          visit(read);
        }
        targets.push(candidate);
      }
      includes.set(directive, { directive, file: source.path, resolved, targets, unreadable: unreadableTargets });
    }
    chain.pop();
  };

  visit(options.main);
  return { main: options.main.path, prefix, dump: options.dump ?? null, files, includes, includeProblems };
}

/** Every `include` directive of a tree, at any depth, in source order. */
function includeDirectives(nodes: readonly NginxNode[]): NginxDirective[] {
  const found: NginxDirective[] = [];
  const collect = (children: readonly NginxNode[]) => {
    for (const node of children) {
      if (node.type !== "directive") continue;
      if (node.name === "include") found.push(node);
      if (node.block !== null) collect(node.block);
    }
  };
  collect(nodes);
  return found;
}
