// HAProxy conformance: parses every HAProxy file of the shared corpus (read in place, never
// copied) and checks that good files parse without problems, counts how many of the files
// HAProxy rejects we reject too, and checks that every file prints back byte for byte.
//
//   node test/conformance/haproxy.mjs [--verbose]     (after `npm run build`)
//
// MANIFEST.tsv notes mark `expected=bad` files (HAProxy's own tests of rejected configs, most
// of them rejected for semantic reasons a parser cannot see) and templated files (ERB, Jinja2,
// Go templates), which are counted apart.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const corpusDirectory = join(root, "..", "shared", "corpus");

/**
 * Files the manifest does not mark as bad but that `haproxy -c` (2.6) rejects too, each checked
 * by hand, with the line HAProxy reports and why.
 */
const knownRejections = new Map([
  ["haproxy/haproxy-tests-conf/test-acl-args.cfg", "HAProxy's own test of ACL argument errors (line 15: missing fetch method)"],
  ["haproxy/haproxy-tests-conf/test-valid-names.cfg", "HAProxy's own test of name checks (line 30: '!' in an acl name)"],
  [
    "haproxy/haproxytech-config-parser/haproxy_basic.cfg__configBasicMissingNewLineOnEnd.cfg",
    "the last line has no line feed, which HAProxy rejects",
  ],
  [
    "haproxy/haproxytech-config-parser/haproxy_generated.cfg__generatedConfig.cfg",
    "line 575 never closes its '{' (`}:1]` is not a `}` word)",
  ],
]);

function readManifest(corpus) {
  const [header, ...rows] = readFileSync(join(corpus, "MANIFEST.tsv"), "utf8").trim().split("\n");
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

/** Runs the check, prints its summary and returns `{ ok, counts, failures }`. */
export async function run({ verbose = false, corpus = corpusDirectory } = {}) {
  const { parseHaproxy } = await import(pathToFileURL(join(root, "dist/src/haproxy/parse.js")).href);
  const { printHaproxy } = await import(pathToFileURL(join(root, "dist/src/haproxy/print.js")).href);
  const { decodeSource } = await import(pathToFileURL(join(root, "dist/src/syntax/source.js")).href);

  const counts = {
    good: { total: 0, clean: 0 },
    bad: { total: 0, rejected: 0 },
    templated: { total: 0, clean: 0 },
    roundTrip: { total: 0, exact: 0 },
  };
  const unexpected = [];
  const known = [];
  const notPrintedBack = [];
  const acceptedBad = [];
  let parseMilliseconds = 0;
  let bytes = 0;

  for (const entry of readManifest(corpus)) {
    const kind = kindOf(entry);
    const fileBytes = readFileSync(join(corpus, entry.path));
    bytes += fileBytes.length;
    const source = decodeSource(entry.path, fileBytes);
    const startedAt = performance.now();
    const { file, problems } = parseHaproxy(source);
    parseMilliseconds += performance.now() - startedAt;

    counts.roundTrip.total++;
    if (printHaproxy(file) === source.text) counts.roundTrip.exact++;
    else notPrintedBack.push(entry.path);

    if (kind === "good") {
      counts.good.total++;
      if (problems.length === 0) {
        counts.good.clean++;
        continue;
      }
      const reason = knownRejections.get(entry.path);
      const failure = { path: entry.path, problem: describe(problems[0]), reason };
      (reason === undefined ? unexpected : known).push(failure);
    } else if (kind === "bad") {
      counts.bad.total++;
      if (problems.length > 0) counts.bad.rejected++;
      else acceptedBad.push(entry.path);
    } else {
      counts.templated.total++;
      if (problems.length === 0) counts.templated.clean++;
    }
  }

  console.log(`${counts.good.clean}/${counts.good.total} HAProxy files parse without error`);
  console.log(
    `haproxy: ${known.length} of the others are rejected by haproxy -c too (run with --verbose to list them)`,
  );
  console.log(
    `${counts.bad.rejected}/${counts.bad.total} expected=bad HAProxy files rejected ` +
      `(HAProxy rejects the others for semantic reasons a parser cannot see)`,
  );
  console.log(
    `haproxy: ${counts.templated.clean}/${counts.templated.total} templated files parse without error (templates are not HAProxy syntax)`,
  );
  console.log(`haproxy: ${counts.roundTrip.exact}/${counts.roundTrip.total} files print back byte for byte`);
  console.log(`haproxy: ${(bytes / 1e6).toFixed(2)} MB parsed in ${(parseMilliseconds / 1000).toFixed(2)} s (cold, JIT warm-up included)`);
  for (const path of notPrintedBack) console.log(`  ${path} does not print back`);
  for (const failure of unexpected) console.log(`  FAIL ${failure.path}: ${failure.problem}`);
  if (verbose) {
    for (const failure of known) console.log(`  known ${failure.path}: ${failure.problem} — ${failure.reason}`);
    for (const path of acceptedBad) console.log(`  accepted expected=bad ${path}`);
  }
  const stale = [...knownRejections.keys()].filter((path) => !known.some((failure) => failure.path === path));
  for (const path of stale) console.log(`haproxy: ${path} is listed as a known rejection but now parses`);

  const failures = [...unexpected, ...known];
  return { ok: unexpected.length === 0 && stale.length === 0 && notPrintedBack.length === 0, counts, failures };
}

function describe(problem) {
  return `${problem.start.line}:${problem.start.column} ${problem.message}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ok } = await run({ verbose: process.argv.includes("--verbose") });
  process.exitCode = ok ? 0 : 1;
}
