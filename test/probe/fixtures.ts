import { readFileSync } from "node:fs";
import { join } from "node:path";

const FIXTURE_DIR = join(import.meta.dirname, "..", "..", "fixtures", "probe");

/** Reads fixtures/probe/NAME and fills its `{{PLACEHOLDER}}`s; a placeholder left unfilled is a test bug. */
export function renderFixture(name: string, values: Record<string, string | number>): string {
  const text = readFileSync(join(FIXTURE_DIR, name), "utf8").replace(/\{\{(\w+)\}\}/g, (placeholder, key: string) =>
    key in values ? String(values[key]) : placeholder,
  );
  const unfilled = /\{\{\w+\}\}/.exec(text);
  if (unfilled) throw new Error(`${name}: no value for ${unfilled[0]}`);
  return text;
}
