import { describe, expect, it } from "vitest";
import { groupHaproxyConfigurations, type HaproxyCandidate } from "./haproxy.js";

const found = (path: string): HaproxyCandidate => ({ path, found: true });
const named = (path: string): HaproxyCandidate => ({ path, found: false });

const grouped = (candidates: HaproxyCandidate[]) =>
  groupHaproxyConfigurations(candidates).map(({ name, files }) => ({ name, files: files.map((file) => file.path) }));

describe("groupHaproxyConfigurations", () => {
  it("makes the files found in one directory one configuration, in HAProxy's order, and each directory its own", () => {
    expect(grouped([found("d/a.cfg"), found("d/sub/x.cfg"), found("d/B.cfg"), found("d/10-c.cfg"), found("e/y.cfg")])).toEqual([
      { name: "d", files: ["d/10-c.cfg", "d/B.cfg", "d/a.cfg"] },
      { name: "d/sub", files: ["d/sub/x.cfg"] },
      { name: "e", files: ["e/y.cfg"] },
    ]);
  });

  it("keeps apart a file named on the command line, standard input, and found names haproxy -f DIR skips", () => {
    const candidates = [found("d/00-defaults.cfg"), named("d/10-app.cfg"), named("<stdin>"), found("d/.old.cfg"), found("d/haproxy.conf")];
    expect(grouped(candidates)).toEqual([
      { name: "d", files: ["d/00-defaults.cfg"] },
      { name: "d/10-app.cfg", files: ["d/10-app.cfg"] },
      { name: "<stdin>", files: ["<stdin>"] },
      { name: "d/.old.cfg", files: ["d/.old.cfg"] },
      { name: "d/haproxy.conf", files: ["d/haproxy.conf"] },
    ]);
  });
});
