// Every fixture of both dialects, without the real servers: printing the parsed tree gives back
// the source text exactly, every position in the tree and the problems is a real place in the
// text, and a fixture that announces an error gets it on the line it names.
import { describe, expect, it } from "vitest";
import { LineIndex } from "../../src/syntax/source.js";
import { DIALECTS, discoverFixtures } from "./fixtures.js";
import { parseAndPrint } from "./parsers.js";
import { coversLine, listProblems } from "./problem-lines.js";
import { positionErrors, roundTripError } from "./tree-checks.mjs";

const fixtures = discoverFixtures();

describe("fixture discovery", () => {
  it.each(DIALECTS)("finds %s fixtures", (dialect) => {
    expect(fixtures.filter((fixture) => fixture.dialect === dialect).length).toBeGreaterThan(0);
  });

  it("finds an # expect-error header on every fixture in a bad/ folder", () => {
    const unannounced = fixtures.filter((fixture) => fixture.inBadFolder && fixture.expectedErrorLine === undefined);
    expect(unannounced.map((fixture) => fixture.name)).toEqual([]);
  });
});

describe.each(DIALECTS)("%s fixtures", (dialect) => {
  const ofDialect = fixtures.filter((fixture) => fixture.dialect === dialect);

  it.each(ofDialect)("$name prints back exactly, with valid positions", ({ source }) => {
    const { tree, problems, printed } = parseAndPrint(dialect, source);
    expect(roundTripError(printed, source.text)).toBeUndefined();
    expect(positionErrors({ tree, problems }, source.text, new LineIndex(source.text))).toEqual([]);
  });

  const announcing = ofDialect.filter((fixture) => fixture.expectedErrorLine !== undefined);
  it.runIf(announcing.length > 0).each(announcing)("$name has its first problem on the announced line", (fixture) => {
    const { problems } = parseAndPrint(dialect, fixture.source);
    expect(coversLine(problems[0], fixture.expectedErrorLine), listProblems(problems)).toBe(true);
  });
});
