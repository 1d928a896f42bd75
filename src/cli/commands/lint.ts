import { InvalidArgumentError, Option } from "commander";
import type { FormatterName } from "../../report/index.js";
import type { CliCommand } from "../command.js";
import { addInputOptions, type InputFlags } from "../input-options.js";
import { addProbeOptions, type ProbeFlags } from "../lint/probe-options.js";

export interface LintFlags extends InputFlags, ProbeFlags {
  format: FormatterName;
  outputFile?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  maxWarnings?: number;
  quiet?: boolean;
  rule?: string[];
  nginxVersion?: string;
  haproxyVersion?: string;
  config?: string;
  /** --color / --no-color; undefined when neither is given. */
  color?: boolean;
  reportUnusedDisableDirectives?: boolean;
  /** --find-main-file / --no-find-main-file; undefined when neither is given. */
  findMainFile?: boolean;
}

// Listed here rather than read from src/report, which loads every formatter: `wslint --help`
// should not. The Record type makes the compiler check that no formatter is left out.
const FORMAT_DESCRIPTIONS: Record<FormatterName, string> = {
  stylish: "for people (the default)",
  json: "ESLint's JSON",
  sarif: "SARIF 2.1.0 for code scanning",
  github: "GitHub Actions annotations",
  gitlab: "GitLab Code Quality",
};

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseMaxWarnings(value: string): number {
  if (!/^-?\d+$/.test(value) || Number(value) < -1) {
    throw new InvalidArgumentError("expected a number of warnings (0 or more, or -1 for no limit)");
  }
  return Number(value);
}

function parseVersion(example: string): (value: string) => string {
  return (value) => {
    if (!/^\d+(\.\d+){1,2}$/.test(value)) throw new InvalidArgumentError(`expected a version like ${example}`);
    return value;
  };
}

const examples = `
Examples:
  wslint lint /etc/nginx/nginx.conf                     an nginx.conf with its includes
  wslint lint deploy/                                   every *.conf and *.cfg below deploy/
  wslint lint --fix deploy/                             repair, then report what is left
  wslint lint --fix-dry-run deploy/nginx/nginx.conf     the diff --fix would apply
  wslint lint --format sarif -o wslint.sarif deploy/
  wslint lint --max-warnings 0 --rule nginx/ws-read-timeout:off deploy/
  ssh web1 nginx -T 2>&1 | wslint lint -
  wslint lint --probe http://127.0.0.1:8080 deploy/nginx/nginx.conf
`;

const formatHelp = Object.entries(FORMAT_DESCRIPTIONS)
  .map(([name, description]) => `${name}: ${description}`)
  .join("; ");

export const lintCommand: CliCommand = {
  register(program, context) {
    // The default command: `wslint PATH...` is `wslint lint PATH...`.
    const command = program
      .command("lint", { isDefault: true })
      .description("report what breaks WebSocket proxying in nginx and HAProxy configurations, and fix it")
      .argument("<paths...>", "configuration files, directories to search for *.conf and *.cfg files, or - for standard input")
      .addOption(new Option("--format <format>", formatHelp).choices(Object.keys(FORMAT_DESCRIPTIONS)).default("stylish"))
      .option("-o, --output-file <file>", "write the report to this file instead of standard output")
      .option("--fix", "repair what can be repaired, writing the files in place, then report what remains")
      .option("--fix-dry-run", "print what --fix would change as a unified diff; write nothing")
      .option("--max-warnings <number>", "exit 1 when there are more warnings than this", parseMaxWarnings)
      .option("--quiet", "report errors only (with --fix, fix errors only)")
      .option("--rule <id:severity>", "set a rule's severity: off, warn or error (repeatable)", collect)
      .option("--nginx-version <version>", "the nginx version the configuration runs on", parseVersion("1.24.0"))
      .option("--haproxy-version <version>", "the HAProxy version the configuration runs on", parseVersion("2.8"))
      .option("--config <path>", "use this wslint.config.json for every file instead of searching for one")
      .option("--color", "colour the report even when it is not written to a terminal")
      .option("--no-color", "never colour the report")
      .option("--report-unused-disable-directives", "warn about wslint-disable comments that silence nothing")
      .option(
        "--find-main-file",
        "lint an nginx fragment named here in the nginx.conf found including it, and HAProxy files without global, named or found, after the haproxy.cfg found above their directory (the default)",
      )
      .option("--no-find-main-file", "lint an nginx fragment or HAProxy file named here, and an HAProxy directory found, on its own, without looking for its nginx.conf or haproxy.cfg")
      .addHelpText("after", examples);
    addInputOptions(addProbeOptions(command)).action(async (paths: string[], flags: LintFlags) => {
      const { runLint } = await import("../lint/run-lint.js");
      context.setExitCode(await runLint(paths, flags, context.output));
    });
  },
};
