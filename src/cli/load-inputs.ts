// Loading the FILE arguments of a command that reads configurations (parse now, lint later).
import { EXIT_FAILURE, EXIT_OK } from "../engine/outcome.js";
import { InputError } from "../load/errors.js";
import { loadInput, STDIN_ARGUMENT, type LoadedInput } from "../load/inputs.js";
import type { InputFlags } from "./input-options.js";
import { UsageError, type CliOutput } from "./io.js";

export interface CommandInputs {
  loaded: LoadedInput[];
  /** EXIT_FAILURE when some FILE could not be used at all, else EXIT_OK. */
  exitCode: number;
}

/**
 * Loads every FILE in order. One that cannot be used (unreadable, unknown dialect, or a crash
 * while reading it) is reported as `wslint: message` and the others are still loaded.
 */
export async function loadCommandInputs(
  files: readonly string[],
  flags: InputFlags & { singleFile?: boolean },
  output: CliOutput,
): Promise<CommandInputs> {
  if (files.filter((file) => file === STDIN_ARGUMENT).length > 1) {
    throw new UsageError("standard input (-) can be read only once");
  }
  const loaded: LoadedInput[] = [];
  let exitCode = EXIT_OK;
  for (const file of files) {
    try {
      loaded.push(
        await loadInput(file, {
          dialect: flags.dialect,
          prefix: flags.prefix,
          includeMap: flags.includeMap,
          stdinFilename: flags.stdinFilename,
          followIncludes: !flags.singleFile,
        }),
      );
    } catch (error) {
      const message =
        error instanceof InputError
          ? error.message
          : `internal error while reading ${file}: ${error instanceof Error ? error.message : String(error)}`;
      output.err(`wslint: ${message}\n`);
      exitCode = EXIT_FAILURE;
    }
  }
  return { loaded, exitCode };
}
