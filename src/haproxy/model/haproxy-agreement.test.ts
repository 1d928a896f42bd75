import fc from "fast-check";
import { expect, it } from "vitest";
import { describeWithHaproxy, haproxyCheck } from "../../../test/servers/index.js";
import { modelOfText } from "../../../fixtures/haproxy/model/load-fixture.js";
import type { ProxyModel } from "./index.js";

// The model against HAProxy itself: HAProxy warns "missing timeouts for <proxy>" when, after
// copying its defaults, a frontend has no client timeout or a backend with servers has no connect
// or server timeout (check_config_validity() in src/cfgparse.c). Random configurations of
// defaults sections (named, unnamed, chained with `from`), proxies that name one or take the last
// one, timeouts of zero, and timeouts under `.if 0` / `.if 1`, must get the same verdict from the
// model's effective timeouts as from HAProxy.

const TIMEOUT_NAMES = ["client", "connect", "server"] as const;
const TIMEOUT_VALUES = ["5s", "0", "250", "1m"];

interface TimeoutLine {
  name: (typeof TIMEOUT_NAMES)[number];
  value: string;
  /** Wrapped in `.if 0` (never read) or `.if 1` (always read); null: a plain line. */
  guard: "0" | "1" | null;
}

interface SectionSpec {
  kind: "defaults" | "frontend" | "backend" | "listen";
  named: boolean;
  /** Index among the named defaults sections written before this one, if it names one. */
  from: number | null;
  timeouts: TimeoutLine[];
}

const timeoutLine = fc.record({
  name: fc.constantFrom(...TIMEOUT_NAMES),
  value: fc.constantFrom(...TIMEOUT_VALUES),
  guard: fc.constantFrom<TimeoutLine["guard"]>(null, null, "0", "1"),
});

const section = fc.record({
  kind: fc.constantFrom<SectionSpec["kind"]>("defaults", "defaults", "frontend", "backend", "listen"),
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
      lines.push(`defaults${name === "" ? "" : ` ${name}`}${from}`, "    mode http");
      if (name !== "") namedDefaults.push(name);
    } else {
      lines.push(`${spec.kind} p${index}${from}`);
      if (spec.kind !== "backend") lines.push("    bind :8080");
      if (spec.kind !== "frontend") lines.push("    server s1 127.0.0.1:9001");
    }
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

describeWithHaproxy("the model's effective timeouts agree with HAProxy's", () => {
  it("on random defaults chains", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(section, { minLength: 3, maxLength: 10 }), async (sections) => {
        const text = render(sections);
        const check = await haproxyCheck({ text });
        expect(check.ok, `${text}\n${check.stderr}`).toBe(true);
        const warned = new Set([...check.stderr.matchAll(/missing timeouts for \w+ '([^']+)'/g)].map((match) => match[1]!));
        const model = modelOfText(text);
        const predicted = new Set(model.proxies.filter((proxy) => proxy.kind !== "defaults" && missesTimeouts(proxy)).map((proxy) => proxy.name!));
        expect([...predicted].sort(), text).toEqual([...warned].sort());
      }),
      { numRuns: 60 },
    );
  });
});
