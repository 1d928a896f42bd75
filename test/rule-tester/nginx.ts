// The rule tester's nginx dialect: the real loader (includes followed from disk), parser, model
// and engine; `nginx -t` on the fixed configuration through the real-server harness.
import { readFileSync } from "node:fs";
import type { NginxNode } from "../../src/nginx/ast.js";
import { applyEdits } from "../../src/engine/fix.js";
import { lintModel } from "../../src/engine/lint.js";
import type { Rule } from "../../src/engine/rule.js";
import type { SourceComment } from "../../src/engine/suppressions.js";
import { diskFileSystem } from "../../src/load/file-system.js";
import { nginxConfigProblems, type NginxConfig } from "../../src/load/nginx-config.js";
import { loadNginxConfig } from "../../src/load/nginx-loader.js";
import { buildNginxModel, nginxModelWalk, type NginxNodeKinds } from "../../src/nginx/model/index.js";
import { parseNginx } from "../../src/nginx/parse.js";
import { decodeSource } from "../../src/syntax/source.js";
import { nginxTest } from "../servers/index.js";
import { testRule, type DialectAdapter, type RuleTests } from "./rule-tester.js";

function loadFromDisk(main: string): NginxConfig {
  return loadNginxConfig({ main: decodeSource(main, readFileSync(main)), fileSystem: diskFileSystem, parse: parseNginx });
}

/** Every comment of every file, for the engine's disable directives. */
function commentsOf(config: NginxConfig): SourceComment[] {
  const comments: SourceComment[] = [];
  for (const [path, { file }] of config.files) {
    const visit = (nodes: readonly NginxNode[]) => {
      for (const node of nodes) {
        if (node.type === "comment") {
          comments.push({ file: path, text: node.text, start: node.start, end: node.end });
          continue;
        }
        for (const inner of node.innerComments) comments.push({ file: path, text: inner.text, start: inner.start, end: inner.end });
        if (node.block !== null) visit(node.block);
      }
    };
    visit(file.children);
  }
  return comments;
}

/**
 * The configuration as one text, every include replaced by the files it names. The harness checks
 * a single file, and resolves relative includes against its own scratch prefix; inlining keeps
 * the case's include layout meaningful to nginx.
 */
export function inlineIncludes(config: NginxConfig, path = config.main): string {
  const text = config.files.get(path)!.file.source.text;
  const edits = [...config.includes.values()]
    .filter((include) => include.file === path)
    .map((include) => ({
      file: path,
      range: [include.directive.start.offset, include.directive.end.offset] as [number, number],
      text: include.targets.map((target) => inlineIncludes(config, target)).join("\n"),
    }));
  return applyEdits(text, edits);
}

export const nginxDialect: DialectAdapter<NginxNodeKinds> = {
  defaultFilename: "nginx.conf",
  lint(main, rules, settings) {
    const config = loadFromDisk(main);
    const texts = new Map([...config.files].map(([path, result]) => [path, result.file.source.text]));
    const model = buildNginxModel(config, settings);
    return lintModel({
      texts,
      problems: nginxConfigProblems(config),
      comments: commentsOf(config),
      walk: nginxModelWalk(model),
      rules,
      settings,
      reportUnusedDisableDirectives: false,
    }).findings;
  },
  server: {
    name: "nginx",
    check: (main) => nginxTest({ text: inlineIncludes(loadFromDisk(main)) }),
  },
};

export function testNginxRule<Options>(rule: Rule<NginxNodeKinds, Options>, tests: RuleTests<Options>): void {
  testRule(nginxDialect, rule, tests);
}
