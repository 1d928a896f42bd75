// `wslint parse`: load every FILE (a bad one never stops the others), print syntax and include
// problems as file:line:column: message on stderr, and the requested tree on stdout.
import { EXIT_FAILURE, EXIT_OK, EXIT_PROBLEMS } from "../../engine/outcome.js";
import { InputError } from "../../load/errors.js";
import { loadInput, STDIN_ARGUMENT, type LoadedInput } from "../../load/inputs.js";
import { nginxConfigProblems } from "../../load/nginx-config.js";
import type { SyntaxProblem } from "../../syntax/problems.js";
import type { ParseFlags } from "../commands/parse.js";
import { UsageError, type CliOutput } from "../io.js";
import { crossplanePayload } from "./crossplane-payload.js";
import { jsonOutput } from "./json-output.js";

export async function runParse(files: readonly string[], flags: ParseFlags, output: CliOutput): Promise<number> {
  if (files.filter((file) => file === STDIN_ARGUMENT).length > 1) {
    throw new UsageError("standard input (-) can be read only once");
  }
  let exitCode = EXIT_OK;
  const raise = (code: number) => (exitCode = Math.max(exitCode, code));
  const loaded: LoadedInput[] = [];
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
      const message = error instanceof InputError ? error.message : `internal error while reading ${file}: ${describe(error)}`;
      output.err(`wslint: ${message}\n`);
      raise(EXIT_FAILURE);
    }
  }

  for (const input of loaded) {
    const problems = input.dialect === "nginx" ? nginxConfigProblems(input.config) : input.result.problems;
    for (const problem of problems) output.err(`${formatProblem(problem)}\n`);
    if (problems.length > 0) raise(EXIT_PROBLEMS);
  }

  // Every input failed to load: there is no tree to print.
  if (loaded.length === 0) return exitCode;

  if (flags.format === "crossplane") {
    const nginxConfigs = [];
    for (const input of loaded) {
      if (input.dialect === "nginx") nginxConfigs.push(input.config);
      else {
        output.err(`wslint: ${input.name} is an HAProxy configuration; crossplane's format is for nginx only\n`);
        raise(EXIT_FAILURE);
      }
    }
    if (nginxConfigs.length > 0) {
      output.out(`${JSON.stringify(crossplanePayload(nginxConfigs, { comments: flags.comments === true }))}\n`);
    }
  } else {
    output.out(`${jsonOutput(loaded)}\n`);
  }
  return exitCode;
}

function formatProblem(problem: SyntaxProblem): string {
  return `${problem.file}:${problem.start.line}:${problem.start.column}: ${problem.message}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
