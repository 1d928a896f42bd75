// Our parsers against the real servers, on every fixture of both dialects:
// - a fixture the server accepts parses without problems;
// - a fixture announcing `# expect-error: LINE` is rejected by the server at LINE (which keeps the
//   fixture honest) and our first problem is on LINE;
// - any other fixture the server rejects for a syntax reason gets our first problem on the line
//   the server names, and we report no problem where the server read without complaint.
// nginx -t / haproxy -c run for all fixtures up front, in parallel in bounded batches.
import { beforeAll, expect, it } from "vitest";
import type { SyntaxProblem } from "../../src/syntax/problems.js";
import {
  CHECK_CONCURRENCY,
  describeWithServer,
  haproxyCheck,
  isHaproxySyntaxError,
  isNginxSyntaxError,
  mapWithConcurrency,
  nginxTest,
  type ServerCheckResult,
} from "../servers/index.js";
import { discoverFixtures, type Dialect, type Fixture } from "./fixtures.js";
import { parseAndPrint } from "./parsers.js";
import { coversLine, listProblems } from "./problem-lines.js";

interface ServerUnderTest {
  check(fixture: Fixture): Promise<ServerCheckResult>;
  isSyntaxError(message: string): boolean;
  /** nginx stops at the first error, HAProxy reads the whole file and reports every error. */
  stopsAtFirstError: boolean;
}

const SERVERS: Record<Dialect, ServerUnderTest> = {
  nginx: { check: (fixture) => nginxTest({ file: fixture.path }), isSyntaxError: isNginxSyntaxError, stopsAtFirstError: true },
  haproxy: {
    check: (fixture) => haproxyCheck({ file: fixture.path }),
    isSyntaxError: isHaproxySyntaxError,
    stopsAtFirstError: false,
  },
};

/** Folders of fixtures for modules the Debian nginx-light here does not have. */
const NGINX_FOLDERS_NEEDING_MODULES: Record<string, string> = {
  openresty: "needs OpenResty's Lua module, which nginx-light does not have",
};

/** Directives of modules nginx-light lacks, recognised in `unknown directive "..."`. */
const MODULE_DIRECTIVE = /^unknown directive "(stream|mail|\w+_by_lua\w*|lua_\w+|js_\w+|more_\w+_headers|perl\w*)"$/;

function reasonToSkip(fixture: Fixture): string | undefined {
  if (fixture.template) return "a template: the probe tests fill in its {{placeholders}} and run it";
  if (fixture.dialect !== "nginx") return undefined;
  const folder = fixture.name.split("/").find((name) => name in NGINX_FOLDERS_NEEDING_MODULES);
  return folder && NGINX_FOLDERS_NEEDING_MODULES[folder];
}

function firstProblemAt(problems: SyntaxProblem[], line: number | undefined): void {
  expect(coversLine(problems[0], line), `the server reports line ${line}; ours: ${listProblems(problems)}`).toBe(true);
}

function compare(fixture: Fixture, verdict: ServerCheckResult, server: ServerUnderTest): void {
  const { problems } = parseAndPrint(fixture.dialect, fixture.source);
  const errorsHere = verdict.errors.filter((error) => error.file === fixture.path && error.line !== undefined);
  const firstHere = errorsHere[0];

  if (fixture.expectedErrorLine !== undefined) {
    expect(verdict.ok, `the server accepts a fixture announcing an error on line ${fixture.expectedErrorLine}`).toBe(false);
    expect(firstHere?.line, `the server's first error here: ${firstHere?.message ?? verdict.stderr}`).toBe(
      fixture.expectedErrorLine,
    );
    firstProblemAt(problems, fixture.expectedErrorLine);
    return;
  }
  if (verdict.ok) {
    expect(listProblems(problems), "the server accepts the fixture").toBe("no problems");
    return;
  }
  if (firstHere && server.isSyntaxError(firstHere.message)) firstProblemAt(problems, firstHere.line);
  // Where the server read without complaint, we must not complain either.
  const contradicted = problems.filter((problem) =>
    server.stopsAtFirstError
      ? firstHere !== undefined && problem.end.line < firstHere.line!
      : !errorsHere.some((error) => coversLine(problem, error.line)),
  );
  expect(listProblems(contradicted), `the server's errors: ${JSON.stringify(verdict.errors)}`).toBe("no problems");
}

const fixtures = discoverFixtures();

for (const dialect of ["nginx", "haproxy"] as const) {
  describeWithServer(dialect, `${dialect} fixtures against the real ${dialect}`, () => {
    const server = SERVERS[dialect];
    const checked = fixtures.filter((fixture) => fixture.dialect === dialect && reasonToSkip(fixture) === undefined);
    const verdicts = new Map<Fixture, ServerCheckResult>();

    beforeAll(async () => {
      const results = await mapWithConcurrency(checked, CHECK_CONCURRENCY, (fixture) => server.check(fixture));
      checked.forEach((fixture, index) => verdicts.set(fixture, results[index]!));
    });

    for (const fixture of fixtures.filter((candidate) => candidate.dialect === dialect)) {
      const skip = reasonToSkip(fixture);
      if (skip) {
        it.skip(`${fixture.name} (${skip})`);
        continue;
      }
      it(fixture.name, (context) => {
        const verdict = verdicts.get(fixture)!;
        const missingModule = verdict.message && MODULE_DIRECTIVE.exec(verdict.message);
        if (missingModule) context.skip(`needs the module of "${missingModule[1]}", which this ${dialect} lacks`);
        compare(fixture, verdict, server);
      });
    }
  });
}
