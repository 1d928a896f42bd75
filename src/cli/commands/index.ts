// The subcommands, in the order `wslint --help` lists them. A new command is a module in this
// folder added here. lint is the default: `wslint PATHS` means `wslint lint PATHS`.
import type { CliCommand } from "../command.js";
import { configCommand } from "./config.js";
import { lintCommand } from "./lint.js";
import { parseCommand } from "./parse.js";
import { probeCommand } from "./probe.js";
import { rulesCommand } from "./rules.js";

export const commands: readonly CliCommand[] = [lintCommand, rulesCommand, configCommand, parseCommand, probeCommand];
