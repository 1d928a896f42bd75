import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { expect, it } from "vitest";
import { describeWithHaproxy, findServer, haproxyCheck } from "../../../test/servers/index.js";
import { modelOfText } from "../../../fixtures/haproxy/model/load-fixture.js";
import type { ProxyModel } from "./index.js";

// The model against HAProxy itself, on random configurations of defaults sections (named,
// unnamed, chained with `from`), proxies that name one or take the last one, modes, timeouts of
// zero and timeouts under `.if` conditions the model decides (constants, and version tests
// against the installed HAProxy's version as the target). HAProxy tells what it made of them in two warnings
// (check_config_validity() in src/cfgparse.c): "missing timeouts for <proxy>" when a frontend
// has no client timeout or a backend with servers no connect or server timeout, and "'option
// httplog' not usable with <proxy> (needs 'mode http')" for a frontend in TCP mode. The model's
// effective timeouts and modes must give the same verdicts.

const TIMEOUT_NAMES = ["client", "connect", "server"] as const;
const TIMEOUT_VALUES = ["5s", "0", "250", "1m"];

interface TimeoutLine {
  name: (typeof TIMEOUT_NAMES)[number];
  value: string;
  /** The condition of an `.if` block around the line; null: a plain line. */
  guard: string | null;
}

interface SectionSpec {
  kind: "defaults" | "frontend" | "backend" | "listen";
  mode: "http" | "tcp" | null;
  named: boolean;
  /** Index among the named defaults sections written before this one, if it names one. */
  from: number | null;
  timeouts: TimeoutLine[];
}

const timeoutLine = fc.record({
  name: fc.constantFrom(...TIMEOUT_NAMES),
  value: fc.constantFrom(...TIMEOUT_VALUES),
  guard: fc.constantFrom<TimeoutLine["guard"]>(
    null,
    null,
    "0",
    "1",
    "version_atleast(2.5)",
    "version_before(2.6)",
    "!version_atleast(2.6.0) || 0",
    "version_atleast(9.0)",
  ),
});

const section = fc.record({
  kind: fc.constantFrom<SectionSpec["kind"]>("defaults", "defaults", "frontend", "backend", "listen"),
  mode: fc.constantFrom<SectionSpec["mode"]>(null, null, "http", "tcp"),
  named: fc.boolean(),
  from: fc.option(fc.nat(3), { freq: 2 }),
  timeouts: fc.array(timeoutLine, { maxLength: 3 }),
});

function render(sections: SectionSpec[]): string {
  const lines: string[] = [];
  const namedDefaults: string[] = [];
  sections.forEach((spec, index) => {
    const target = spec.from === null || namedDefaults.length === 0 ? null : namedDefaults[spec.from % namedDefaults.length]!;
    const from = target === null ? "" : ` from ${target}`;
    if (spec.kind === "defaults") {
      const name = spec.named ? `d${index}` : "";
      lines.push(`defaults${name === "" ? "" : ` ${name}`}${from}`);
      if (name !== "") namedDefaults.push(name);
    } else {
      lines.push(`${spec.kind} p${index}${from}`);
      if (spec.kind !== "backend") lines.push("    bind :8080", "    option httplog");
      if (spec.kind !== "frontend") lines.push("    server s1 127.0.0.1:9001");
    }
    if (spec.mode !== null) lines.push(`    mode ${spec.mode}`);
    for (const timeout of spec.timeouts) {
      if (timeout.guard !== null) lines.push(`.if ${timeout.guard}`);
      lines.push(`    timeout ${timeout.name} ${timeout.value}`);
      if (timeout.guard !== null) lines.push(".endif");
    }
  });
  return `${lines.join("\n")}\n`;
}

/** What HAProxy's check decides for a proxy, from the model's effective timeouts. */
function missesTimeouts(proxy: ProxyModel): boolean {
  const isSet = (name: (typeof TIMEOUT_NAMES)[number]) => proxy.effectiveTimeout(name).isSet;
  return (proxy.capabilities.frontend && !isSet("client")) || (proxy.capabilities.backend && (!isSet("connect") || !isSet("server")));
}

/** `2.6.12` from `HAProxy version 2.6.12-1+deb12u4 ...`: what version tests are evaluated against. */
function installedVersion(): string {
  const banner = execFileSync(findServer("haproxy")!, ["-v"], { encoding: "utf8" });
  return /version (\d+\.\d+\.\d+)/.exec(banner)![1]!;
}

describeWithHaproxy("the model's effective timeouts agree with HAProxy's", () => {
  it("on random defaults chains", { timeout: 120_000 }, async () => {
    const version = installedVersion();
    await fc.assert(
      fc.asyncProperty(fc.array(section, { minLength: 3, maxLength: 10 }), async (sections) => {
        const text = render(sections);
        const check = await haproxyCheck({ text });
        expect(check.ok, `${text}\n${check.stderr}`).toBe(true);
        const warned = (pattern: RegExp) => [...check.stderr.matchAll(pattern)].map((match) => match[1]!).sort();
        const proxies = modelOfText(text, { version }).proxies.filter((proxy) => proxy.kind !== "defaults");
        const names = (chosen: ProxyModel[]) => chosen.map((proxy) => proxy.name!).sort();
        expect(names(proxies.filter(missesTimeouts)), text).toEqual(warned(/missing timeouts for \w+ '([^']+)'/g));
        const tcpFrontends = proxies.filter((proxy) => proxy.capabilities.frontend && !proxy.isHttpMode());
        expect(names(tcpFrontends), text).toEqual(warned(/'option httplog' not usable with \w+ '([^']+)'/g));
      }),
      { numRuns: 60 },
    );
  });
});
