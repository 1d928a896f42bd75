// The loader's entry point: one command-line argument (a path, or `-` for standard input) in,
// one parsed configuration out, nginx with its includes or HAProxy.
import { readFileSync } from "node:fs";
import { normalize } from "node:path";
import type { HaproxyParseResult } from "../haproxy/ast.js";
import type { NginxParseResult } from "../nginx/ast.js";
import { decodeSource, type SourceFile } from "../syntax/source.js";
import { dialectFromContent, dialectFromFileName, type Dialect } from "./dialect.js";
import { isNginxDump, splitNginxDump } from "./dump.js";
import { InputError } from "./errors.js";
import { describeFileError, diskFileSystem, DumpFileSystem } from "./file-system.js";
import type { IncludeMapping } from "./include-map.js";
import type { NginxConfig } from "./nginx-config.js";
import { loadNginxConfig } from "./nginx-loader.js";

export interface InputOptions {
  /** Skips the guess by file name and content. */
  dialect?: Dialect;
  /** nginx's conf prefix for relative includes; defaults to the main file's directory. */
  prefix?: string;
  includeMap?: readonly IncludeMapping[];
  /** The name standard input is reported under (and guessed by), `<stdin>` by default. */
  stdinFilename?: string;
  /** False reads each input alone, without its includes (`--single-file`). */
  followIncludes?: boolean;
  /** Where `-` reads from; standard input unless a test hands in bytes. */
  readStdin?: () => Uint8Array;
}

export type LoadedInput =
  | { dialect: "nginx"; name: string; config: NginxConfig }
  | { dialect: "haproxy"; name: string; result: HaproxyParseResult };

export const STDIN_ARGUMENT = "-";

export async function loadInput(argument: string, options: InputOptions = {}): Promise<LoadedInput> {
  const source = argument === STDIN_ARGUMENT ? readStandardInput(options) : readPath(argument);
  const dump = options.dialect !== "haproxy" && isNginxDump(source.text);
  const dialect = dump ? "nginx" : chooseDialect(source, options.dialect);

  if (dialect === "haproxy") {
    const { parseHaproxy } = await import("../haproxy/parse.js");
    return { dialect, name: source.path, result: parseHaproxy(source) };
  }

  const { parseNginx } = await import("../nginx/parse.js");
  const parse = (file: SourceFile): NginxParseResult => parseNginx(file);
  if (dump) {
    const sections = splitNginxDump(source);
    const config = loadNginxConfig({
      main: sections[0]!,
      fileSystem: new DumpFileSystem(sections),
      parse,
      prefix: options.prefix,
      // The dump holds the server's own paths; a mapping would lead away from them.
      includeMap: [],
      dump: source.path,
      followIncludes: options.followIncludes,
    });
    return { dialect, name: source.path, config };
  }
  const config = loadNginxConfig({
    main: source,
    fileSystem: diskFileSystem,
    parse,
    prefix: options.prefix,
    includeMap: options.includeMap,
    followIncludes: options.followIncludes,
  });
  return { dialect, name: source.path, config };
}

/** --dialect, else the file name, else the content; an input none of them settles is an error. */
export function chooseDialect(source: SourceFile, explicit?: Dialect): Dialect {
  const dialect = explicit ?? dialectFromFileName(source.path) ?? dialectFromContent(source.text);
  if (dialect === null) {
    throw new InputError(
      `cannot tell whether ${source.path} is an nginx or an HAProxy configuration; pass --dialect nginx or --dialect haproxy`,
    );
  }
  return dialect;
}

function readPath(argument: string): SourceFile {
  const path = normalize(argument);
  const outcome = diskFileSystem.read(path);
  if (!outcome.ok) throw new InputError(`cannot read ${argument}: ${outcome.reason}`);
  return outcome.source;
}

function readStandardInput(options: InputOptions): SourceFile {
  const name = options.stdinFilename ?? "<stdin>";
  try {
    const bytes = options.readStdin ? options.readStdin() : readFileSync(0);
    return decodeSource(name, bytes);
  } catch (error) {
    throw new InputError(`cannot read standard input: ${describeFileError(error)}`);
  }
}
