import { describe, expect, it } from "vitest";
import type { NginxConfig } from "../load/nginx-config.js";
import { chooseNginxMainFiles } from "./nginx.js";

/** A loaded configuration as far as the choice reads it: its main file and every file it read. */
function candidate(main: string, includes: string[]) {
  const files = new Map([main, ...includes].map((path) => [path, null])) as unknown as NginxConfig["files"];
  return { config: { main, files } as NginxConfig, main };
}

const mains = (candidates: ReturnType<typeof candidate>[]) => chooseNginxMainFiles(candidates).map((chosen) => chosen.main);

describe("chooseNginxMainFiles", () => {
  it("takes the files no other file includes", () => {
    expect(mains([candidate("d/conf.d/a.conf", []), candidate("d/nginx.conf", ["d/conf.d/a.conf", "d/mime.types"]), candidate("d/other.conf", [])])).toEqual([
      "d/nginx.conf",
      "d/other.conf",
    ]);
  });

  it("lints a fragment only through the file that includes it, in whichever order they come", () => {
    expect(mains([candidate("nginx.conf", ["snippet.conf"]), candidate("snippet.conf", [])])).toEqual(["nginx.conf"]);
    expect(mains([candidate("snippet.conf", []), candidate("nginx.conf", ["snippet.conf"])])).toEqual(["nginx.conf"]);
  });

  it("takes a fragment on its own when nothing in the run includes it", () => {
    expect(mains([candidate("conf.d/chat.conf", [])])).toEqual(["conf.d/chat.conf"]);
  });

  it("still lints files that only include each other, once", () => {
    expect(mains([candidate("a.conf", ["b.conf"]), candidate("b.conf", ["a.conf"])])).toEqual(["a.conf"]);
  });

  it("compares paths however they are written", () => {
    expect(mains([candidate("./d/inc.conf", []), candidate("d/nginx.conf", [`${process.cwd()}/d/inc.conf`])])).toEqual(["d/nginx.conf"]);
  });
});
