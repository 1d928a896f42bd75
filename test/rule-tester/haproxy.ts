// The rule tester's HAProxy dialect: the real parser, model and engine; `haproxy -c` on the fixed
// configuration through the real-server harness.
//
// HAProxy has no include directive: a configuration of several files is loaded with one `-f` per
// file, or with `-f DIR`, which reads every `*.cfg` file of the directory in lexical order. A case
// is read the second way: its main file and the `.cfg` files of `files`, sorted by name, so
// `files: { "00-defaults.cfg": ... }` comes before the default main file `haproxy.cfg`. The real
// server checks the same directory with `haproxy -c -f DIR`.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { HaproxyNodeKinds } from "../../src/haproxy/model/index.js";
import { parseHaproxy } from "../../src/haproxy/parse.js";
import { lintHaproxyConfiguration } from "../../src/lint/haproxy.js";
import { compareHaproxyDirectoryOrder, isReadByHaproxyFromDirectory } from "../../src/load/haproxy-directory.js";
import type { Rule } from "../../src/engine/rule.js";
import { decodeSource } from "../../src/syntax/source.js";
import { haproxyCheck } from "../servers/index.js";
import { testRule, type DialectAdapter, type RuleTests } from "./rule-tester.js";

/** The files HAProxy reads for `-f DIR`, in its order, as `wslint lint DIR` reads them. */
function configurationFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isFile() && isReadByHaproxyFromDirectory(entry.name))
    .map((entry) => join(directory, entry.name))
    .sort(compareHaproxyDirectoryOrder);
}

export const haproxyDialect: DialectAdapter<HaproxyNodeKinds> = {
  defaultFilename: "haproxy.cfg",
  lint(main, rules, settings) {
    const results = configurationFiles(dirname(main)).map((path) => parseHaproxy(decodeSource(path, readFileSync(path))));
    return lintHaproxyConfiguration(results, rules, settings, false).findings;
  },
  server: {
    name: "haproxy",
    check: (main) => haproxyCheck({ file: dirname(main) }),
  },
};

export function testHaproxyRule<Options>(rule: Rule<HaproxyNodeKinds, Options>, tests: RuleTests<Options>): void {
  testRule(haproxyDialect, rule, tests);
}
