import { join } from "node:path";
import { renderTemplate } from "../fixture-template.js";

const FIXTURE_DIR = join(import.meta.dirname, "..", "..", "fixtures", "probe");

/** Reads fixtures/probe/NAME and fills its `{{PLACEHOLDER}}`s. */
export function renderFixture(name: string, values: Record<string, string | number>): string {
  return renderTemplate(FIXTURE_DIR, name, values);
}
