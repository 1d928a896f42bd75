import { expect, it } from "vitest";
import { describeWithHaproxy, haproxyCheck } from "../../../test/servers/index.js";
import { FIXTURE_ROOT, fixtureDirectories, modelOfFixture } from "../../../fixtures/haproxy/model/load-fixture.js";

// Each fixture says something about HAProxy's behaviour; HAProxy must accept it as written, or
// the model would be tested against configurations no HAProxy runs.
describeWithHaproxy("the HAProxy model fixtures", () => {
  it.each(fixtureDirectories())("haproxy -c accepts %s", async (directory) => {
    const result = await haproxyCheck({ file: directory });
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("HAProxy, like the model, carries the last defaults section into the next file", async () => {
    const together = await haproxyCheck({ file: `${FIXTURE_ROOT}/multi-file` });
    const alone = await haproxyCheck({ file: `${FIXTURE_ROOT}/multi-file/20-proxies.cfg` });
    expect(together.stderr).not.toMatch(/missing timeouts/);
    expect(alone.stderr).toMatch(/missing timeouts for frontend 'fe_split'/);
    const model = modelOfFixture(["multi-file/10-defaults.cfg", "multi-file/20-proxies.cfg"]);
    expect(model.frontends[0]!.effectiveTimeout("client").isSet).toBe(true);
    expect(modelOfFixture("multi-file/20-proxies.cfg").frontends[0]!.effectiveTimeout("client").isSet).toBe(false);
  });
});
