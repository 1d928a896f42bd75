// Counting findings and turning them into the process exit code, with ESLint's conventions.
import type { Finding } from "./finding.js";

export const EXIT_OK = 0;
/** Errors were found, or more warnings than --max-warnings allows. */
export const EXIT_PROBLEMS = 1;
/** Bad usage, an invalid config file, or an InternalError (a bug). */
export const EXIT_FAILURE = 2;

export interface FindingCounts {
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  fatalErrorCount: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, fatalErrorCount: 0 };
  for (const finding of findings) {
    const fixable = finding.fix !== undefined;
    if (finding.severity === "error") {
      counts.errorCount += 1;
      if (fixable) counts.fixableErrorCount += 1;
      if (finding.fatal) counts.fatalErrorCount += 1;
    } else {
      counts.warningCount += 1;
      if (fixable) counts.fixableWarningCount += 1;
    }
  }
  return counts;
}

/** --quiet: warnings are neither reported nor counted. */
export function withoutWarnings(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.severity === "error");
}

/**
 * `maxWarnings` is --max-warnings: undefined (or a negative number, like ESLint's -1) means any
 * number of warnings is fine.
 */
export function exitCodeFor(counts: Pick<FindingCounts, "errorCount" | "warningCount">, maxWarnings?: number): number {
  if (counts.errorCount > 0) return EXIT_PROBLEMS;
  if (maxWarnings !== undefined && maxWarnings >= 0 && counts.warningCount > maxWarnings) return EXIT_PROBLEMS;
  return EXIT_OK;
}
