// Our parsers against the real servers, on every fixture of both dialects:
// - a fixture the server accepts parses without problems;
// - a fixture announcing `# expect-error: LINE` is rejected by the server at LINE (which keeps the
//   fixture honest) and our first problem is on LINE;
// - any other fixture the server rejects for a syntax reason gets our first problem on the line
//   the server names, and we report no problem where the server read without complaint.
// nginx -t / haproxy -c run for all fixtures up front, in parallel in bounded batches.
import { beforeAll, expect, it } from "vitest";
import type { SyntaxProblem } from "../../src/syntax/problems.js";
import { CHECK_CONCURRENCY, describeWithServer, mapWithConcurrency, type ServerCheckResult } from "../servers/index.js";
import { disagreement, missingModule, SERVERS, serverCheckSkipReason } from "./agreement.js";
import { DIALECTS, discoverFixtures, type Fixture } from "./fixtures.js";
import { parseAndPrint } from "./parsers.js";
import { coversLine, listProblems } from "./problem-lines.js";

function firstProblemAt(problems: SyntaxProblem[], line: number | undefined): void {
  expect(coversLine(problems[0], line), `the server reports line ${line}; ours: ${listProblems(problems)}`).toBe(true);
}

function compare(fixture: Fixture, verdict: ServerCheckResult): void {
  const { problems } = parseAndPrint(fixture.dialect, fixture.source);
  if (fixture.expectedErrorLine === undefined) {
    expect(disagreement(problems, verdict, SERVERS[fixture.dialect], fixture.source.text)).toBeUndefined();
    return;
  }
  const firstHere = verdict.errors.find((error) => error.file === verdict.file && error.line !== undefined);
  expect(verdict.ok, `the server accepts a fixture announcing an error on line ${fixture.expectedErrorLine}`).toBe(false);
  expect(firstHere?.line, `the server's first error here: ${firstHere?.message ?? verdict.stderr}`).toBe(fixture.expectedErrorLine);
  firstProblemAt(problems, fixture.expectedErrorLine);
}

const fixtures = discoverFixtures();

for (const dialect of DIALECTS) {
  describeWithServer(dialect, `${dialect} fixtures against the real ${dialect}`, () => {
    const server = SERVERS[dialect];
    const checked = fixtures.filter((fixture) => fixture.dialect === dialect && serverCheckSkipReason(fixture) === undefined);
    const verdicts = new Map<Fixture, ServerCheckResult>();

    beforeAll(async () => {
      const results = await mapWithConcurrency(checked, CHECK_CONCURRENCY, (fixture) => server.check({ file: fixture.path }));
      checked.forEach((fixture, index) => verdicts.set(fixture, results[index]!));
    });

    for (const fixture of fixtures.filter((candidate) => candidate.dialect === dialect)) {
      const skip = serverCheckSkipReason(fixture);
      if (skip) {
        it.skip(`${fixture.name} (${skip})`);
        continue;
      }
      it(fixture.name, (context) => {
        const verdict = verdicts.get(fixture)!;
        const lacking = missingModule(verdict);
        if (lacking) context.skip(`needs the module of "${lacking}", which this ${dialect} lacks`);
        compare(fixture, verdict);
      });
    }
  });
}
