// What the end-to-end tests read from the reports the built CLI prints.
import type { ProbeResult } from "../../src/probe/types.js";

export interface JsonProbe {
  route: string;
  line: number;
  outcome: "passed" | "failed" | "skipped";
  url: string | null;
  message: string;
  diagnosis: string[];
  findings: { ruleId: string | null; filePath: string; line: number; column: number }[];
  result: ProbeResult | null;
}

export interface JsonFileResult {
  filePath: string;
  messages: { ruleId: string | null; line: number }[];
  errorCount: number;
  warningCount: number;
  probes?: JsonProbe[];
}

/** The probes of the one file in a json report. */
export function probesOf(stdout: string): JsonProbe[] {
  const results = JSON.parse(stdout) as JsonFileResult[];
  if (results.length !== 1) throw new Error(`expected one file in the report, got ${results.length}`);
  return results[0]!.probes ?? [];
}
