// The rule tester's nginx dialect: the real loader (includes followed from disk), parser, model
// and engine; `nginx -t` on the fixed configuration through the real-server harness.
import { readFileSync } from "node:fs";
import { applyEdits } from "../../src/engine/fix.js";
import type { Rule } from "../../src/engine/rule.js";
import { diskFileSystem } from "../../src/load/file-system.js";
import type { NginxConfig } from "../../src/load/nginx-config.js";
import { loadNginxConfig } from "../../src/load/nginx-loader.js";
import type { NginxNodeKinds } from "../../src/nginx/model/index.js";
import { lintNginxConfig } from "../../src/lint/nginx.js";
import { parseNginx } from "../../src/nginx/parse.js";
import { decodeSource } from "../../src/syntax/source.js";
import { nginxTest } from "../servers/index.js";
import { testRule, type DialectAdapter, type RuleTests } from "./rule-tester.js";

function loadFromDisk(main: string): NginxConfig {
  return loadNginxConfig({ main: decodeSource(main, readFileSync(main)), fileSystem: diskFileSystem, parse: parseNginx });
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
    return lintNginxConfig(loadFromDisk(main), rules, settings, false).findings;
  },
  server: {
    name: "nginx",
    check: (main) => nginxTest({ text: inlineIncludes(loadFromDisk(main)) }),
  },
};

export function testNginxRule<Options>(rule: Rule<NginxNodeKinds, Options>, tests: RuleTests<Options>): void {
  testRule(nginxDialect, rule, tests);
}
