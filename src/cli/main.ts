#!/usr/bin/env node
// The wslint executable. Everything a command needs beyond commander is imported when that
// command runs, so `wslint --help` and a small `wslint parse` start fast.
import { runCli } from "./run-cli.js";

// `wslint parse big.conf | head` closes the pipe early: stop quietly, as other tools do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
