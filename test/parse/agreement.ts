// When our parser and a real server agree about a file, for the fixture tests and the
// differential fuzzing.
import type { SyntaxProblem } from "../../src/syntax/problems.js";
import {
  haproxyCheck,
  isHaproxySyntaxError,
  isNginxSyntaxError,
  nginxTest,
  type ConfigInput,
  type ServerCheckResult,
} from "../servers/index.js";
import type { Dialect, Fixture } from "./fixtures.js";
import { coversLine, listProblems } from "./problem-lines.js";

export interface ServerUnderTest {
  check(config: ConfigInput): Promise<ServerCheckResult>;
  isSyntaxError(message: string): boolean;
  /** Lines the server may not read at all, so that its silence about them proves nothing. */
  linesItMaySkip(text: string): Set<number>;
}

/**
 * Lines inside `.if` blocks: HAProxy skips the branches whose condition is false where it runs
 * (undefined variables, another version), and we do not evaluate the conditions.
 */
function linesInConditionalBlocks(text: string): Set<number> {
  const inside = new Set<number>();
  let depth = 0;
  text.split("\n").forEach((line, index) => {
    const directive = /^\s*\.(if|elif|else|endif)\b/.exec(line)?.[1];
    if (directive === "endif") depth = Math.max(0, depth - 1);
    if (depth > 0) inside.add(index + 1);
    if (directive === "if") depth++;
  });
  return inside;
}

export const SERVERS: Record<Dialect, ServerUnderTest> = {
  nginx: { check: nginxTest, isSyntaxError: isNginxSyntaxError, linesItMaySkip: () => new Set() },
  haproxy: { check: haproxyCheck, isSyntaxError: isHaproxySyntaxError, linesItMaySkip: linesInConditionalBlocks },
};

/**
 * Why our problems contradict the server's verdict on a file, or undefined when they agree:
 * - the server accepts the file: we must report no problem;
 * - the server's first error is a syntax error: our first problem must be on its line;
 * - where the server read without complaint, we must not complain either. nginx stops at its
 *   first error, HAProxy at some (a NUL byte, an unknown `.directive`), so what follows the
 *   server's last error in the file is not known to be clean. Errors without a location come from
 *   checks after reading the whole file.
 */
export function disagreement(
  problems: SyntaxProblem[],
  verdict: ServerCheckResult,
  server: ServerUnderTest,
  text: string,
): string | undefined {
  if (verdict.ok) return problems.length === 0 ? undefined : `the server accepts the file; we report ${listProblems(problems)}`;
  const located = verdict.errors.filter((error) => error.line !== undefined);
  const here = located.filter((error) => error.file === verdict.file);
  const first = here[0];
  if (first && server.isSyntaxError(first.message) && !coversLine(problems[0], first.line)) {
    return `the server reports "${first.message}" on line ${first.line}; we report ${listProblems(problems)}`;
  }
  const readUpTo = here.length > 0 ? here.at(-1)!.line! : located.length > 0 ? 0 : Number.POSITIVE_INFINITY;
  const skipped = server.linesItMaySkip(text);
  const contradicted = problems.filter(
    (problem) =>
      problem.end.line < readUpTo &&
      !skipped.has(problem.start.line) &&
      !here.some((error) => coversLine(problem, error.line)),
  );
  if (contradicted.length === 0) return undefined;
  const serverSays = here.map((error) => `line ${error.line}: ${error.message}`).join("; ") || verdict.message;
  return `we report ${listProblems(contradicted)} where the server read without complaint (it says: ${serverSays})`;
}

/** Folders of fixtures for modules the Debian nginx-light here does not have. */
const NGINX_FOLDERS_NEEDING_MODULES: Record<string, string> = {
  openresty: "needs OpenResty's Lua module, which nginx-light does not have",
};

/** Why the server cannot judge a fixture, or undefined when it can. */
export function serverCheckSkipReason(fixture: Fixture): string | undefined {
  if (fixture.template) return "a template: the test that runs it fills in its {{placeholders}}";
  if (fixture.dialect !== "nginx") return undefined;
  const folder = fixture.name.split("/").find((name) => name in NGINX_FOLDERS_NEEDING_MODULES);
  return folder && NGINX_FOLDERS_NEEDING_MODULES[folder];
}

/** Directives of modules nginx-light lacks, recognised in `unknown directive "..."`. */
const MODULE_DIRECTIVE = /^unknown directive "(stream|mail|\w+_by_lua\w*|lua_\w+|js_\w+|more_\w+_headers|perl\w*)"$/;

/** The directive nginx did not know because this build lacks its module, if that stopped it. */
export function missingModule(verdict: ServerCheckResult): string | undefined {
  return verdict.message === undefined ? undefined : MODULE_DIRECTIVE.exec(verdict.message)?.[1];
}
