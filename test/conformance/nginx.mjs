// nginx conformance: parses every nginx file of the shared corpus and compares the crossplane
// JSON wslint builds from its tree (src/nginx/crossplane.ts) with crossplane 0.5's own output,
// field for field, for every reference crossplane parsed without error. For the references
// crossplane rejected, it counts how many wslint rejects too.
//
//   node test/conformance/nginx.mjs [--verbose]     (after `npm run build`)
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const corpusDirectory = join(root, "..", "shared", "corpus");

// Why crossplane's output differs from wslint's for files nginx itself refuses. crossplane accepts
// them because its lexer ends a word at `}` and takes `{` or `}` where nginx wants a directive
// name or a `;`; wslint follows nginx, reports the syntax error and keeps the tree read before it.
const TEMPLATE =
  "template markup ({{ }} or {% %}): nginx refuses a '{' that follows no directive name; crossplane makes '{' a directive";
const BRACE_IN_WORD =
  "unquoted '{n}' in a regex or '{placeholder}': nginx opens a block at '{' and keeps '}' inside the next word, so a block stays open; crossplane closes blocks at that '}'";
const MISSING_SEMICOLON =
  "directive without ';' before '}': nginx refuses it; crossplane ends the directive at the '}' and nests the next location inside";
const JSON_TEXT = "a JSON line: nginx refuses ':' right after a closing quote and keeps '}' in 'true}'";

/**
 * Files where wslint's output differs from crossplane's on purpose, with the reason. The check
 * fails on any difference not listed here, and on a listed file that no longer differs.
 */
const knownDifferences = new Map([
  ["crossplane-tests/missing-semicolon/broken-above.conf", MISSING_SEMICOLON],
  ["docker-jitsi-meet/web/rootfs/defaults/meet.conf", TEMPLATE],
  ["docker-jitsi-meet/web/rootfs/defaults/nginx.conf", TEMPLATE],
  ["docker-jitsi-meet/web/rootfs/defaults/ssl.conf", TEMPLATE],
  ["gixy-ng-tests/plugins/simply/allow_without_deny/include_and_deny_fp.conf", JSON_TEXT],
  ["gixy-ng-tests/plugins/simply/origins/map_origin_allowlist_fp.conf", BRACE_IN_WORD],
  ["home-assistant-addons/nginx_proxy/rootfs/etc/nginx/nginx.conf.gtpl", TEMPLATE],
  ["home-assistant-addons/vlc/rootfs/usr/share/tempio/nginx.conf", TEMPLATE],
  ["ingress-nginx/rootfs/etc/nginx/template/nginx.tmpl", TEMPLATE],
  ["jhinch-nginx-linter-examples/nginx-linter.config.json", TEMPLATE],
  ["mattermost-docs/source__deployment-guide__server__setup-nginx-proxy__L115.conf", BRACE_IN_WORD],
  ["mattermost-docs/source__deployment-guide__server__setup-nginx-proxy__L243.conf", BRACE_IN_WORD],
  ["mattermost-docs/source__deployment-guide__server__setup-nginx-proxy__L318.conf", BRACE_IN_WORD],
  ...[
    "_access.conf",
    "_assets.conf",
    "_certificates.conf",
    "_certificates_stream.conf",
    "_exploits.conf",
    "_forced_ssl.conf",
    "_hsts.conf",
    "_listen.conf",
    "_location.conf",
    "dead_host.conf",
    "default.conf",
    "ip_ranges.conf",
    "letsencrypt-request.conf",
    "proxy_host.conf",
    "redirection_host.conf",
    "stream.conf",
  ].map((name) => [`nginx-proxy-manager/backend/templates/${name}`, TEMPLATE]),
  ["nginx-proxy-manager/docker/rootfs/etc/nginx/conf.d/production.conf.template", TEMPLATE],
  ...[
    "0020_static_server.conf",
    "0021_regex_quantifiers.conf",
    "0027_regex_modifiers.conf",
    "0028_regex_complex.conf",
    "0029_regex_rewrites.conf",
    "0030_regex_edge_cases.conf",
    "0041_regex_capture_groups.conf",
    "0043_regex_api_versioning.conf",
    "0044_regex_locale.conf",
    "0048_regex_rewrite_advanced.conf",
    "0049_regex_media_streaming.conf",
    "0050_regex_microservices.conf",
  ].map((name) => [`walf443-nginx-lint-fixtures/crates/nginx-lint-parser/tests/fixtures/test_generated/${name}`, BRACE_IN_WORD]),
]);

export async function run({ verbose = false, corpus = corpusDirectory } = {}) {
  const { parseNginx } = await import(pathToFileURL(join(root, "dist/src/nginx/parse.js")).href);
  const { crossplaneParsed } = await import(pathToFileURL(join(root, "dist/src/nginx/crossplane.js")).href);
  const { decodeSource } = await import(pathToFileURL(join(root, "dist/src/syntax/source.js")).href);
  const { printNginx } = await import(pathToFileURL(join(root, "dist/src/nginx/print.js")).href);

  const referenceDirectory = join(corpus, "nginx-crossplane");
  let okTotal = 0;
  let identical = 0;
  let failedTotal = 0;
  let alsoRejected = 0;
  const unexpected = [];
  const expected = [];
  const notPrintedBack = [];
  let files = 0;
  for (const referencePath of listFiles(referenceDirectory).filter((path) => path.endsWith(".json"))) {
    const relativePath = relative(referenceDirectory, referencePath).slice(0, -".json".length);
    const reference = JSON.parse(readFileSync(referencePath, "utf8"));
    const configPath = join(corpus, "nginx", relativePath);
    const source = decodeSource(relativePath, readFileSync(configPath));
    const result = parseNginx(source);
    files++;
    if (printNginx(result.file) !== source.text) notPrintedBack.push(relativePath);
    if (reference.status !== "ok") {
      failedTotal++;
      if (result.problems.length > 0) alsoRejected++;
      continue;
    }
    okTotal++;
    const ours = crossplaneParsed(result.file, { comments: true });
    const difference = firstDifference(reference.config[0].parsed, ours, "parsed");
    if (difference === null) {
      identical++;
      continue;
    }
    // A difference is only acceptable where wslint, like nginx, refuses the file.
    const reason = result.problems.length > 0 ? knownDifferences.get(relativePath) : undefined;
    (reason === undefined ? unexpected : expected).push({ file: relativePath, reason, ...difference });
  }

  console.log(`nginx: ${identical}/${okTotal} files identical to crossplane`);
  console.log(`nginx: ${alsoRejected}/${failedTotal} files crossplane rejects are rejected by wslint too`);
  console.log(`nginx: ${files - notPrintedBack.length}/${files} files print back byte for byte`);
  for (const file of notPrintedBack) console.log(`  ${file} does not print back`);
  if (expected.length > 0) console.log(`nginx: ${expected.length} known differences (run with --verbose to list them)`);
  for (const difference of unexpected) printDifference(difference);
  if (verbose) for (const difference of expected) printDifference(difference);
  const listedButIdentical = [...knownDifferences.keys()].filter((file) => !expected.some((difference) => difference.file === file));
  for (const file of listedButIdentical) console.log(`nginx: ${file} is listed as a known difference but no longer differs`);
  return { ok: unexpected.length === 0 && listedButIdentical.length === 0 && notPrintedBack.length === 0 };
}

function printDifference({ file, reason, path, reference, ours }) {
  console.log(`  ${file}: first difference at ${path}${reason === undefined ? "" : ` (known: ${reason})`}`);
  console.log(`    crossplane: ${preview(reference)}`);
  console.log(`    wslint:     ${preview(ours)}`);
}

function preview(value) {
  const text = value === undefined ? "(missing)" : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 160)}...` : text;
}

/** The path and both values of the first place where two JSON values differ, or null. */
function firstDifference(reference, ours, path) {
  if (Array.isArray(reference) && Array.isArray(ours)) {
    for (let i = 0; i < Math.max(reference.length, ours.length); i++) {
      const difference = firstDifference(reference[i], ours[i], `${path}[${i}]`);
      if (difference !== null) return difference;
    }
    return null;
  }
  if (isObject(reference) && isObject(ours)) {
    const keys = new Set([...Object.keys(reference), ...Object.keys(ours)]);
    for (const key of keys) {
      const difference = firstDifference(reference[key], ours[key], `${path}.${key}`);
      if (difference !== null) return difference;
    }
    return null;
  }
  return reference === ours ? null : { path, reference, ours };
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function listFiles(directory) {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (!existsSync(corpusDirectory)) {
    console.log(`nginx conformance skipped: no corpus at ${corpusDirectory}`);
  } else {
    const { ok } = await run({ verbose: process.argv.includes("--verbose") });
    process.exitCode = ok ? 0 : 1;
  }
}
