// Runs every conformance check against the shared corpus: nginx (nginx.mjs) and, when it exists,
// HAProxy (haproxy.mjs). Skipped, successfully, when the corpus is not there.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { corpusDirectory, run as runNginx } from "./nginx.mjs";

const verbose = process.argv.includes("--verbose");

if (!existsSync(corpusDirectory)) {
  console.log(`conformance skipped: no corpus at ${corpusDirectory}`);
} else {
  const results = [await runNginx({ verbose })];
  const haproxyCheck = join(dirname(fileURLToPath(import.meta.url)), "haproxy.mjs");
  if (existsSync(haproxyCheck)) {
    const { run: runHaproxy } = await import(pathToFileURL(haproxyCheck).href);
    results.push(await runHaproxy({ verbose }));
  }
  process.exitCode = results.every((result) => result?.ok !== false) ? 0 : 1;
}
