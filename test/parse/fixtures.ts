// Every config file under fixtures/, of both dialects, found by walking the tree: a new fixture
// folder (rule fixtures, probe configs...) is picked up without touching the tests.
//
// - Dialect: the nearest folder named `nginx` or `haproxy` in the path; otherwise the extension
//   (`.cfg` is HAProxy, `.conf` nginx). Other files (READMEs, dumps, expected outputs) are ignored.
// - Expected error: a fixture whose first line is `# expect-error: LINE` must fail to parse with
//   its first problem on LINE, and the real server must reject it on that line. Fixtures in a
//   `bad/` folder must carry the header.
// - Template: a fixture with `{{NAME}}` placeholders is filled in by the test that runs it.
import { readdirSync, readFileSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { decodeSource, type SourceFile } from "../../src/syntax/source.js";

export type Dialect = "nginx" | "haproxy";
export const DIALECTS: readonly Dialect[] = ["nginx", "haproxy"];

export const REPOSITORY_ROOT = join(import.meta.dirname, "..", "..");
const FIXTURES_ROOT = join(REPOSITORY_ROOT, "fixtures");

const CONFIG_EXTENSIONS = new Set([".conf", ".cfg"]);

export interface Fixture {
  /** Relative to the repository root, with `/`: the name tests are reported under. */
  name: string;
  path: string;
  dialect: Dialect;
  source: SourceFile;
  /** From the `# expect-error: LINE` header. */
  expectedErrorLine: number | undefined;
  /** In a `bad/` folder: must have an expected error. */
  inBadFolder: boolean;
  template: boolean;
}

function configFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return configFilesUnder(path);
      return entry.isFile() && CONFIG_EXTENSIONS.has(extname(entry.name)) ? [path] : [];
    });
}

function dialectOf(name: string): Dialect {
  const folders = name.split("/").slice(0, -1).reverse();
  const named = folders.find((folder): folder is Dialect => folder === "nginx" || folder === "haproxy");
  return named ?? (name.endsWith(".cfg") ? "haproxy" : "nginx");
}

function loadFixture(path: string): Fixture {
  const name = relative(REPOSITORY_ROOT, path).split(sep).join("/");
  const source = decodeSource(name, readFileSync(path));
  const header = /^# expect-error: (\d+)\r?\n/.exec(source.text);
  return {
    name,
    path,
    dialect: dialectOf(name),
    source,
    expectedErrorLine: header ? Number(header[1]) : undefined,
    inBadFolder: name.split("/").includes("bad"),
    template: /\{\{[A-Z_]+\}\}/.test(source.text),
  };
}

export function discoverFixtures(): Fixture[] {
  return configFilesUnder(FIXTURES_ROOT).map(loadFixture);
}
