// Compiles every grammar/*.ne with nearleyc into src/generated/<name>-grammar.ts.
// The generated files are build output (git-ignored): edit the .ne files instead.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nearleyc = join(root, "node_modules", "nearley", "bin", "nearleyc.js");
const outDir = join(root, "src", "generated");
mkdirSync(outDir, { recursive: true });

for (const file of readdirSync(join(root, "grammar")).filter((f) => f.endsWith(".ne")).sort()) {
  const out = join(outDir, file.replace(/\.ne$/, "-grammar.ts"));
  execFileSync(process.execPath, [nearleyc, join(root, "grammar", file), "-o", out], { stdio: "inherit" });
}
