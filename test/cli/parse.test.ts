import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { reportedProblems, wslint } from "./run-wslint.js";

const includes = "fixtures/nginx/includes";
const stackTraceLine = /^\s+at /m;

interface Statement {
  directive: string;
  line: number;
  args: string[];
  includes?: number[];
  block?: Statement[];
  comment?: string;
}
interface Payload {
  status: string;
  errors: { file: string; error: string; line: number | null }[];
  config: { file: string; status: string; errors: { error: string; line: number | null }[]; parsed: Statement[] }[];
}

function* statements(list: readonly Statement[]): Generator<Statement> {
  for (const statement of list) {
    yield statement;
    if (statement.block) yield* statements(statement.block);
  }
}

function lineOf(path: string, text: string): number {
  return readFileSync(path, "utf8").split("\n").findIndex((line) => line.includes(text)) + 1;
}

describe("wslint parse: exit codes and messages", () => {
  it("exits 0 and prints the trees of a good file", () => {
    const run = wslint(["parse", "fixtures/examples/nginx/nginx.conf"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const [entry] = JSON.parse(run.stdout) as { dialect: string; files: { path: string }[] }[];
    expect(entry!.dialect).toBe("nginx");
    expect(entry!.files.map((file) => file.path)).toEqual([
      "fixtures/examples/nginx/nginx.conf",
      "fixtures/examples/nginx/snippets/websocket.conf",
    ]);
  });

  it("a syntax error in an included file is printed as file:line:column and exits 1", () => {
    const broken = `${includes}/syntax-error/conf.d/broken.conf`;
    const run = wslint(["parse", `${includes}/syntax-error/nginx.conf`]);
    expect(run.status).toBe(1);
    const problems = reportedProblems(run.stderr);
    expect(problems.length).toBeGreaterThan(0);
    const strayBrace = readFileSync(broken, "utf8").split("\n").lastIndexOf("}") + 1;
    expect(problems[0]).toMatchObject({ file: broken, line: strayBrace, column: 1 });
    // The tree is still printed, with the file beside the broken one.
    const [entry] = JSON.parse(run.stdout) as { files: { path: string }[] }[];
    expect(entry!.files.map((file) => file.path)).toContain(`${includes}/syntax-error/conf.d/fine.conf`);
  });

  it("a missing include is reported at the including line and exits 1", () => {
    const main = `${includes}/missing/nginx.conf`;
    const run = wslint(["parse", main]);
    expect(run.status).toBe(1);
    expect(reportedProblems(run.stderr)).toEqual([
      expect.objectContaining({ file: main, line: lineOf(main, "conf.d/absent.conf"), column: 5 }),
    ]);
  });

  it("an include cycle is an error, not a hang", () => {
    const run = wslint(["parse", `${includes}/cycle/nginx.conf`]);
    expect(run.status).toBe(1);
    const [problem] = reportedProblems(run.stderr);
    expect(problem).toMatchObject({ file: `${includes}/cycle/b.conf`, line: lineOf(`${includes}/cycle/b.conf`, "include a.conf") });
    expect(problem!.message).toContain("cycle");
  });

  it("an HAProxy syntax error is printed as file:line:column and exits 1", () => {
    const text = "defaults\n    mode http\n    timeout client \"30s\n";
    const run = wslint(["parse", "--stdin-filename", "lb.cfg", "-"], { stdin: text });
    expect(run.status).toBe(1);
    const quote = text.split("\n")[2]!;
    expect(reportedProblems(run.stderr)[0]).toMatchObject({ file: "lb.cfg", line: 3, column: quote.indexOf('"') + 1 });
  });

  it("an unreadable path exits 2 with a clear message, and the other files are still parsed", () => {
    const run = wslint(["parse", "no/such/file.conf", "fixtures/examples/nginx/nginx.conf"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("wslint: cannot read no/such/file.conf: no such file or directory\n");
    expect((JSON.parse(run.stdout) as unknown[]).length).toBe(1);
  });

  it("a directory is not a configuration file", () => {
    const run = wslint(["parse", "fixtures/examples"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^wslint: cannot read fixtures\/examples: is a directory/);
    expect(run.stderr).not.toMatch(stackTraceLine);
  });

  it("a bad file and a good file: the bad one's problems, the good one's tree, exit 1", () => {
    const run = wslint(["parse", `${includes}/missing/nginx.conf`, "fixtures/examples/haproxy/haproxy.cfg"]);
    expect(run.status).toBe(1);
    const entries = JSON.parse(run.stdout) as { dialect: string }[];
    expect(entries.map((entry) => entry.dialect)).toEqual(["nginx", "haproxy"]);
  });
});

describe("wslint parse --format crossplane", () => {
  const main = `${includes}/basic/nginx.conf`;

  it("lists every file once and points include directives at them", () => {
    const run = wslint(["parse", "--format", "crossplane", main]);
    expect(run.status).toBe(0);
    const payload = JSON.parse(run.stdout) as Payload;
    expect(payload.status).toBe("ok");
    expect(payload.errors).toEqual([]);
    const files = payload.config.map((entry) => entry.file);
    expect(files[0]).toBe(main);
    expect(new Set(files).size).toBe(files.length);
    for (const entry of payload.config) {
      expect(entry).toMatchObject({ status: "ok", errors: [] });
      for (const statement of statements(entry.parsed)) {
        expect(typeof statement.line).toBe("number");
        expect(Array.isArray(statement.args)).toBe(true);
        if (statement.directive !== "include") {
          expect(statement.includes).toBeUndefined();
          continue;
        }
        // The indexes name files matching the include's argument, resolved against the prefix.
        const pattern = new RegExp(`^${resolve(`${includes}/basic`, statement.args[0]!).replace(/[.]/g, "\\.").replace(/\*/g, "[^/]*")}$`);
        expect(statement.includes!.length).toBeGreaterThan(0);
        for (const index of statement.includes!) expect(resolve(files[index]!)).toMatch(pattern);
      }
    }
    // snippets/proxy.conf is included twice and listed once, with both includes pointing at it.
    const proxyIndex = files.indexOf(`${includes}/basic/snippets/proxy.conf`);
    const pointingAtProxy = [...statements(payload.config[0]!.parsed)].filter((statement) => statement.includes?.includes(proxyIndex));
    expect(pointingAtProxy).toHaveLength(2);
  });

  it("numbers files in the order the main file's includes name them, as crossplane does", () => {
    const payload = JSON.parse(wslint(["parse", "--format", "crossplane", main]).stdout) as Payload;
    const mainIncludes = [...statements(payload.config[0]!.parsed)].flatMap((statement) => statement.includes ?? []);
    const firstMentions = [...new Set(mainIncludes)];
    expect(firstMentions).toEqual(firstMentions.map((_, position) => position + 1));
    expect(firstMentions).toHaveLength(payload.config.length - 1);
  });

  it("--single-file lists only the main file, without includes", () => {
    const payload = JSON.parse(wslint(["parse", "--format", "crossplane", "--single-file", main]).stdout) as Payload;
    expect(payload.config.map((entry) => entry.file)).toEqual([main]);
    expect([...statements(payload.config[0]!.parsed)].some((statement) => "includes" in statement)).toBe(false);
  });

  it("--comments adds comment entries", () => {
    const without = JSON.parse(wslint(["parse", "--format", "crossplane", main]).stdout) as Payload;
    const withComments = JSON.parse(wslint(["parse", "--format", "crossplane", "--comments", main]).stdout) as Payload;
    const comments = (payload: Payload) => [...statements(payload.config[0]!.parsed)].filter((statement) => statement.directive === "#");
    expect(comments(without)).toEqual([]);
    const firstComment = readFileSync(main, "utf8").split("\n")[0]!;
    expect(comments(withComments)[0]).toMatchObject({ line: 1, args: [], comment: firstComment.slice(1) });
  });

  it("puts errors on the file they are in and on the payload", () => {
    const run = wslint(["parse", "--format", "crossplane", `${includes}/missing/nginx.conf`]);
    expect(run.status).toBe(1);
    const payload = JSON.parse(run.stdout) as Payload;
    expect(payload.status).toBe("failed");
    expect(payload.errors).toHaveLength(1);
    const failing = payload.config.find((entry) => entry.status === "failed")!;
    expect(failing.file).toBe(payload.errors[0]!.file);
    expect(failing.errors).toEqual([{ error: payload.errors[0]!.error, line: payload.errors[0]!.line }]);
  });

  it("refuses HAProxy files", () => {
    const run = wslint(["parse", "--format", "crossplane", "fixtures/examples/haproxy/haproxy.cfg"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("HAProxy");
  });
});

describe("wslint parse: inputs", () => {
  it("--include-map and --prefix find a configuration copied off its server", () => {
    const deploy = `${includes}/mapped/deploy/nginx`;
    const without = wslint(["parse", "--prefix", "/etc/nginx", `${deploy}/nginx.conf`]);
    expect(without.status).toBe(1);
    const mapped = wslint(["parse", "--format", "crossplane", "--prefix", "/etc/nginx", "--include-map", `/etc/nginx=${deploy}`, `${deploy}/nginx.conf`]);
    expect(mapped.stderr).toBe("");
    expect(mapped.status).toBe(0);
    expect((JSON.parse(mapped.stdout) as Payload).config.map((entry) => entry.file)).toContain(`${deploy}/conf.d/upstream.conf`);
  });

  it("reads an nginx -T dump from stdin and reports errors in the dumped files' own names and lines", () => {
    const dump = readFileSync("fixtures/nginx/dumps/broken-include.txt", "utf8");
    const run = wslint(["parse", "-"], { stdin: dump });
    expect(run.status).toBe(1);
    const section = dump.split("# configuration file /etc/nginx/conf.d/b-broken.conf:\n")[1]!.split("\n");
    const [problem] = reportedProblems(run.stderr);
    expect(problem).toMatchObject({ file: "/etc/nginx/conf.d/b-broken.conf", line: section.lastIndexOf("}") + 1 });
  });

  it("names stdin by --stdin-filename and guesses its dialect from that name", () => {
    const run = wslint(["parse", "--stdin-filename", "edge/lb.cfg", "-"], { stdin: "global\n    maxconn 10\n" });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ dialect: "haproxy", input: "edge/lb.cfg" })]);
    const broken = wslint(["parse", "--stdin-filename", "site.conf", "-"], { stdin: "server {\n    listen 80;\n}\n}\n" });
    expect(broken.status).toBe(1);
    expect(reportedProblems(broken.stderr)[0]).toMatchObject({ file: "site.conf", line: 4, column: 1 });
  });

  it("guesses the dialect from content when the name says nothing, or asks for --dialect", () => {
    const haproxy = readFileSync("fixtures/examples/haproxy/haproxy.cfg", "utf8");
    expect(JSON.parse(wslint(["parse", "-"], { stdin: haproxy }).stdout)[0].dialect).toBe("haproxy");
    const nginx = readFileSync("fixtures/examples/nginx/nginx.conf", "utf8");
    expect(JSON.parse(wslint(["parse", "-"], { stdin: nginx }).stdout)[0].dialect).toBe("nginx");
    const unclear = wslint(["parse", "-"], { stdin: "worker_processes 1;\n" });
    expect(unclear.status).toBe(2);
    expect(unclear.stderr).toContain("--dialect");
    const forced = wslint(["parse", "--dialect", "nginx", "-"], { stdin: "worker_processes 1;\n" });
    expect(forced.status).toBe(0);
    expect(JSON.parse(forced.stdout)[0].dialect).toBe("nginx");
  });

  it("--dialect overrides the file name", () => {
    const run = wslint(["parse", "--dialect", "haproxy", "--stdin-filename", "nginx.conf", "-"], { stdin: "defaults\n    mode http\n" });
    expect(JSON.parse(run.stdout)[0].dialect).toBe("haproxy");
  });
});

// nginx itself is the reference for include order: where it is installed, compare with `nginx -T`.
const nginxAvailable = spawnSync("nginx", ["-v"]).error === undefined;
const requireServers = process.env.WSLINT_REQUIRE_SERVERS === "1";

describe.runIf(nginxAvailable || requireServers)("agreement with nginx -T", () => {
  const errorLogDirectory = mkdtempSync(join(tmpdir(), "wslint-nginx-"));
  afterAll(() => rmSync(errorLogDirectory, { recursive: true, force: true }));

  it("reads the same files in the same order as nginx", () => {
    const main = resolve(`${includes}/basic/nginx.conf`);
    const nginx = spawnSync("nginx", ["-T", "-c", main, "-e", join(errorLogDirectory, "error.log")], { encoding: "utf8" });
    expect(nginx.error).toBeUndefined();
    expect(nginx.status, nginx.stderr).toBe(0);
    const nginxFiles = [...nginx.stdout.matchAll(/^# configuration file (.+):$/gm)].map((match) => match[1]);

    const payload = JSON.parse(wslint(["parse", "--format", "crossplane", main]).stdout) as Payload;
    expect(payload.config.map((entry) => entry.file)).toEqual(nginxFiles);

    // And the dump itself reads back as the same files.
    const fromDump = JSON.parse(wslint(["parse", "--format", "crossplane", "-"], { stdin: nginx.stdout }).stdout) as Payload;
    expect(fromDump.config.map((entry) => entry.file)).toEqual(nginxFiles);
  });
});
