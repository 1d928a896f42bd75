import type { Command } from "commander";
import type { CliOutput } from "./io.js";

export interface CommandContext {
  output: CliOutput;
  /** A command's action reports its exit code here; commander's own errors bypass it. */
  setExitCode(code: number): void;
}

/**
 * One subcommand. `register` only declares the command and its options; the action imports the
 * module that does the work, so unrelated commands cost nothing at start-up.
 */
export interface CliCommand {
  register(program: Command, context: CommandContext): void;
}
