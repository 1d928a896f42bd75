import { describe, expect, it } from "vitest";
import { InternalError } from "./errors.js";
import { indexRules, optionDefaultsProblems } from "./registry.js";
import type { RuleMeta } from "./rule.js";

const meta = (id: string, options?: RuleMeta<unknown>["options"]): RuleMeta<unknown> => ({
  id,
  description: "d",
  defaultSeverity: "error",
  fixable: false,
  docs: "x",
  ...(options === undefined ? {} : { options }),
});

describe("indexRules", () => {
  it("indexes rules by id", () => {
    const rules = [{ meta: meta("nginx/ws-a") }, { meta: meta("haproxy/ws-b2") }];
    expect([...indexRules(rules).keys()]).toEqual(["nginx/ws-a", "haproxy/ws-b2"]);
  });

  it("refuses repeated and malformed ids", () => {
    expect(() => indexRules([{ meta: meta("nginx/a") }, { meta: meta("nginx/a") }])).toThrow(InternalError);
    for (const id of ["ws-a", "nginx/WS", "nginx/a--b", "nginx/a b", "parse-error"]) {
      expect(() => indexRules([{ meta: meta(id) }]), id).toThrow(/not of the form/);
    }
  });
});

describe("optionDefaultsProblems", () => {
  it("reports defaults that the rule's own schema rejects", async () => {
    const schema: NonNullable<RuleMeta<unknown>["options"]>["schema"] = (z) => z.strictObject({ minimum: z.number().min(1) }).partial();
    expect(await optionDefaultsProblems(meta("nginx/ok", { schema, defaults: { minimum: 5 } }))).toEqual([]);
    const problems = await optionDefaultsProblems(meta("nginx/bad", { schema, defaults: { minimum: 0 } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^nginx\/bad defaults: minimum: /);
    expect(await optionDefaultsProblems(meta("nginx/none"))).toEqual([]);
  });
});
