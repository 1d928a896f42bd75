// HAProxy conformance: parses every HAProxy file of the shared corpus (read in place, never
// copied) and checks that good files parse without problems, that files HAProxy rejects are
// rejected when the reason is syntax, and that every file prints back byte for byte.
//
//   node test/conformance/haproxy.mjs [--verbose]     (after `npm run build`)
//
// MANIFEST.tsv notes mark `expected=bad` files (HAProxy's own tests of rejected configs, most
// of them rejected for semantic reasons a parser cannot see) and templated files (ERB, Jinja2,
// Go templates), which are counted apart.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseHaproxy } from "../../dist/src/haproxy/parse.js";
import { printHaproxy } from "../../dist/src/haproxy/print.js";
import { decodeSource } from "../../dist/src/syntax/source.js";

const DEFAULT_CORPUS = "/work/shared/corpus";

function readManifest(corpusDir) {
  const [header, ...rows] = readFileSync(join(corpusDir, "MANIFEST.tsv"), "utf8").trim().split("\n");
  const columns = header.split("\t");
  return rows
    .map((row) => Object.fromEntries(row.split("\t").map((cell, index) => [columns[index], cell])))
    .filter((entry) => entry.path.startsWith("haproxy/"));
}

function kindOf(entry) {
  if (/templated/i.test(entry.notes ?? "")) return "templated";
  if (/expected=bad/.test(entry.notes ?? "")) return "bad";
  return "good";
}

/**
 * Runs the check and prints its summary. Returns the counts and the failures so that the
 * project-wide conformance runner can add them up.
 */
export function run({ corpusDir = DEFAULT_CORPUS, verbose = false, log = console.log } = {}) {
  const counts = {
    good: { total: 0, clean: 0 },
    bad: { total: 0, rejected: 0 },
    templated: { total: 0, clean: 0 },
    roundTrip: { total: 0, exact: 0 },
  };
  const failures = [];
  let parseMilliseconds = 0;
  let bytes = 0;

  for (const entry of readManifest(corpusDir)) {
    const kind = kindOf(entry);
    const bytesOfFile = readFileSync(join(corpusDir, entry.path));
    bytes += bytesOfFile.length;
    const source = decodeSource(entry.path, bytesOfFile);
    const parseStartedAt = performance.now();
    const { file, problems } = parseHaproxy(source);
    parseMilliseconds += performance.now() - parseStartedAt;
    const printed = printHaproxy(file) === source.text;

    counts.roundTrip.total++;
    if (printed) counts.roundTrip.exact++;
    else failures.push({ path: entry.path, kind, reason: "does not print back to its source text" });

    if (kind === "good") {
      counts.good.total++;
      if (problems.length === 0) counts.good.clean++;
      else failures.push({ path: entry.path, kind, reason: describe(problems[0]) });
    } else if (kind === "bad") {
      counts.bad.total++;
      if (problems.length > 0) counts.bad.rejected++;
    } else {
      counts.templated.total++;
      if (problems.length === 0) counts.templated.clean++;
    }
  }

  log(`${counts.good.clean}/${counts.good.total} HAProxy files parse without error`);
  log(
    `${counts.bad.rejected}/${counts.bad.total} expected=bad HAProxy files rejected ` +
      `(HAProxy rejects the others for semantic reasons a parser cannot see)`,
  );
  log(`${counts.templated.clean}/${counts.templated.total} templated HAProxy files parse without error (templates are not HAProxy syntax)`);
  log(`${counts.roundTrip.exact}/${counts.roundTrip.total} HAProxy files print back byte for byte`);
  log(`${(bytes / 1e6).toFixed(2)} MB parsed in ${(parseMilliseconds / 1000).toFixed(2)} s (first run, JIT warm-up included)`);
  if (verbose) {
    for (const failure of failures) log(`  FAIL ${failure.path} (${failure.kind}): ${failure.reason}`);
  }
  return { counts, failures };
}

function describe(problem) {
  return `${problem.start.line}:${problem.start.column} ${problem.message}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { counts, failures } = run({ verbose: process.argv.includes("--verbose") });
  const goodFailures = failures.filter((failure) => failure.kind === "good").length;
  process.exitCode = goodFailures > 0 || counts.roundTrip.exact < counts.roundTrip.total ? 1 : 0;
}
