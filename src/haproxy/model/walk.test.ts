import { describe, expect, it } from "vitest";
import { modelOfText } from "../../../fixtures/haproxy/model/load-fixture.js";
import { runRules } from "../../engine/run-rules.js";
import type { Rule } from "../../engine/rule.js";
import { haproxyModelWalk, type HaproxyNodeKinds } from "./index.js";

const TEXT = [
  "global",
  "    maxconn 100",
  "defaults",
  "    mode http",
  "frontend fe",
  "    bind :80",
  "    acl is_ws hdr(upgrade) -i websocket",
  "    use_backend be_ws if is_ws",
  ".if 0",
  "    acl never path /never",
  ".endif",
  "backend be_ws",
  "    server s1 127.0.0.1:1",
  "",
].join("\n");

describe("the walk", () => {
  it("enters and leaves every node in document order, skipping lines HAProxy never reads", () => {
    const model = modelOfText(TEXT);
    const steps: string[] = [];
    haproxyModelWalk(model)({
      enter: (kind, node) => steps.push(`${kind}${"keyword" in node && kind === "statement" ? ` ${node.keyword}` : ""}`),
      exit: (kind) => steps.push(`/${kind}`),
    });
    expect(steps).toEqual([
      "file",
      "section", "statement maxconn", "/statement", "/section",
      "section", "proxy", "statement mode", "/statement", "/proxy", "/section",
      "section", "proxy",
      "statement bind", "/statement",
      "statement acl", "acl", "/acl", "/statement",
      "statement use_backend", "/statement",
      "/proxy", "/section",
      "section", "proxy", "statement server", "server", "/server", "/statement", "/proxy", "/section",
      "/file",
    ]);
  });

  it("drives rules through the engine with the model's nodes", () => {
    const model = modelOfText(TEXT);
    const seen: string[] = [];
    const rule: Rule<HaproxyNodeKinds> = {
      meta: { id: "haproxy/test-walk", description: "test", defaultSeverity: "warning", fixable: false, docs: "" },
      create: (context) => ({
        proxy(proxy) {
          if (proxy.isWebSocketRoute && proxy.effectiveTimeout("tunnel").value === null) {
            context.report({ message: "no tunnel timeout", file: proxy.file.source.path, span: proxy.header, evidence: proxy.websocketEvidence.map((found) => found.message) });
          }
        },
        "server:exit"(server) {
          seen.push(server.name);
        },
      }),
    };
    const findings = runRules({
      rules: [{ rule: rule as Rule<HaproxyNodeKinds, unknown>, severity: "warning", options: undefined }],
      settings: model.settings,
      texts: new Map([["inline.cfg", TEXT]]),
      walk: haproxyModelWalk(model),
    });
    expect(findings.map((finding) => [finding.message, finding.start.line])).toEqual([["no tunnel timeout", 12]]);
    expect(findings[0]!.evidence).toHaveLength(2);
    expect(seen).toEqual(["s1"]);
  });
});
