// Differential fuzzing: fixtures mutated as in fuzz.test.ts are read by our parser and by the real
// server, and the two must agree (see agreement.ts): what nginx -t / haproxy -c accept parses
// cleanly, a syntax error is reported on the server's line, and we complain nowhere the server
// read without complaint. The server is the oracle, so this finds where our tokenizer differs from
// the real one on input nobody thought of.
//
// A fixed seed and few cases by default (each costs a server run); more with
// WSLINT_DIFFERENTIAL_RUNS=2000 WSLINT_FUZZ_SEED=$RANDOM npx vitest run test/parse/differential
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithServer } from "../servers/index.js";
import { disagreement, missingModule, SERVERS, serverCheckSkipReason } from "./agreement.js";
import { DIALECTS, discoverFixtures } from "./fixtures.js";
import { applyMutations, describeMutations, mutations } from "./mutations.js";
import { ParseInWorker, staleBuildMessage } from "./parse-in-worker.js";

const RUNS = Number(process.env.WSLINT_DIFFERENTIAL_RUNS ?? 100);
const SEED = Number(process.env.WSLINT_FUZZ_SEED ?? 20261129);
const CASE_BUDGET_MS = 2_000;
const TEST_TIMEOUT_MS = Math.max(120_000, RUNS * 200);

const worker = new ParseInWorker();
afterAll(() => worker.close());

beforeAll(() => {
  const stale = staleBuildMessage();
  if (stale) throw new Error(stale);
});

for (const dialect of DIALECTS) {
  describeWithServer(dialect, `${dialect} parser and the real ${dialect} on mutated fixtures`, () => {
    const server = SERVERS[dialect];
    const fixtures = discoverFixtures()
      .filter((fixture) => fixture.dialect === dialect && serverCheckSkipReason(fixture) === undefined)
      .map((fixture) => ({ name: fixture.name, bytes: new Uint8Array(readFileSync(fixture.path)) }));

    it(
      `agree on what is a syntax error and where (${RUNS} cases, seed ${SEED})`,
      async () => {
        expect(fixtures.length).toBeGreaterThan(0);
        await fc.assert(
          fc.asyncProperty(fc.nat({ max: fixtures.length - 1 }), mutations, async (index, changes) => {
            const fixture = fixtures[index]!;
            const bytes = applyMutations(fixture.bytes, changes);
            const [ours, verdict] = await Promise.all([worker.check(dialect, bytes, CASE_BUDGET_MS), server.check({ text: bytes })]);
            const context = `${fixture.name} after: ${describeMutations(changes)}`;
            expect(ours.failure, context).toBeUndefined();
            // A mutation that made up the name of a module this build lacks says nothing either way.
            if (missingModule(verdict)) return;
            const text = Buffer.from(bytes).toString("latin1");
            expect(disagreement(ours.problems, verdict, server, text), context).toBeUndefined();
          }),
          { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: TEST_TIMEOUT_MS - 10_000 },
        );
      },
      TEST_TIMEOUT_MS,
    );
  });
}
