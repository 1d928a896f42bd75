// `wslint parse`: load every FILE (a bad one never stops the others), print syntax and include
// problems as file:line:column: message on stderr, and the requested tree on stdout.
import { EXIT_FAILURE, EXIT_PROBLEMS } from "../../engine/outcome.js";
import { nginxConfigProblems } from "../../load/nginx-config.js";
import type { SyntaxProblem } from "../../syntax/problems.js";
import type { ParseFlags } from "../commands/parse.js";
import type { CliOutput } from "../io.js";
import { loadCommandInputs } from "../load-inputs.js";
import { crossplanePayload } from "./crossplane-payload.js";
import { jsonChunks } from "./json-chunks.js";
import { jsonOutputValue, withoutSourceText } from "./json-output.js";

export async function runParse(files: readonly string[], flags: ParseFlags, output: CliOutput): Promise<number> {
  const { loaded, exitCode: loadExitCode } = await loadCommandInputs(files, flags, output);
  let exitCode = loadExitCode;
  const raise = (code: number) => (exitCode = Math.max(exitCode, code));

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
      await writeLine(jsonChunks(crossplanePayload(nginxConfigs, { comments: flags.comments === true })), output);
    }
  } else {
    await writeLine(jsonChunks(jsonOutputValue(loaded), withoutSourceText), output);
  }
  return exitCode;
}

/** The output of a large tree is tens of megabytes: it goes out a chunk at a time. */
async function writeLine(chunks: Iterable<string>, output: CliOutput): Promise<void> {
  for (const chunk of chunks) {
    output.out(chunk);
    await output.outDrained();
  }
  output.out("\n");
}

function formatProblem(problem: SyntaxProblem): string {
  return `${problem.file}:${problem.start.line}:${problem.start.column}: ${problem.message}`;
}
