// `wslint lint`: turns the flags into a lint request, runs it, prints the report (or the
// --fix-dry-run diff) and returns the exit code.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseRuleOverride, type RuleOverride } from "../../config/rule-settings.js";
import { countFindings, exitCodeFor, EXIT_FAILURE, EXIT_PROBLEMS, withoutWarnings } from "../../engine/outcome.js";
import { startTiming, timedAsync, timingRequested, timingTable } from "../../engine/timing.js";
import { describeFileError } from "../../load/file-system.js";
import { STDIN_ARGUMENT } from "../../load/inputs.js";
import { lintPaths, type FixMode, type LintRun } from "../../lint/run.js";
import { colorEnabled } from "../../report/color.js";
import { groupFindingsByFile } from "../../report/group.js";
import type { FormatterName } from "../../report/index.js";
import type { FileReport, Formatter } from "../../report/types.js";
import { allRuleMetas } from "../../../rules/index.js";
import type { LintFlags } from "../commands/lint.js";
import { UsageError, type CliOutput } from "../io.js";
import { routeProbingFor } from "./probe-options.js";
import { wslintVersion } from "../version.js";

function fixMode(flags: LintFlags, paths: readonly string[]): FixMode {
  if (flags.fix && flags.fixDryRun) throw new UsageError("--fix and --fix-dry-run cannot be used together");
  if (flags.fix && paths.includes(STDIN_ARGUMENT)) {
    throw new UsageError("--fix cannot write fixes back to standard input; use --fix-dry-run to see them");
  }
  return flags.fix ? "write" : flags.fixDryRun ? "dry-run" : "none";
}

async function ruleOverrides(texts: readonly string[]): Promise<RuleOverride[]> {
  if (texts.length === 0) return [];
  const knownIds = (await allRuleMetas()).map((meta) => meta.id);
  return texts.map((text) => {
    const result = parseRuleOverride(text, knownIds);
    if (!result.ok) throw new UsageError(result.message);
    return result.override;
  });
}

/** The reports by file; a file included by several linted files has each finding once. */
function fileReports(run: LintRun, flags: LintFlags): FileReport[] {
  const findings = flags.quiet ? withoutWarnings(run.findings) : run.findings;
  return groupFindingsByFile({ lintedFiles: run.lintedFiles, findings, suppressed: run.suppressed, texts: run.texts });
}

/**
 * Each formatter by the module that holds it, so that a run loads only the one it prints with
 * (src/report/index.ts loads them all, hashing included). The Record type keeps this complete.
 */
const FORMATTER_MODULES: Record<FormatterName, () => Promise<Formatter>> = {
  stylish: async () => (await import("../../report/stylish.js")).formatStylish,
  json: async () => (await import("../../report/json.js")).formatJson,
  sarif: async () => (await import("../../report/sarif.js")).formatSarif,
  github: async () => (await import("../../report/github.js")).formatGithub,
  gitlab: async () => (await import("../../report/gitlab.js")).formatGitlab,
};

async function renderReport(files: readonly FileReport[], run: LintRun, flags: LintFlags, cwd: string): Promise<string> {
  const color = colorEnabled({ flag: flags.color, env: process.env, isTTY: flags.outputFile === undefined && process.stdout.isTTY === true });
  const format = await FORMATTER_MODULES[flags.format]();
  return format(
    { files, rules: run.rules, cwd, tool: { name: "wslint", version: wslintVersion() } },
    { color },
  );
}

export async function runLint(paths: readonly string[], flags: LintFlags, output: CliOutput): Promise<number> {
  if (!timingRequested(process.env)) return lintAndReport(paths, flags, output);
  startTiming();
  try {
    return await lintAndReport(paths, flags, output);
  } finally {
    output.err(timingTable());
  }
}

async function lintAndReport(paths: readonly string[], flags: LintFlags, output: CliOutput): Promise<number> {
  if (paths.filter((path) => path === STDIN_ARGUMENT).length > 1) throw new UsageError("standard input (-) can be read only once");
  const fix = fixMode(flags, paths);
  const routeProbing = await routeProbingFor(flags, fix);
  const cwd = process.cwd();
  const outcome = await lintPaths({
    paths,
    cwd,
    dialect: flags.dialect,
    prefix: flags.prefix === undefined ? undefined : resolve(cwd, flags.prefix),
    includeMap: flags.includeMap ?? [],
    stdinFilename: flags.stdinFilename,
    findMainFile: flags.findMainFile,
    nginxVersion: flags.nginxVersion,
    haproxyVersion: flags.haproxyVersion,
    ruleOverrides: await ruleOverrides(flags.rule ?? []),
    configPath: flags.config,
    fix,
    quiet: flags.quiet === true,
    reportUnusedDisableDirectives: flags.reportUnusedDisableDirectives === true,
  });
  if (!outcome.ok) {
    for (const message of outcome.configErrors) output.err(`wslint: ${message}\n`);
    return EXIT_FAILURE;
  }
  const { run } = outcome;
  for (const note of run.notes) output.err(`wslint: ${note}\n`);
  for (const failure of run.failures) output.err(`wslint: ${failure}\n`);

  const files = fileReports(run, flags);
  const probeFailed = routeProbing !== null && (await routeProbing.run(files, run, flags.format, output));
  // --fix-dry-run shows the diff instead of the report; the exit code is that of the fixed files.
  const rendered = fix === "dry-run" ? run.diff : await timedAsync("report", () => renderReport(files, run, flags, cwd));
  // JSON formats end without a line break; a terminal prompt should not follow on the same line.
  const text = rendered === "" || rendered.endsWith("\n") ? rendered : `${rendered}\n`;
  if (flags.outputFile === undefined) {
    output.out(text);
  } else {
    try {
      await writeFile(flags.outputFile, text);
    } catch (error) {
      output.err(`wslint: cannot write ${flags.outputFile}: ${describeFileError(error)}\n`);
      return EXIT_FAILURE;
    }
  }
  if (run.failures.length > 0) return EXIT_FAILURE;
  // A failed live handshake is a failed check, like an error.
  if (probeFailed) return EXIT_PROBLEMS;
  return exitCodeFor(countFindings(files.flatMap((file) => file.findings)), flags.maxWarnings);
}
