import { expect, it } from "vitest";
import { describeWithHaproxy, haproxyCheck } from "../../../test/servers/index.js";
import { fixtureDirectories } from "../../../fixtures/haproxy/model/load-fixture.js";

// Each fixture says something about HAProxy's behaviour; HAProxy must accept it as written, or
// the model would be tested against configurations no HAProxy runs.
describeWithHaproxy("the HAProxy model fixtures", () => {
  it.each(fixtureDirectories())("haproxy -c accepts %s", async (directory) => {
    const result = await haproxyCheck({ file: directory });
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
