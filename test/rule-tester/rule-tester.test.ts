// The rule tester catches what it promises to catch: wrong positions and messages, findings in
// accept cases, broken files, wrong fixed text, fixes that lose CRLF, missing evidence.
import { afterAll, describe, expect, it } from "vitest";
import type { Rule } from "../../src/engine/rule.js";
import type { NginxNodeKinds } from "../../src/nginx/model/index.js";
import { inlineIncludes, nginxDialect, testNginxRule } from "./nginx.js";
import { caseRunner, removeWorkspaces } from "./rule-tester.js";
import { loadNginxConfig } from "../../src/load/nginx-loader.js";
import { parseNginx } from "../../src/nginx/parse.js";
import { sourceFromText } from "../../src/syntax/source.js";
import type { ConfigFileSystem } from "../../src/load/file-system.js";

/** Reports `autoindex on;` and turns it off; `lineEnding` is what its fix ends a comment with. */
function autoindexRule(options: { evidence: boolean; fixLineEnding: "file" | "\n" }): Rule<NginxNodeKinds> {
  return {
    meta: { id: "nginx/toy-autoindex", description: "toy", defaultSeverity: "error", fixable: true, docs: "toy" },
    create: (context) => ({
      directive(directive) {
        if (directive.name !== "autoindex" || directive.args[0] !== "on") return;
        const value = directive.node.args[0]!;
        const text = directive.file.source.text;
        const eol = options.fixLineEnding === "file" ? (text.includes("\r\n") ? "\r\n" : "\n") : "\n";
        context.report({
          message: "autoindex lists the directory",
          file: directive.file.source.path,
          span: directive.node,
          ...(options.evidence ? { evidence: ["toy evidence"] } : {}),
          fix: [
            { file: directive.file.source.path, range: [value.start.offset, value.end.offset], text: "off" },
            { file: directive.file.source.path, range: [directive.node.end.offset, directive.node.end.offset], text: ` # was on${eol}` },
          ],
        });
      },
    }),
  };
}

const wellBehaved = autoindexRule({ evidence: true, fixLineEnding: "file" });
const runner = caseRunner(nginxDialect, wellBehaved, { requireEvidence: true });
const reported = "server {\n    location / {\n        autoindex on;\n    }\n}\n";
const fixedText = "server {\n    location / {\n        autoindex off; # was on\n\n    }\n}\n";

testNginxRule(wellBehaved, {
  requireEvidence: true,
  accept: [
    { code: "server {\n    location / {\n        autoindex off;\n    }\n}\n" },
    {
      description: "a case about an include that cannot be read names it",
      code: "server {\n    include missing.conf;\n    location / {\n        autoindex off;\n    }\n}\n",
      fatal: [/:2: cannot include ".*missing\.conf": no such file or directory/],
    },
  ],
  reject: [
    { description: "one file", code: reported, message: "lists", line: 3, column: 9, endLine: 3, endColumn: 22, evidence: ["toy"], fixed: fixedText },
    {
      description: "a finding in an included file, fixed there",
      code: "server {\n    include locations.conf;\n}\n",
      files: { "locations.conf": "location / {\n    autoindex on;\n}\n" },
      file: "locations.conf",
      line: 2,
      column: 5,
      fixed: "server {\n    include locations.conf;\n}\n",
      fixedFiles: { "locations.conf": "location / {\n    autoindex off; # was on\n\n}\n" },
    },
    {
      description: "a finding beside an include that cannot be read, which is not fixed",
      code: "server {\n    include missing.conf;\n    location / {\n        autoindex on;\n    }\n}\n",
      fatal: ["cannot include"],
      line: 4,
      column: 9,
    },
  ],
});

describe("the rule tester fails a case", () => {
  afterAll(removeWorkspaces);

  it("whose position is wrong", async () => {
    await expect(runner.reject({ code: reported, line: 3, column: 10, fixed: fixedText })).rejects.toThrow(/line and column/);
  });

  it("whose message is wrong", async () => {
    await expect(runner.reject({ code: reported, message: "nothing like it", line: 3, column: 9, fixed: fixedText })).rejects.toThrow(
      /message should contain/,
    );
  });

  it("that expects fewer findings than there are", async () => {
    const twice = "server {\n    autoindex on;\n    location / {\n        autoindex on;\n    }\n}\n";
    await expect(runner.reject({ code: twice, line: 2, column: 5, fixed: twice })).rejects.toThrow(/findings/);
  });

  it("of accept that the rule reports", () => {
    expect(() => runner.accept({ code: reported })).toThrow();
  });

  it("that does not parse", () => {
    expect(() => runner.accept({ code: "server {\n    location / {\n" })).toThrow(/parse errors/);
  });

  it("whose include cannot be read, unless it names that problem", () => {
    expect(() => runner.accept({ code: "server {\n    include missing.conf;\n}\n" })).toThrow(/parse errors: .*cannot include/);
  });

  it("that names a fatal problem it does not have", () => {
    expect(() => runner.accept({ code: "server {\n}\n", fatal: ["cannot include"] })).toThrow(/parse errors: none; expected cannot include/);
  });

  it("with fatal problems that gives a fixed text", async () => {
    const code = "server {\n    include missing.conf;\n    autoindex on;\n}\n";
    await expect(runner.reject({ code, fatal: ["cannot include"], line: 3, column: 5, fixed: code })).rejects.toThrow(/fatal problems/);
  });

  it("whose fixed text is wrong", async () => {
    await expect(runner.reject({ code: reported, line: 3, column: 9, fixed: reported })).rejects.toThrow(/fixed files/);
  });

  it("of a fixable rule without fixed or unfixable", async () => {
    await expect(runner.reject({ code: reported, line: 3, column: 9 })).rejects.toThrow(/needs `fixed` or `unfixable: true`/);
  });

  it("whose fix writes LF into a CRLF file", async () => {
    const lfOnly = caseRunner(nginxDialect, autoindexRule({ evidence: true, fixLineEnding: "\n" }));
    await expect(lfOnly.reject({ code: reported, line: 3, column: 9, fixed: fixedText })).rejects.toThrow(/CRLF/);
  });

  it("whose finding has no evidence when evidence is required", async () => {
    const silent = caseRunner(nginxDialect, autoindexRule({ evidence: false, fixLineEnding: "file" }), { requireEvidence: true });
    await expect(silent.reject({ code: reported, line: 3, column: 9, fixed: fixedText })).rejects.toThrow(/evidence/);
  });
});

describe("inlineIncludes", () => {
  it("splices every included file in place of its include, recursively", () => {
    const files: Record<string, string> = {
      "/etc/nginx/nginx.conf": "events {}\nhttp {\n    include sites/*.conf;\n}\n",
      "/etc/nginx/sites/a.conf": "server { include /etc/nginx/snippets/x.conf; }\n",
      "/etc/nginx/snippets/x.conf": "listen 81;",
    };
    const fileSystem: ConfigFileSystem = {
      read: (path) => (path in files ? { ok: true, source: sourceFromText(path, files[path]!) } : { ok: false, reason: "missing" }),
      list: (directory) => Object.keys(files).filter((path) => path.startsWith(`${directory}/`)).map((path) => path.slice(directory.length + 1)),
      exists: (path) => path in files || Object.keys(files).some((file) => file.startsWith(`${path}/`)),
    };
    const config = loadNginxConfig({ main: sourceFromText("/etc/nginx/nginx.conf", files["/etc/nginx/nginx.conf"]!), fileSystem, parse: parseNginx });
    expect(inlineIncludes(config)).toBe("events {}\nhttp {\n    server { listen 81; }\n\n}\n");
  });
});
