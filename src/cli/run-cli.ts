import { Command, CommanderError } from "commander";
import { EXIT_FAILURE, EXIT_OK } from "../engine/outcome.js";
import { InputError } from "../load/errors.js";
import { commands } from "./commands/index.js";
import { UsageError, type CliOutput } from "./io.js";
import { wslintVersion } from "./version.js";

const examples = `
Examples:
  wslint /etc/nginx/nginx.conf            (lint is the default command)
  wslint lint --fix deploy/
  wslint lint --format sarif -o wslint.sarif nginx.conf haproxy.cfg
  nginx -T 2>&1 | wslint lint -
  wslint rules
  wslint parse /etc/nginx/nginx.conf
  wslint parse --format crossplane --comments nginx.conf
  nginx -T 2>&1 | wslint parse -
  wslint parse --include-map /etc/nginx=./deploy/nginx deploy/nginx/nginx.conf
  wslint parse --dialect haproxy --stdin-filename lb.cfg - < lb.cfg
  wslint probe wss://chat.example.test/socket --hold 75s

Exit codes: 0 ok, 1 problems found (errors or too many warnings, syntax or include errors,
failed probe checks), 2 usage error, unreadable path, invalid config file or internal failure.
WSLINT_DEBUG=1 prints the stack trace of an internal failure.
`;

/** Runs one command line and returns the exit code; never throws, never prints a stack trace. */
export async function runCli(argv: readonly string[], output: CliOutput): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command("wslint")
    .description("Find what breaks WebSocket proxying in nginx and HAProxy configurations.")
    .version(wslintVersion(), "-v, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showHelpAfterError("(run wslint --help for usage)")
    .addHelpText("after", examples)
    .configureOutput({
      writeOut: (text) => output.out(text),
      writeErr: (text) => output.err(text),
      outputError: (text, write) => write(`wslint: ${text.replace(/^error: /, "")}`),
    })
    .exitOverride();
  const context = { output, setExitCode: (code: number) => (exitCode = code) };
  // Subcommands made with program.command() inherit exitOverride and the output settings above.
  for (const command of commands) command.register(program, context);

  try {
    // Without arguments the default command (lint) would complain about missing paths.
    if (argv.length === 0) program.help({ error: true });
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return failureExitCode(error, output);
  }
}

function failureExitCode(error: unknown, output: CliOutput): number {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0; commander already printed the message.
    return error.exitCode === 0 ? EXIT_OK : EXIT_FAILURE;
  }
  if (error instanceof UsageError || error instanceof InputError) {
    output.err(`wslint: ${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    output.err(`wslint: internal error: ${message}\n`);
    if (process.env.WSLINT_DEBUG === "1" && error instanceof Error && error.stack !== undefined) output.err(`${error.stack}\n`);
  }
  return EXIT_FAILURE;
}
