// Both parsers on damaged input: fixtures mutated at random (bytes that are not UTF-8, NUL,
// unbalanced braces and quotes, CRLF and lone CR, 64 KB tokens, deleted and duplicated ranges),
// 1 MB tokens and 10,000 nested blocks. Whatever the input, a parser must not throw and must not
// hang (each case runs in a worker under a time budget far below the test timeout), printing its
// tree must give back the text, and every position it reports must be a real place in the text.
//
// Deterministic by default: a fixed seed and a bounded number of cases keep CI fast. To search
// harder locally: WSLINT_FUZZ_RUNS=20000 WSLINT_FUZZ_SEED=$RANDOM npx vitest run test/parse/fuzz
// A failure prints the seed and path that replay it (fast-check's `seed` and `path`).
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, discoverFixtures, type Dialect } from "./fixtures.js";
import { applyMutations, describeMutations, mutations } from "./mutations.js";
import { ParseInWorker, staleBuildMessage } from "./parse-in-worker.js";

const RUNS = Number(process.env.WSLINT_FUZZ_RUNS ?? 250);
const SEED = Number(process.env.WSLINT_FUZZ_SEED ?? 20261129);
/** A mutated fixture parses in milliseconds; this only catches hangs. */
const CASE_BUDGET_MS = 2_000;
/** For the 1 MB and 10,000-deep inputs. */
const LARGE_CASE_BUDGET_MS = 8_000;
const FUZZ_TEST_TIMEOUT_MS = Math.max(120_000, RUNS * 50);

const MEGABYTE = 1024 * 1024;

const worker = new ParseInWorker();
afterAll(() => worker.close());

beforeAll(() => {
  const stale = staleBuildMessage();
  if (stale) throw new Error(stale);
});

function bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "utf8"));
}

describe.each(DIALECTS)("%s parser on mutated fixtures", (dialect) => {
  const fixtures = discoverFixtures()
    .filter((fixture) => fixture.dialect === dialect)
    .map((fixture) => ({ name: fixture.name, bytes: new Uint8Array(readFileSync(fixture.path)) }));

  it(
    `never throws, hangs, breaks the round trip or reports a bad position (${RUNS} cases, seed ${SEED})`,
    async () => {
      expect(fixtures.length).toBeGreaterThan(0);
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: fixtures.length - 1 }), mutations, async (index, changes) => {
          const fixture = fixtures[index]!;
          const verdict = await worker.check(dialect, applyMutations(fixture.bytes, changes), CASE_BUDGET_MS);
          expect(verdict.failure, `${fixture.name} after: ${describeMutations(changes)}`).toBeUndefined();
        }),
        { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: FUZZ_TEST_TIMEOUT_MS - 10_000 },
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});

interface LargeCase {
  name: string;
  dialect: Dialect;
  text: string;
  /** A clean error is expected: the parser must report at least one problem. */
  broken: boolean;
}

const token = "w".repeat(MEGABYTE);
const LARGE_CASES: LargeCase[] = [
  { name: "a 1 MB word", dialect: "nginx", text: `http {\n    add_header X-Big ${token};\n}\n`, broken: false },
  { name: "a 1 MB quoted string", dialect: "nginx", text: `http {\n    add_header X-Big "${token}";\n}\n`, broken: false },
  { name: "a 1 MB comment", dialect: "nginx", text: `http {\n    # ${token}\n}\n`, broken: false },
  { name: "a 1 MB unterminated string", dialect: "nginx", text: `http {\n    add_header X-Big "${token}\n`, broken: true },
  { name: "a 1 MB word", dialect: "haproxy", text: `global\n    description ${token}\n`, broken: false },
  { name: "a 1 MB quoted string", dialect: "haproxy", text: `global\n    description "${token}"\n`, broken: false },
  { name: "a 1 MB comment", dialect: "haproxy", text: `global\n    # ${token}\n`, broken: false },
  { name: "a 1 MB unterminated string", dialect: "haproxy", text: `global\n    description "${token}\n`, broken: true },
  {
    name: "10,000 nested blocks",
    dialect: "nginx",
    text: "location / {\n".repeat(10_000) + "return 204;\n" + "}\n".repeat(10_000),
    broken: false,
  },
  { name: "10,000 blocks never closed", dialect: "nginx", text: "location / {\n".repeat(10_000), broken: true },
  { name: "10,000 closing braces", dialect: "nginx", text: "}\n".repeat(10_000), broken: true },
  {
    // HAProxy refuses more than 100 nested .if blocks: a clean error is the only right answer.
    name: "10,000 nested .if blocks",
    dialect: "haproxy",
    text: "global\n" + ".if 1\n".repeat(10_000) + "    maxconn 10\n" + ".endif\n".repeat(10_000),
    broken: true,
  },
];

describe("large and deep input", () => {
  it.each(LARGE_CASES)("$dialect: $name gives a tree or a clean error", async ({ dialect, text, broken }) => {
    const verdict = await worker.check(dialect, bytes(text), LARGE_CASE_BUDGET_MS);
    expect(verdict.failure).toBeUndefined();
    if (broken) expect(verdict.problems.length).toBeGreaterThan(0);
  });
});
