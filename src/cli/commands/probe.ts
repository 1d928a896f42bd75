import { registerProbeCommand } from "../../probe/command.js";
import type { CliCommand } from "../command.js";

/** `wslint probe URL...`: declared in src/probe, which owns its options. */
export const probeCommand: CliCommand = {
  register(program, context) {
    registerProbeCommand(program, context);
  },
};
