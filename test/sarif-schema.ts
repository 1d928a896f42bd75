// Validates SARIF logs against the SARIF 2.1.0 schema (rtm.5, JSON Schema draft-04) that the
// @microsoft/jest-sarif devDependency ships, so that no schema file is copied into the repository.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ajvDraft04 from "ajv-draft-04";

export function sarifValidator() {
  const require = createRequire(import.meta.url);
  const schemaPath = join(dirname(require.resolve("@microsoft/jest-sarif")), "schemas", "sarif-2.1.0-rtm.5.json");
  // The schema has a pattern that is not valid as a Unicode regular expression.
  const ajv = new ajvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false, logger: false });
  return ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
}
