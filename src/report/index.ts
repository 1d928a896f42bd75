// --format NAME → formatter.
import { formatGithub } from "./github.js";
import { formatGitlab } from "./gitlab.js";
import { formatJson } from "./json.js";
import { formatSarif } from "./sarif.js";
import { formatStylish } from "./stylish.js";
import type { Formatter } from "./types.js";

export const FORMATTERS = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  gitlab: formatGitlab,
} as const satisfies Record<string, Formatter>;

export type FormatterName = keyof typeof FORMATTERS;

export function isFormatterName(name: string): name is FormatterName {
  return Object.hasOwn(FORMATTERS, name);
}
