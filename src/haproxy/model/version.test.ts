import { describe, expect, it } from "vitest";
import { modelOfText } from "../../../fixtures/haproxy/model/load-fixture.js";
import { evaluateTest } from "./conditional.js";
import { parseHaproxyVersion, targetAtLeast, versionAtLeast } from "./version.js";

const version = (text: string) => parseHaproxyVersion(text)!;

describe("parseHaproxyVersion", () => {
  it("reads X.Y and X.Y.Z", () => {
    expect(parseHaproxyVersion("2.4")?.parts).toEqual([2, 4, null]);
    expect(parseHaproxyVersion(" 2.8.5 ")?.parts).toEqual([2, 8, 5]);
    expect(parseHaproxyVersion("two")).toBeNull();
    expect(parseHaproxyVersion("2")).toBeNull();
  });
});

describe("targetAtLeast", () => {
  it.each([
    ["2.4", "2.4", true],
    ["2.4", "2.5", false],
    ["2.6", "2.5", true],
    ["2.4", "2.4.0", true],
    // Which 2.4 release is not said: it may or may not be 2.4.5 or later.
    ["2.4", "2.4.5", null],
    ["2.4.7", "2.4.5", true],
    ["2.4.3", "2.4.5", false],
    ["2.5", "2.5-dev3", true],
    ["2.4", "3.0", false],
    ["3.0", "2.9.9", true],
    ["2.4", "not-a-version", null],
  ])("%s >= %s: %s", (target, wanted, expected) => {
    expect(targetAtLeast(version(target), wanted)).toBe(expected);
  });

  it("compares major and minor for keyword availability", () => {
    expect(versionAtLeast(version("2.4"), [2, 5])).toBe(false);
    expect(versionAtLeast(version("2.5.1"), [2, 5])).toBe(true);
    expect(versionAtLeast(version("3.0"), [2, 5])).toBe(true);
  });
});

describe("evaluateTest", () => {
  const test = (condition: string, target = "2.6") => {
    const file = modelOfText(`.if ${condition}\n.endif\n`).files[0]!;
    const directive = file.conditionals[0]!.branches[0]!.opener;
    return evaluateTest(directive.test!, version(target));
  };

  it.each([
    ["1", true],
    ["0", false],
    ["!0", true],
    ["1 && 0", false],
    ["0 || 1", true],
    ["defined(HOME)", null],
    ["defined(HOME) || 1", true],
    ["defined(HOME) && 0", false],
    ["!defined(HOME)", null],
    ["feature(OPENSSL)", null],
    ["streq(a,a)", true],
    ["strneq(a,a)", false],
    ["version_atleast(2.5)", true],
    ["version_before(2.5)", false],
    ["version_before(2.6.3)", null],
    ["(1 && (0 || 1))", true],
  ])(".if %s -> %s", (condition, expected) => {
    expect(test(condition)).toBe(expected);
  });
});
