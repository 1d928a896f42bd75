// The options every command that reads configurations shares (parse now, lint later).
import { InvalidArgumentError, Option, type Command } from "commander";
import { DIALECTS, type Dialect } from "../load/dialect.js";
import { IncludeMappingSyntaxError, parseIncludeMapping, type IncludeMapping } from "../load/include-map.js";

export interface InputFlags {
  dialect?: Dialect;
  prefix?: string;
  includeMap?: IncludeMapping[];
  stdinFilename?: string;
}

export function addInputOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--dialect <dialect>", "read every FILE as this dialect instead of guessing").choices(DIALECTS),
    )
    .option(
      "--prefix <dir>",
      "nginx prefix that relative include paths resolve against (default: the main file's directory)",
    )
    .option(
      "--include-map <from=to>",
      "read includes under FROM from TO instead, e.g. /etc/nginx=./deploy/nginx (repeatable)",
      collectIncludeMapping,
    )
    .option("--stdin-filename <name>", "the name to report standard input (-) under and to guess its dialect by");
}

function collectIncludeMapping(value: string, previous: IncludeMapping[] | undefined): IncludeMapping[] {
  try {
    return [...(previous ?? []), parseIncludeMapping(value)];
  } catch (error) {
    if (error instanceof IncludeMappingSyntaxError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}
