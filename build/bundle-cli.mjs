// Bundles the CLI into dist/src/cli/main.js, the package's bin, over the module tsc emits there.
// Node.js resolves, reads and compiles each ES module on its own, which cost a 50-line `wslint
// lint` most of its start-up time over about 90 modules; bundled, such a run loads a few files.
// The commands and dialects still load lazily: each dynamic import becomes a chunk of its own,
// and the modules they share go into chunks that the importers load.
import { build } from "esbuild";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist/src/cli");
// Chunk names change with their content: the chunks of an earlier build would be packed too.
rmSync(join(outdir, "chunks"), { recursive: true, force: true });

const { metafile } = await build({
  entryPoints: [join(root, "src/cli/main.ts")],
  outdir,
  entryNames: "[name]",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // commander, nearley and moo are CommonJS: their require() of Node.js modules needs a require.
  banner: { js: 'import { createRequire as createRequireForBundle } from "node:module"; const require = createRequireForBundle(import.meta.url);' },
  // Maps name the sources (not shipped) so that WSLINT_DEBUG=1 stack traces point into them.
  sourcemap: "linked",
  sourcesContent: false,
  metafile: true,
  logLevel: "warning",
});

// The bundle holds the code of the packages it uses, so the package ships their licenses.
const bundledPackages = new Set(Object.keys(metafile.inputs).flatMap((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? []));
const notices = [...bundledPackages].sort().map((name) => {
  const directory = join(root, "node_modules", name);
  const licenseFile = readdirSync(directory).find((file) => /^licen[cs]e/i.test(file));
  if (licenseFile === undefined) throw new Error(`bundled package ${name} has no license file`);
  const { version } = JSON.parse(readFileSync(join(directory, "package.json"), "utf8"));
  return `## ${name} ${version}\n\n${readFileSync(join(directory, licenseFile), "utf8").trim()}\n`;
});
writeFileSync(join(outdir, "THIRD-PARTY-LICENSES.md"), `# Licenses of the packages bundled into wslint\n\n${notices.join("\n")}`);
