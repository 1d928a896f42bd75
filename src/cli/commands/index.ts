// The subcommands, in the order `wslint --help` lists them. A new command is a module in this
// folder added here; lint will pass `{ isDefault: true }` to `program.command` so that
// `wslint PATHS` means `wslint lint PATHS`.
import type { CliCommand } from "../command.js";
import { parseCommand } from "./parse.js";
import { probeCommand } from "./probe.js";

export const commands: readonly CliCommand[] = [parseCommand, probeCommand];
