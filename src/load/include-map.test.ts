import { describe, expect, it } from "vitest";
import { applyIncludeMap, IncludeMappingSyntaxError, parseIncludeMapping } from "./include-map.js";

describe("parseIncludeMapping", () => {
  it("splits FROM=TO at the first =", () => {
    expect(parseIncludeMapping("/etc/nginx/=./deploy/nginx")).toEqual({ from: "/etc/nginx", to: "deploy/nginx" });
    expect(parseIncludeMapping("/srv/a=b=c")).toEqual({ from: "/srv/a", to: "b=c" });
  });

  it("rejects a missing side", () => {
    for (const text of ["/etc/nginx", "=./deploy", "/etc/nginx="]) {
      expect(() => parseIncludeMapping(text)).toThrow(IncludeMappingSyntaxError);
    }
  });
});

describe("applyIncludeMap", () => {
  const mappings = [parseIncludeMapping("/etc/nginx=deploy/nginx"), parseIncludeMapping("/etc/nginx/sites=deploy/sites")];

  it("rewrites whole path segments only", () => {
    expect(applyIncludeMap("/etc/nginx/conf.d/a.conf", mappings)).toBe("deploy/nginx/conf.d/a.conf");
    expect(applyIncludeMap("/etc/nginx", mappings)).toBe("deploy/nginx");
    expect(applyIncludeMap("/etc/nginx2/a.conf", mappings)).toBe("/etc/nginx2/a.conf");
  });

  it("prefers the longest matching prefix", () => {
    expect(applyIncludeMap("/etc/nginx/sites/app", mappings)).toBe("deploy/sites/app");
  });

  it("keeps glob characters for the matcher", () => {
    expect(applyIncludeMap("/etc/nginx/conf.d/*.conf", mappings)).toBe("deploy/nginx/conf.d/*.conf");
  });
});
