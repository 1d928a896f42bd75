// Runs one parser on one input in a worker thread, so that the fuzz tests can stop a parse that
// hangs. It loads the built parsers from dist/ (a worker cannot load TypeScript): the fuzz tests
// check that dist/ is up to date first.
import { parentPort } from "node:worker_threads";
import { positionErrors, roundTripError } from "./tree-checks.mjs";

// The same modules as WORKER_ENTRY_MODULES in parse-in-worker.ts, which checks they are fresh.
const dist = new URL("../../dist/", import.meta.url);
const { decodeSource, LineIndex } = await import(new URL("src/syntax/source.js", dist).href);
const { parseNginx } = await import(new URL("src/nginx/parse.js", dist).href);
const { printNginx } = await import(new URL("src/nginx/print.js", dist).href);
const { parseHaproxy } = await import(new URL("src/haproxy/parse.js", dist).href);
const { printHaproxy } = await import(new URL("src/haproxy/print.js", dist).href);

const PARSERS = {
  nginx: { path: "fuzz.conf", parse: parseNginx, print: printNginx },
  haproxy: { path: "fuzz.cfg", parse: parseHaproxy, print: printHaproxy },
};

/**
 * @param {"nginx" | "haproxy"} dialect
 * @param {Uint8Array} bytes
 * @returns {{ failure?: string; problems: unknown[] }}
 */
function check(dialect, bytes) {
  const parser = PARSERS[dialect];
  try {
    const source = decodeSource(parser.path, bytes);
    const { file, problems } = parser.parse(source);
    if (typeof file !== "object" || file === null) return { failure: "no tree", problems };
    const positions = positionErrors({ file, problems }, source.text, new LineIndex(source.text));
    const unnamed = problems.find((/** @type {any} */ problem) => problem.file !== parser.path || !problem.message);
    const failure =
      roundTripError(parser.print(file), source.text) ??
      (positions.length > 0 ? positions.join("; ") : undefined) ??
      (unnamed ? `a problem without its file or a message: ${JSON.stringify(unnamed)}` : undefined);
    return { failure, problems };
  } catch (error) {
    return { failure: `threw ${error instanceof Error ? error.stack : String(error)}`, problems: [] };
  }
}

parentPort?.on("message", ({ id, dialect, bytes }) => {
  parentPort?.postMessage({ id, ...check(dialect, bytes) });
});
parentPort?.postMessage({ ready: true });
