// A fragment named on the command line (sites-enabled/app.conf, as pre-commit passes a staged
// file) is read where nginx reads it: wslint looks for the nginx.conf that includes it, in the
// fragment's directory and then each parent, up to the repository root, and lints the fragment
// in that configuration, where its maps and upstreams are defined.
import { join } from "node:path";
import { diskFileSystem } from "../load/file-system.js";
import type { IncludeMapping } from "../load/include-map.js";
import { nginxConfigProblems, type NginxConfig } from "../load/nginx-config.js";
import { loadNginxConfig } from "../load/nginx-loader.js";
import { parseNginx } from "../nginx/parse.js";
import { directoriesUpToRepositoryRoot, isFile, noteNaming, realPath } from "./upward-search.js";

export const NGINX_MAIN_FILE_NAME = "nginx.conf";

/** Blocks that only nginx's main context holds: a file with one of them is a main file. */
const MAIN_CONTEXT_BLOCKS: ReadonlySet<string> = new Set(["events", "http", "stream", "mail"]);

/**
 * Whether a file read from the disk is a fragment of a configuration rather than a main file: it
 * parses, and its top level has no `events`, `http`, `stream` or `mail` block (it holds `server`
 * or `location` blocks, or directives of some other context). A file that does not parse is
 * reported on its own: its syntax error is all there is to say, in any context.
 */
export function isNginxFragment(config: NginxConfig): boolean {
  const main = config.files.get(config.main);
  if (main === undefined || config.dump !== null || main.problems.length > 0) return false;
  return !main.file.children.some((node) => node.type === "directive" && node.block !== null && MAIN_CONTEXT_BLOCKS.has(node.name));
}

/**
 * The nginx.conf files that may include `fragment`, nearest first: in its directory, then in each
 * parent directory, up to the repository root (see directoriesUpToRepositoryRoot).
 */
export function* mainFileCandidates(fragment: string): Generator<string> {
  const own = realPath(fragment);
  for (const directory of directoriesUpToRepositoryRoot(fragment)) {
    const candidate = join(directory, NGINX_MAIN_FILE_NAME);
    if (isFile(candidate) && realPath(candidate) !== own) yield candidate;
  }
}

export interface Fragment<T> {
  item: T;
  /** The fragment as loaded on its own. */
  config: NginxConfig;
  /** The --prefix and --include-map the fragment was loaded with: an nginx.conf is read with the same. */
  prefix: string | undefined;
  includeMap: readonly IncludeMapping[];
}

/** An nginx.conf found including named fragments, loaded once for all of them. */
export interface FragmentContext<T> {
  config: NginxConfig;
  /** The fragments it includes, in the order they were named. */
  items: T[];
  /** The fragments' paths as the configuration names them: only findings in these are reported. */
  reported: Set<string>;
}

export interface FragmentPlacement<T> {
  contexts: FragmentContext<T>[];
  /** Fragments linted on their own: no nginx.conf was found including them, or it could not be used. */
  alone: T[];
  /** One line per fragment linted on its own although an nginx.conf was found, saying why. */
  notes: string[];
}

type LoadedMainFile = { ok: true; config: NginxConfig; context?: FragmentContext<unknown> } | { ok: false; reason: string };

/** Finds, for each fragment, the first nginx.conf whose include tree reaches it; each nginx.conf is loaded once per settings. */
export function placeNginxFragments<T>(fragments: readonly Fragment<T>[], cwd: string): FragmentPlacement<T> {
  const placement: FragmentPlacement<T> = { contexts: [], alone: [], notes: [] };
  const loaded = new Map<string, LoadedMainFile>();
  const naming = noteNaming(cwd);
  const { path: shown, problem: at } = naming;

  for (const fragment of fragments) {
    const own = realPath(fragment.config.main);
    const onItsOwn = (why: string) => {
      placement.alone.push(fragment.item);
      placement.notes.push(naming.lintedOnItsOwn(fragment.config.main, why));
    };
    let placed = false;
    for (const candidate of mainFileCandidates(fragment.config.main)) {
      const key = JSON.stringify([candidate, fragment.prefix ?? null, fragment.includeMap]);
      const main = loaded.get(key) ?? loadMainFile(candidate, fragment);
      loaded.set(key, main);
      if (!main.ok) {
        onItsOwn(naming.cannotRead(candidate, main.reason));
        placed = true;
        break;
      }
      const reached = [...main.config.files.keys()].find((path) => path !== main.config.main && realPath(path) === own);
      if (reached === undefined) {
        // A syntax error or a file it cannot include may hide the include that reads the fragment.
        const problem = nginxConfigProblems(main.config)[0];
        if (problem === undefined) continue;
        onItsOwn(`whether ${shown(candidate)} includes it is not known: ${at(problem)}`);
        placed = true;
        break;
      }
      // The rules do not run on a configuration with a syntax error, and judge nothing a missing
      // include might set: a problem outside the fragment would silence its findings unseen.
      const elsewhere = nginxConfigProblems(main.config).find((problem) => problem.file !== reached);
      if (elsewhere !== undefined) {
        onItsOwn(`${shown(candidate)} includes it, but ${at(elsewhere)}`);
        placed = true;
        break;
      }
      if (main.context === undefined) {
        main.context = { config: main.config, items: [], reported: new Set() };
        placement.contexts.push(main.context as FragmentContext<T>);
      }
      const context = main.context as FragmentContext<T>;
      context.items.push(fragment.item);
      context.reported.add(reached);
      placed = true;
      break;
    }
    if (!placed) placement.alone.push(fragment.item);
  }
  return placement;
}

function loadMainFile(path: string, settings: Pick<Fragment<unknown>, "prefix" | "includeMap">): LoadedMainFile {
  const read = diskFileSystem.read(path);
  if (!read.ok) return { ok: false, reason: read.reason };
  const config = loadNginxConfig({
    main: read.source,
    fileSystem: diskFileSystem,
    parse: parseNginx,
    prefix: settings.prefix,
    includeMap: settings.includeMap,
  });
  return { ok: true, config };
}
