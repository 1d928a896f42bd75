import { describe, expect, it } from "vitest";
import { lintSettings, modelOfFixture } from "../../../fixtures/nginx/model/load-fixture.js";
import { runRules } from "../../engine/run-rules.js";
import type { Rule } from "../../engine/rule.js";
import { buildNginxModel, nginxModelWalk, type NginxNodeKinds } from "./index.js";
import { loadNginxConfig } from "../../load/nginx-loader.js";
import { diskFileSystem } from "../../load/file-system.js";
import { parseNginx } from "../parse.js";
import { sourceFromText } from "../../syntax/source.js";

const SHARED = "fixtures/nginx/model/walk/shared/ws-location.conf";

function label(kind: keyof NginxNodeKinds, node: NginxNodeKinds[keyof NginxNodeKinds]): string {
  switch (kind) {
    case "file":
      return `file ${(node as NginxNodeKinds["file"]).path}`;
    case "server":
      return `server ${(node as NginxNodeKinds["server"]).listens[0]?.port}`;
    case "location":
      return `location ${(node as NginxNodeKinds["location"]).match.pattern}`;
    case "map":
      return `map $${(node as NginxNodeKinds["map"]).variable}`;
    case "upstream":
      return `upstream ${(node as NginxNodeKinds["upstream"]).name}`;
    case "directive":
      return `directive ${(node as NginxNodeKinds["directive"]).name}`;
    default:
      return kind;
  }
}

describe("the model's walk", () => {
  const model = modelOfFixture("walk/nginx.conf");

  it("enters and leaves every node kind in document order, included files in place", () => {
    const steps: string[] = [];
    nginxModelWalk(model)({
      enter: (kind, node) => steps.push(label(kind, node)),
      exit: (kind, node) => steps.push(`/${label(kind, node)}`),
    });
    const includedLocation = [
      `file ${SHARED}`,
      "directive location",
      "location /ws/",
      "directive proxy_pass",
      "/directive proxy_pass",
      "directive if",
      "if",
      "directive return",
      "/directive return",
      "/if",
      "/directive if",
      "/location /ws/",
      "/directive location",
      `/file ${SHARED}`,
    ];
    const server = (port: number) => [
      "directive server",
      `server ${port}`,
      "directive listen",
      "/directive listen",
      "directive include",
      "/directive include",
      ...includedLocation,
      `/server ${port}`,
      "/directive server",
    ];
    expect(steps).toEqual([
      "file fixtures/nginx/model/walk/nginx.conf",
      "directive http",
      "http",
      "directive map",
      "map $connection_upgrade",
      "/map $connection_upgrade",
      "/directive map",
      "directive upstream",
      "upstream app",
      "directive server",
      "/directive server",
      "/upstream app",
      "/directive upstream",
      ...server(80),
      ...server(81),
      "/http",
      "/directive http",
      "/file fixtures/nginx/model/walk/nginx.conf",
    ]);
  });

  it("visits only the kinds the visitor handles, when it names them", () => {
    const steps: string[] = [];
    nginxModelWalk(model)({
      kinds: new Set(["location", "if"]),
      enter: (kind, node) => steps.push(label(kind, node)),
      exit: (kind, node) => steps.push(`/${label(kind, node)}`),
    });
    const route = ["location /ws/", "if", "/if", "/location /ws/"];
    expect(steps).toEqual([...route, ...route]);
  });

  it("counts a file included twice in both places, with the included file's positions", () => {
    const [first, second] = model.locations;
    expect(model.locations).toHaveLength(2);
    expect(first!.block.file.source.path).toBe(SHARED);
    expect(first!.block.node).toBe(second!.block.node);
    expect(first!.server).toBe(model.servers[0]);
    expect(second!.server).toBe(model.servers[1]);
    expect(first!.block.includedVia.map((include) => include.file)).toEqual(["fixtures/nginx/model/walk/nginx.conf"]);
    expect(first!.block.node.start.line).toBe(1);
  });

  it("drives the engine's rule handlers", () => {
    const rule: Rule<NginxNodeKinds> = {
      meta: { id: "nginx/test-ws-routes", description: "test", defaultSeverity: "error", fixable: false, docs: "" },
      create: (context) => ({
        location(location) {
          if (!location.isWebSocketRoute) return;
          context.report({
            message: `WebSocket route ${location.match.pattern} in server ${location.server?.listens[0]?.port}`,
            file: location.block.file.source.path,
            span: location.block.node,
            evidence: location.websocketEvidence.map((evidence) => evidence.message),
          });
        },
      }),
    };
    const texts = new Map([...model.config.files].map(([path, result]) => [path, result.file.source.text]));
    const findings = runRules({
      rules: [{ rule: rule as Rule<NginxNodeKinds, unknown>, severity: "error", options: undefined }],
      settings: model.settings,
      texts,
      walk: nginxModelWalk(model),
    });
    expect(findings.map((finding) => finding.message)).toEqual(["WebSocket route /ws/ in server 80", "WebSocket route /ws/ in server 81"]);
    expect(findings[0]!.evidence).toEqual([`uses $http_upgrade in if (${SHARED}:3)`, 'path segment "ws"']);
  });
});

describe("building the model of a large configuration", () => {
  function configWithServers(count: number) {
    const servers: string[] = [];
    for (let i = 0; i < count; i++) {
      servers.push(`    server {
        listen 80;
        server_name s${i}.example.test;
        proxy_set_header Host $host;
        location / {
            proxy_pass http://app;
        }
        location /ws/ {
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
        }
    }`);
    }
    const text = `http {
    map $http_upgrade $connection_upgrade { default upgrade; '' close; }
    upstream app { server 127.0.0.1:9000; }
${servers.join("\n")}
}
`;
    return loadNginxConfig({ main: sourceFromText("large.conf", text), fileSystem: diskFileSystem, parse: parseNginx });
  }

  /** CPU time rather than wall time: other test files run beside this one and share the cores. */
  function millisecondsToBuild(config: ReturnType<typeof configWithServers>): number {
    const settings = lintSettings({ paths: ["/live"] });
    const start = process.cpuUsage();
    const model = buildNginxModel(config, settings);
    for (const location of model.locations) location.effectiveHeaders();
    const used = process.cpuUsage(start);
    expect(model.locations).toHaveLength(model.servers.length * 2);
    return (used.user + used.system) / 1000;
  }

  it("takes well under a second for 5,000 servers, and grows linearly", () => {
    const small = configWithServers(1000);
    const large = configWithServers(5000);
    millisecondsToBuild(small);
    // The better of two runs, so that a garbage collection pause in one does not decide.
    const smallTime = Math.min(millisecondsToBuild(small), millisecondsToBuild(small));
    const largeTime = Math.min(millisecondsToBuild(large), millisecondsToBuild(large));
    expect(largeTime).toBeLessThan(1000);
    // Linear growth makes this about 5; a lookup over every server per location makes it 25.
    expect(largeTime / smallTime).toBeLessThan(12);
  }, 60_000);
});
