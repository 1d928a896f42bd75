import { describe, expect, it } from "vitest";
import { modelOfFixture, modelOfText } from "../../../fixtures/haproxy/model/load-fixture.js";
import type { HaproxyModel, ProxyModel } from "./index.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function backend(model: HaproxyModel, name: string): ProxyModel {
  const found = model.backends.get(name);
  if (found === undefined) throw new Error(`no backend ${name}`);
  return found;
}

describe(".if branches", () => {
  const model = modelOfFixture("conditional/if-blocks.cfg");
  const tunnel = (name: string) => backend(model, name).effectiveTimeout("tunnel");

  it("leaves out what a branch never taken holds", () => {
    expect(tunnel("be_dead_branch").value).toBeNull();
    expect(backend(model, "be_dead_branch").statements.map((statement) => statement.keyword)).toEqual(["server"]);
    expect(model.proxies.map((proxy) => proxy.name)).not.toContain("be_never");
  });

  it("takes the branch a constant condition selects, and nothing else", () => {
    expect(tunnel("be_live_branch")).toMatchObject({ value: HOUR, certain: true });
    expect(tunnel("be_elif")).toMatchObject({ value: 3 * HOUR, certain: true });
    expect(tunnel("be_elif").statement?.reach).toBe("always");
  });

  it("decides version tests against the target version", () => {
    expect(tunnel("be_version").value).toBe(30 * MINUTE);
    const newer = modelOfFixture("conditional/if-blocks.cfg", { version: "2.6" });
    expect(backend(newer, "be_version").effectiveTimeout("tunnel").value).toBe(2 * HOUR);
    expect(newer.version.parts).toEqual([2, 6, null]);
    expect(model.version.text).toBe("2.4");
  });

  it("keeps every value an undecided branch makes possible", () => {
    const undecided = tunnel("be_undecided");
    expect(undecided.value).toBe(6 * HOUR);
    expect(undecided.certain).toBe(false);
    expect(undecided.possible.map((origin) => origin.value)).toEqual([10 * MINUTE, 6 * HOUR]);
    expect(undecided.statement?.reach).toBe("maybe");
    expect(tunnel("be_only_maybe").possible.map((origin) => origin.value)).toEqual([null, HOUR]);
  });

  it("keeps a section whose header is in an undecided branch, marked as such", () => {
    expect(backend(model, "be_maybe").reach).toBe("maybe");
    expect(backend(model, "be_elif").reach).toBe("always");
  });

  it("gives the lines below a header HAProxy never reads to the section before it", () => {
    expect(tunnel("be_before_hidden").value).toBe(9 * HOUR);
  });

  it("cannot decide a condition that reads the environment", () => {
    const text = 'backend b\n.if streq("$MODE",ws)\n    timeout tunnel 1h\n.endif\n';
    const timeout = modelOfText(text).proxies[0]!.effectiveTimeout("tunnel");
    expect(timeout.certain).toBe(false);
    expect(timeout.value).toBe(HOUR);
  });
});
