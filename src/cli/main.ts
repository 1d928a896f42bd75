#!/usr/bin/env node
// The wslint executable. Everything a command needs beyond commander is imported when that
// command runs, so `wslint --help` and a small `wslint parse` start fast.

// WSLINT_DEBUG=1 prints the stack trace of an internal failure: the built CLI is bundled, and its
// source maps point the trace into the sources. Node.js reads a module's map as it loads the
// module, so they are switched on before the CLI is imported.
if (process.env.WSLINT_DEBUG === "1") process.setSourceMapsEnabled(true);
const { runCli } = await import("./run-cli.js");

// `wslint parse big.conf | head` closes the pipe early: stop quietly, as other tools do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  outDrained: () => new Promise((resolve) => (process.stdout.writableNeedDrain ? process.stdout.once("drain", resolve) : resolve())),
});
