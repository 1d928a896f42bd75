import type { CliCommand } from "../command.js";
import { UsageError } from "../io.js";

export const configCommand: CliCommand = {
  register(program, context) {
    program
      .command("config")
      .description("about wslint.config.json")
      .option("--schema", "print the JSON Schema of wslint.config.json, every rule's options included")
      .addHelpText("after", "\nExamples:\n  wslint config --schema > wslint.schema.json\n")
      .action(async (flags: { schema?: boolean }) => {
        if (!flags.schema) throw new UsageError("wslint config: say what to print (--schema)");
        const [{ configJsonSchema }, { allRuleMetas }] = await Promise.all([
          import("../../config/schema.js"),
          import("../../../rules/index.js"),
        ]);
        context.output.out(`${JSON.stringify(await configJsonSchema(await allRuleMetas()), null, 2)}\n`);
      });
  },
};
