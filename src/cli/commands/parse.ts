import { Option } from "commander";
import type { CliCommand } from "../command.js";
import { addInputOptions, type InputFlags } from "../input-options.js";

export type ParseFormat = "json" | "crossplane";

export interface ParseFlags extends InputFlags {
  format: ParseFormat;
  singleFile?: boolean;
  comments?: boolean;
}

export const parseCommand: CliCommand = {
  register(program, context) {
    const command = program
      .command("parse")
      .description("parse configuration files and print their syntax trees; syntax errors go to stderr")
      .argument("<files...>", "configuration files, nginx -T dumps, or - for standard input")
      .addOption(
        new Option("--format <format>", "json: wslint's syntax tree with positions; crossplane: crossplane's payload")
          .choices(["json", "crossplane"])
          .default("json"),
      )
      .option("--single-file", "do not follow include directives")
      .option("--comments", "crossplane format: list comments too (json always has them)");
    addInputOptions(command).action(async (files: string[], flags: ParseFlags) => {
      const { runParse } = await import("../parse/run-parse.js");
      context.setExitCode(await runParse(files, flags, context.output));
    });
  },
};
