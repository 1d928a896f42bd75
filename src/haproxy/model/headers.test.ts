import { describe, expect, it } from "vitest";
import { modelOfFixture } from "../../../fixtures/haproxy/model/load-fixture.js";

describe("header actions", () => {
  const model = modelOfFixture("headers/actions.cfg");
  const frontend = model.frontends[0]!;

  it("reads each action with its side, header, arguments and condition", () => {
    expect(frontend.headerActions.map((action) => [action.side, action.action, action.header, action.args])).toEqual([
      ["http-request", "del-header", "Connection", []],
      ["http-request", "replace-value", "Connection", ["(.*)", "close"]],
      ["http-response", "add-header", "X-Frame-Options", ["DENY"]],
      ["http-after-response", "set-header", "Server", ["edge"]],
    ]);
    const [deleteConnection] = frontend.headerActions;
    expect(deleteConnection!.condition?.terms[0]!.tests[0]!.header).toBe("upgrade");
    expect(frontend.headerActions[1]!.condition).toBeNull();
  });

  it("runs the rules of its named defaults section first", () => {
    const actions = frontend.effectiveHeaderActions();
    expect(actions.map((action) => action.header)).toEqual(["X-Forwarded-Proto", "Connection", "Connection", "X-Frame-Options", "Server"]);
    expect(actions[0]!.statement.section).toBe(frontend.defaults);
  });

  it("reads the actions of backends too", () => {
    const backend = model.backends.get("be")!;
    expect(backend.effectiveHeaderActions().map((action) => `${action.action} ${action.header}`)).toEqual(["set-header Upgrade"]);
  });
});
