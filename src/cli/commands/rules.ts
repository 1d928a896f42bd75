import { Option } from "commander";
import type { CliCommand } from "../command.js";

export const rulesCommand: CliCommand = {
  register(program, context) {
    program
      .command("rules")
      .description("list every rule: id, default severity, whether --fix repairs it, and what it checks")
      .addOption(new Option("--format <format>", "text, or json for tools").choices(["text", "json"]).default("text"))
      .addHelpText("after", "\nExamples:\n  wslint rules\n  wslint rules --format json\n")
      .action(async (flags: { format: "text" | "json" }) => {
        const { listRules } = await import("../rules/list-rules.js");
        context.output.out(await listRules(flags.format));
      });
  },
};
