import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wslint } from "./run-wslint.js";

const stackTraceLine = /^\s+at /m;

describe("wslint", () => {
  it("--version prints the package version", () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    const run = wslint(["--version"]);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });

  it("--help lists the commands with examples and exits 0", () => {
    const run = wslint(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("parse");
    expect(run.stdout).toContain("Examples:");
  });

  it("parse --help describes the input options", () => {
    const run = wslint(["parse", "--help"]);
    expect(run.status).toBe(0);
    for (const option of ["--format", "--single-file", "--comments", "--dialect", "--prefix", "--include-map", "--stdin-filename"]) {
      expect(run.stdout).toContain(option);
    }
  });

  it("an unknown command or option is a usage error: exit 2, no stack trace", () => {
    for (const args of [["frobnicate"], ["--frobnicate"], ["parse", "--frobnicate", "x.conf"]]) {
      const run = wslint(args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(/^wslint: /);
      expect(run.stderr, args.join(" ")).not.toMatch(stackTraceLine);
    }
  });

  it("no command at all is a usage error", () => {
    const run = wslint([]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Usage: wslint");
  });

  it("a bad option value is a usage error", () => {
    for (const args of [
      ["parse", "--format", "yaml", "fixtures/examples/nginx/nginx.conf"],
      ["parse", "--dialect", "apache", "fixtures/examples/nginx/nginx.conf"],
      ["parse", "--include-map", "/etc/nginx", "fixtures/examples/nginx/nginx.conf"],
      ["parse"],
    ]) {
      const run = wslint(args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(/^wslint: /);
      expect(run.stdout, args.join(" ")).toBe("");
    }
  });
});
