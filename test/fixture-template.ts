// Fixtures the tests fill in before a real server reads them (ports, paths): `{{PLACEHOLDER}}`s.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Reads DIRECTORY/NAME and fills its `{{PLACEHOLDER}}`s; a placeholder left unfilled is a test bug. */
export function renderTemplate(directory: string, name: string, values: Record<string, string | number>): string {
  const text = readFileSync(join(directory, name), "utf8").replace(/\{\{(\w+)\}\}/g, (placeholder, key: string) =>
    key in values ? String(values[key]) : placeholder,
  );
  const unfilled = /\{\{\w+\}\}/.exec(text);
  if (unfilled) throw new Error(`${name}: no value for ${unfilled[0]}`);
  return text;
}
