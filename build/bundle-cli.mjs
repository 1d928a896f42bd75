// Bundles the CLI into dist/src/cli/main.js, the package's bin, over the module tsc emits there.
// Node.js resolves, reads and compiles each ES module on its own, which cost a 50-line `wslint
// lint` most of its start-up time over about 90 modules; bundled, such a run loads a few files.
// The commands and dialects still load lazily: each dynamic import becomes a chunk of its own,
// and the modules they share go into chunks that the importers load.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist/src/cli");
// Chunk names change with their content: the chunks of an earlier build would be packed too.
rmSync(join(outdir, "chunks"), { recursive: true, force: true });

await build({
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
  logLevel: "warning",
});
