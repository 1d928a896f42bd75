// `--format json`: wslint's own syntax trees, with every position, for both dialects. One entry
// per FILE argument; an nginx entry carries all the files its includes read. Printed with
// withoutSourceText as the replacer.
import type { LoadedInput } from "../../load/inputs.js";
import type { SourceFile } from "../../syntax/source.js";

export function jsonOutputValue(inputs: readonly LoadedInput[]): unknown[] {
  return inputs.map((input) => {
    if (input.dialect === "haproxy") {
      return { dialect: input.dialect, input: input.name, problems: input.result.problems, tree: input.result.file };
    }
    const { config } = input;
    return {
      dialect: input.dialect,
      input: input.name,
      main: config.main,
      prefix: config.prefix,
      dump: config.dump,
      files: [...config.files.entries()].map(([path, result]) => ({ path, problems: result.problems, tree: result.file })),
      includes: [...config.includes.values()].map((include) => ({
        file: include.file,
        line: include.directive.start.line,
        column: include.directive.start.column,
        resolved: include.resolved,
        targets: include.targets,
      })),
      includeProblems: config.includeProblems,
    };
  });
}

/** Trees point at their SourceFile; print its description, not the whole text again. */
export function withoutSourceText(key: string, value: unknown): unknown {
  if (key === "source" && isSourceFile(value)) {
    return { path: value.path, encoding: value.encoding, bom: value.bom };
  }
  return value;
}

function isSourceFile(value: unknown): value is SourceFile {
  return typeof value === "object" && value !== null && "path" in value && "text" in value && "encoding" in value;
}
