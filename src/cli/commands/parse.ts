import { Option } from "commander";
import type { CliCommand } from "../command.js";
import { addInputOptions, type InputFlags } from "../input-options.js";

export type ParseFormat = "json" | "crossplane";

export interface ParseFlags extends InputFlags {
  format: ParseFormat;
  singleFile?: boolean;
  comments?: boolean;
}

const examples = `
Examples:
  wslint parse /etc/nginx/nginx.conf
  wslint parse --single-file conf.d/chat.conf
  wslint parse --format crossplane --comments nginx.conf
  wslint parse --prefix /etc/nginx --include-map /etc/nginx=./deploy/nginx deploy/nginx/nginx.conf
  nginx -T 2>&1 | wslint parse -
  wslint parse --dialect haproxy --stdin-filename lb.cfg - < lb.cfg
`;

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
      .option("--comments", "crossplane format: list comments too (json always has them)")
      .addHelpText("after", examples);
    addInputOptions(command).action(async (files: string[], flags: ParseFlags) => {
      const { runParse } = await import("../parse/run-parse.js");
      context.setExitCode(await runParse(files, flags, context.output));
    });
  },
};
