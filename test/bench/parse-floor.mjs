// One step of parsing an nginx file, alone in a fresh process, so that `npm run bench` can show
// what the fixed parts of the pipeline cost before wslint builds anything of its own:
//   node parse-floor.mjs read FILE      start node and read the file
//   node parse-floor.mjs lex FILE       ... and run the lexer over it (tokens discarded)
//   node parse-floor.mjs nearley FILE   ... and feed the tokens to nearley with the nginx grammar
//                                       whose postprocessors are replaced by no-ops (no tree)
//   node parse-floor.mjs tree FILE      ... and parse with the real postprocessors (the tree)
// It loads dist/src's modules one by one instead of the CLI's bundle: a few ms more at start-up.
import { readFileSync } from "node:fs";

const [step, file] = process.argv.slice(2);
const dist = (module) => import(new URL(`../../dist/src/${module}`, import.meta.url).href);

const text = readFileSync(file, "utf8");
let count = text.length;
if (step === "lex") {
  const { NginxLexer } = await dist("nginx/lexer.js");
  const lexer = new NginxLexer(file, "utf8");
  lexer.reset(text);
  count = 0;
  while (lexer.next() !== undefined) count++;
} else if (step === "nearley") {
  const { default: nearley } = await import("nearley");
  const { default: compiled } = await dist("generated/nginx-grammar.js");
  const { NginxLexer } = await dist("nginx/lexer.js");
  const ignore = () => null;
  const rules = compiled.ParserRules.map((rule) => ({ ...rule, postprocess: ignore }));
  const grammar = nearley.Grammar.fromCompiled({ ...compiled, ParserRules: rules });
  const parser = new nearley.Parser(grammar, { lexer: new NginxLexer(file, "utf8") });
  parser.feed(text);
  count = parser.results.length;
} else if (step === "tree") {
  const { parseNginx } = await dist("nginx/parse.js");
  count = parseNginx({ path: file, text, bom: false, encoding: "utf8" }).file.children.length;
} else if (step !== "read") {
  console.error(`unknown step ${step}: read, lex, nearley or tree`);
  process.exit(2);
}
// Printed so that no step can be optimised away.
console.log(count);
