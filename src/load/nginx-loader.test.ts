import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { NginxDirective } from "../nginx/ast.js";
import { loadInput, type InputOptions } from "./inputs.js";
import { compareBytes } from "./glob.js";
import {
  effectiveChildren,
  effectiveTopLevel,
  nginxConfigProblems,
  walkNginxConfig,
  type NginxConfig,
  type NginxEffectiveNode,
} from "./nginx-config.js";

const includes = "fixtures/nginx/includes";

async function loadNginx(path: string, options: InputOptions = {}): Promise<NginxConfig> {
  const input = await loadInput(path, options);
  if (input.dialect !== "nginx") throw new Error(`${path} was not read as nginx`);
  return input.config;
}

/** 1-based line of the first line of `path` containing `text`, and the column where it starts. */
function locate(path: string, text: string, occurrence = 0): { line: number; column: number } {
  const lines = readFileSync(path, "utf8").split("\n");
  const found = lines.flatMap((content, index) => (content.includes(text) ? [{ line: index + 1, column: content.indexOf(text) + 1 }] : []));
  const hit = found[occurrence];
  if (hit === undefined) throw new Error(`"${text}" not found in ${path}`);
  return hit;
}

interface Visit {
  directive: NginxDirective;
  file: string;
  ancestors: string[];
  includedVia: { file: string; line: number }[];
}

/** Every directive of the effective tree with where it is written and how it got there. */
function directives(config: NginxConfig): Visit[] {
  const visits: Visit[] = [];
  walkNginxConfig(config, {
    enter(current: NginxEffectiveNode, ancestors) {
      if (current.node.type !== "directive") return;
      visits.push({
        directive: current.node,
        file: current.file.source.path,
        ancestors: ancestors.map(({ node }) => (node.type === "directive" ? [node.name, ...node.args.map((a) => a.value)].join(" ") : "#")),
        includedVia: current.includedVia.map((include) => ({ file: include.file, line: include.directive.start.line })),
      });
    },
  });
  return visits;
}

describe("includes relative to the prefix", () => {
  it("splices files in where the include stands: http, server and location", async () => {
    const main = `${includes}/basic/nginx.conf`;
    const config = await loadNginx(main);
    expect(nginxConfigProblems(config)).toEqual([]);
    const visits = directives(config);

    const serverName = visits.find((visit) => visit.directive.name === "server_name")!;
    expect(serverName.file).toBe(`${includes}/basic/snippets/server-defaults.conf`);
    expect(serverName.ancestors).toEqual(["http", "server"]);
    expect(serverName.includedVia).toEqual([{ file: main, line: locate(main, "include snippets/server-defaults.conf").line }]);

    const upstreams = visits.filter((visit) => visit.directive.name === "upstream");
    expect(upstreams.map((visit) => visit.ancestors)).toEqual([["http"], ["http"]]);
  });

  it("follows a glob in byte order, as nginx's glob(3) sorts", async () => {
    const config = await loadNginx(`${includes}/basic/nginx.conf`);
    const globInclude = [...config.includes.values()].find((include) => include.directive.args[0]!.value === "conf.d/*.conf")!;
    expect(globInclude.targets.length).toBeGreaterThan(2);
    expect(globInclude.targets).toEqual([...globInclude.targets].sort(compareBytes));
    expect(globInclude.targets.every((path) => path.endsWith(".conf") && !path.includes("/."))).toBe(true);
  });

  it("visits a file included in two places once per place, parsed once", async () => {
    const main = `${includes}/basic/nginx.conf`;
    const config = await loadNginx(main);
    const proxyPasses = directives(config).filter((visit) => visit.directive.name === "proxy_pass");
    expect(proxyPasses.map((visit) => visit.ancestors)).toEqual([
      ["http", "server", "location /ws"],
      ["http", "server", "location /chat"],
    ]);
    expect(proxyPasses.map((visit) => visit.includedVia[0]!.line)).toEqual([
      locate(main, "include snippets/proxy.conf", 0).line,
      locate(main, "include snippets/proxy.conf", 1).line,
    ]);
    expect(proxyPasses[0]!.directive).toBe(proxyPasses[1]!.directive);
    expect([...config.files.keys()].filter((path) => path.endsWith("proxy.conf"))).toHaveLength(1);
  });

  it("lists a block's children with its includes expanded, one level at a time", async () => {
    const config = await loadNginx(`${includes}/basic/nginx.conf`);
    const named = (nodes: NginxEffectiveNode[], name: string) =>
      nodes.filter((current) => current.node.type === "directive" && current.node.name === name);
    const http = named(effectiveTopLevel(config), "http")[0]!;
    const server = named(effectiveChildren(config, http), "server")[0]!;
    const location = named(effectiveChildren(config, server), "location")[0]!;
    const inLocation = effectiveChildren(config, location).filter((current) => current.node.type === "directive");
    const snippet = `${includes}/basic/snippets/proxy.conf`;
    const snippetDirectives = config.files.get(snippet)!.file.children.filter((node) => node.type === "directive");
    // The include directive itself, then what the snippet holds.
    expect(inLocation.map((current) => current.file.source.path)).toEqual([
      `${includes}/basic/nginx.conf`,
      ...snippetDirectives.map(() => snippet),
    ]);
    expect(inLocation.slice(1).map((current) => current.node)).toEqual(snippetDirectives);
  });

  it("resolves an included file's includes against the prefix, not against its own directory", async () => {
    const config = await loadNginx(`${includes}/prefix/nginx.conf`);
    expect(nginxConfigProblems(config)).toEqual([]);
    const serverName = directives(config).find((visit) => visit.directive.name === "server_name")!;
    expect(serverName.file).toBe(`${includes}/prefix/snippets/common.conf`);
    expect(serverName.includedVia.map((via) => via.file)).toEqual([`${includes}/prefix/nginx.conf`, `${includes}/prefix/sites/site.conf`]);
  });

  it("uses --prefix instead of the main file's directory", async () => {
    const main = `${includes}/prefix/conf/nginx.conf`;
    const withoutPrefix = await loadNginx(main);
    expect(nginxConfigProblems(withoutPrefix).map((problem) => [problem.file, problem.start.line])).toEqual([
      [main, locate(main, "include sites/site.conf").line],
    ]);
    const withPrefix = await loadNginx(main, { prefix: `${includes}/prefix` });
    expect(nginxConfigProblems(withPrefix)).toEqual([]);
    expect(directives(withPrefix).some((visit) => visit.directive.name === "server_name")).toBe(true);
  });
});

describe("include errors", () => {
  it("reports a cycle at the include that closes it and still finishes", async () => {
    const config = await loadNginx(`${includes}/cycle/nginx.conf`);
    const problems = nginxConfigProblems(config);
    const closing = locate(`${includes}/cycle/b.conf`, "include a.conf");
    expect(problems.map((problem) => [problem.file, problem.start.line, problem.start.column])).toEqual([
      [`${includes}/cycle/b.conf`, closing.line, closing.column],
    ]);
    expect(problems[0]!.message).toMatch(/cycle/);
    // Every directive of a.conf and b.conf is in the effective tree exactly once.
    const names = directives(config).map((visit) => visit.directive.name);
    expect(names.filter((name) => name === "server_tokens")).toHaveLength(1);
    expect(names.filter((name) => name === "keepalive_timeout")).toHaveLength(1);
  });

  it("reports a file including itself", async () => {
    const path = `${includes}/cycle/self.conf`;
    const problems = nginxConfigProblems(await loadNginx(path));
    expect(problems.map((problem) => [problem.file, problem.start.line])).toEqual([[path, locate(path, "include self.conf").line]]);
  });

  it("reads nginx's own table files as empty when they are missing, and reports any other missing file", async () => {
    const main = `${includes}/distribution-files/nginx.conf`;
    const config = await loadNginx(main);
    const problems = nginxConfigProblems(config);
    const proxyParams = locate(main, "include proxy_params");
    expect(problems.map((problem) => [problem.file, problem.start.line, problem.start.column])).toEqual([
      [main, proxyParams.line, proxyParams.column],
    ]);
    expect(problems[0]!.message).toContain("proxy_params");
    const outcome = [...config.includes.values()].map((include) => [basename(include.resolved), include.targets, include.unreadable.map((path) => basename(path))]);
    expect(outcome).toEqual([
      ["mime.types", [], []],
      ["fastcgi_params", [], []],
      ["proxy_params", [], ["proxy_params"]],
    ]);
  });

  it("reports a missing include at the including line and reads the rest", async () => {
    const main = `${includes}/missing/nginx.conf`;
    const config = await loadNginx(main);
    const problems = nginxConfigProblems(config);
    const absent = locate(main, "include conf.d/absent.conf");
    expect(problems.map((problem) => [problem.file, problem.start.line, problem.start.column])).toEqual([
      [main, absent.line, absent.column],
    ]);
    expect(problems[0]!.message).toContain("absent.conf");
    expect(problems[0]!.message).toContain("no such file");
    // The glob matching nothing is not an error; the includes before and after are read.
    expect(directives(config).map((visit) => visit.directive.name)).toEqual([
      "http",
      "include",
      "server_tokens",
      "include",
      "include",
      "include",
      "keepalive_timeout",
    ]);
    // Each include says which of its files could not be read: the glob that matches nothing, none.
    const unreadable = [...config.includes.values()].map((include) => [include.directive.args[0]!.value, include.unreadable]);
    expect(unreadable).toEqual([
      ["conf.d/first.conf", []],
      ["conf.d/absent.conf", [`${includes}/missing/conf.d/absent.conf`]],
      ["nothing-matches/*.conf", []],
      ["conf.d/last.conf", []],
    ]);
  });
});

describe("--include-map", () => {
  const deploy = `${includes}/mapped/deploy/nginx`;
  const main = `${deploy}/nginx.conf`;

  it("maps absolute include paths and the prefix to the local copy", async () => {
    const config = await loadNginx(main, { prefix: "/etc/nginx", includeMap: [{ from: "/etc/nginx", to: deploy }] });
    expect(nginxConfigProblems(config)).toEqual([]);
    expect(config.prefix).toBe(deploy);
    expect([...config.files.keys()].sort()).toEqual([main, `${deploy}/conf.d/upstream.conf`, `${deploy}/snippets/websocket.conf`].sort());
  });

  it("without the map, the server's paths are not there", async () => {
    const config = await loadNginx(main, { prefix: "/etc/nginx" });
    expect(nginxConfigProblems(config).map((problem) => problem.start.line)).toEqual([locate(main, "include snippets/websocket.conf").line]);
  });
});

describe("nginx -T dumps", () => {
  it("reads the files of the dump under their own names and resolves includes among them", async () => {
    const config = await loadNginx("fixtures/nginx/dumps/debian-layout.txt");
    expect(config.dump).toBe("fixtures/nginx/dumps/debian-layout.txt");
    expect(config.main).toBe("/etc/nginx/nginx.conf");
    expect(nginxConfigProblems(config)).toEqual([]);
    const text = readFileSync("fixtures/nginx/dumps/debian-layout.txt", "utf8");
    const dumped = [...text.matchAll(/^# configuration file (.+):$/gm)].map((match) => match[1]!);
    expect([...config.files.keys()].sort()).toEqual(dumped.sort());
    const upgrade = directives(config).find((visit) => visit.directive.name === "proxy_set_header")!;
    expect(upgrade.file).toBe("/etc/nginx/snippets/websocket.conf");
    expect(upgrade.ancestors).toEqual(["http", "server", "location /socket/"]);
  });

  it("names the original file and line in a syntax error", async () => {
    const path = "fixtures/nginx/dumps/broken-include.txt";
    const config = await loadNginx(path);
    const problems = nginxConfigProblems(config);
    expect(problems.length).toBeGreaterThan(0);
    const section = readFileSync(path, "utf8").split("# configuration file /etc/nginx/conf.d/b-broken.conf:\n")[1]!;
    const strayBrace = section.split("\n").indexOf("}", section.split("\n").indexOf("}") + 1) + 1;
    expect(problems[0]!.file).toBe("/etc/nginx/conf.d/b-broken.conf");
    expect(problems[0]!.start.line).toBe(strayBrace);
    // The good file beside it is still read.
    expect(config.files.get("/etc/nginx/conf.d/a-good.conf")?.problems).toEqual([]);
  });

  it("never reads an include from the disk, even where the disk has the file", async () => {
    const onDisk = resolve("fixtures/examples/nginx/snippets/websocket.conf");
    const dump = `# configuration file /etc/nginx/nginx.conf:\nhttp {\n    include ${onDisk};\n}\n\n`;
    const config = await loadNginx("-", { readStdin: () => Buffer.from(dump) });
    const problems = nginxConfigProblems(config);
    expect(problems.map((problem) => [problem.file, problem.start.line])).toEqual([["/etc/nginx/nginx.conf", 2]]);
    expect(problems[0]!.message).toContain("not in the nginx -T dump");
    expect([...config.files.keys()]).toEqual(["/etc/nginx/nginx.conf"]);
  });

  it("reads a dump from standard input", async () => {
    const bytes = readFileSync("fixtures/nginx/dumps/debian-layout.txt");
    const config = await loadNginx("-", { readStdin: () => bytes });
    expect(config.dump).toBe("<stdin>");
    expect(config.main).toBe("/etc/nginx/nginx.conf");
  });
});

describe("standard input", () => {
  it("is named by --stdin-filename, which also picks the dialect and the prefix", async () => {
    const bytes = readFileSync(`${includes}/basic/nginx.conf`);
    const name = `${includes}/basic/from-stdin.conf`;
    const config = await loadNginx("-", { readStdin: () => bytes, stdinFilename: name });
    expect(config.main).toBe(name);
    expect(nginxConfigProblems(config)).toEqual([]);
    expect(config.files.size).toBeGreaterThan(1);
  });
});

// Writing the files is most of the time, and slow on a busy disk: hence the generous timeout.
describe("a glob matching thousands of files", { timeout: 120_000 }, () => {
  const directory = mkdtempSync(join(tmpdir(), "wslint-includes-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("includes all 3,000 in order", async () => {
    mkdirSync(join(directory, "sites"));
    const count = 3000;
    for (let i = 0; i < count; i++) writeFileSync(join(directory, "sites", `site-${i}.conf`), `server {\n    listen ${10000 + i};\n}\n`);
    writeFileSync(join(directory, "nginx.conf"), "http {\n    include sites/*.conf;\n}\n");
    const config = await loadNginx(join(directory, "nginx.conf"));
    expect(nginxConfigProblems(config)).toEqual([]);
    const servers = directives(config).filter((visit) => visit.directive.name === "server");
    expect(servers).toHaveLength(count);
    expect(servers.map((visit) => visit.file)).toEqual([...servers.map((visit) => visit.file)].sort(compareBytes));
    expect(servers.every((visit) => visit.ancestors.join() === "http")).toBe(true);
  });
});
