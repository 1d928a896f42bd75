// action.yml run as GitHub runs a composite action: its expressions replaced by their values,
// each `run:` step executed by `bash --noprofile --norc -eo pipefail` in the workspace with the
// runner's GITHUB_* variables, stopping at the first step that fails. The action directory is a
// copy of this working tree without node_modules/ and dist/, as GitHub checks an action out.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { freePort } from "../servers/index.js";
import { isolatedEnv, run } from "./run.js";
import { copyWorkingTree, REPOSITORY_ROOT } from "./working-tree.js";

interface ActionInput {
  default?: string;
}

interface ActionStep {
  name: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
}

interface Action {
  inputs: Record<string, ActionInput>;
  runs: { using: string; steps: ActionStep[] };
}

interface StepRun {
  step: string;
  code: number | null;
  output: string;
}

const action = parse(readFileSync(join(REPOSITORY_ROOT, "action.yml"), "utf8")) as Action;
const FIXTURES = join(REPOSITORY_ROOT, "fixtures/integration");
/** npm ci and the TypeScript build, from npm's cache. */
const INSTALL_MS = 240_000;

/** The values of the inputs a workflow gives, with the action's defaults for the others. */
function inputValues(given: Record<string, string>): Record<string, string> {
  for (const name of Object.keys(given)) {
    if (!(name in action.inputs)) throw new Error(`action.yml has no input ${name}`);
  }
  return Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, given[name] ?? input.default ?? ""]));
}

/** Replaces each `${{ expression }}` with its value; an expression the test cannot evaluate fails it. */
function substitute(text: string, context: { inputs: Record<string, string>; actionPath: string }): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input) {
      const value = context.inputs[input[1]!];
      if (value === undefined) throw new Error(`action.yml uses an undeclared input: ${expression}`);
      return value;
    }
    if (expression === "github.action_path") return context.actionPath;
    throw new Error(`the test does not evaluate the expression \${{ ${expression} }}`);
  });
}

const SUPPORTED_STEP_KEYS = new Set(["name", "shell", "run", "env"]);

/** `runnerPath`: the runner's PATH, when the test gives it other tools than its own. */
async function runSteps(
  steps: readonly ActionStep[],
  given: Record<string, string>,
  actionPath: string,
  workspace: string,
  runnerPath = process.env.PATH,
): Promise<StepRun[]> {
  const context = { inputs: inputValues(given), actionPath };
  const runnerFiles = mkdtempSync(join(tmpdir(), "wslint-runner-"));
  const runs: StepRun[] = [];
  try {
    for (const [index, step] of steps.entries()) {
      const unsupported = Object.keys(step).filter((key) => !SUPPORTED_STEP_KEYS.has(key));
      if (unsupported.length > 0) throw new Error(`step "${step.name}" uses ${unsupported.join(", ")}, which this test does not run`);
      if (step.shell !== "bash" || step.run === undefined) throw new Error(`step "${step.name}" is not a bash run step`);
      const script = join(runnerFiles, `step-${index}.sh`);
      writeFileSync(script, substitute(step.run, context));
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, substitute(String(value), context)]));
      const githubFiles = Object.fromEntries(
        ["GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY", "GITHUB_STATE"].map((name) => {
          const file = join(runnerFiles, `${name}-${index}`);
          writeFileSync(file, "");
          return [name, file];
        }),
      );
      const env = isolatedEnv({
        PATH: runnerPath,
        CI: "true",
        GITHUB_ACTIONS: "true",
        GITHUB_WORKSPACE: workspace,
        GITHUB_ACTION_PATH: actionPath,
        RUNNER_TEMP: runnerFiles,
        ...githubFiles,
        ...stepEnv,
      });
      const result = await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd: workspace, env, timeoutMs: INSTALL_MS });
      runs.push({ step: step.name, code: result.code, output: result.output });
      if (result.code !== 0) break;
    }
  } finally {
    rmSync(runnerFiles, { recursive: true, force: true });
  }
  return runs;
}

/** `::error file=F,line=L,...,title=RULE::message` lines of the output. */
function annotations(output: string): { level: string; file: string; line: number; rule: string }[] {
  return [...output.matchAll(/^::(error|warning|notice) file=([^,]+),line=(\d+),.*?title=([^:]+)::/gm)].map((match) => ({
    level: match[1]!,
    file: match[2]!,
    line: Number(match[3]),
    rule: match[4]!,
  }));
}

const [installStep, ...lintSteps] = action.runs.steps;

describe("action.yml", () => {
  let scratch: string;
  let actionPath: string;
  let installRun: StepRun[];

  function workspaceWith(name: string, files: Record<string, string>): string {
    const workspace = join(scratch, "workspaces", name);
    mkdirSync(workspace, { recursive: true });
    for (const [path, fixture] of Object.entries(files)) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true });
      copyFileSync(join(FIXTURES, fixture), join(workspace, path));
    }
    return workspace;
  }

  const lint = (workspace: string, inputs: Record<string, string> = {}) => runSteps(lintSteps, inputs, actionPath, workspace);

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "wslint-action-"));
    actionPath = join(scratch, "action");
    mkdirSync(actionPath);
    await copyWorkingTree(actionPath);
    // One installation serves every case below, as it would serve later steps of a job.
    installRun = await runSteps([installStep!], {}, actionPath, workspaceWith("install", {}));
  }, INSTALL_MS + 30_000);

  afterAll(() => {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  it("is a composite action whose first step installs wslint from the action's directory", () => {
    expect(action.runs.using).toBe("composite");
    expect(installRun[0], installRun[0]?.output).toMatchObject({ code: 0 });
    expect(existsSync(join(actionPath, "dist/src/cli/main.js"))).toBe(true);
  });

  it("stops before installing on a runner whose Node.js is older than 20", async () => {
    const oldNode = join(scratch, "node-18");
    mkdirSync(oldNode);
    writeFileSync(join(oldNode, "node"), '#!/bin/sh\ncase "$1" in -p) echo 18 ;; *) echo v18.20.0 ;; esac\n', { mode: 0o755 });
    const [refused] = await runSteps([installStep!], {}, join(scratch, "never-installed"), workspaceWith("old-node", {}), `${oldNode}:${process.env.PATH}`);
    expect(refused!.code).toBe(1);
    expect(refused!.output).toMatch(/^::error title=wslint::wslint needs Node\.js 20 or later, this runner has v18\.20\.0/m);
  });

  it("annotates each finding at its file and line, writes SARIF with the same results, and fails on errors", async () => {
    const workspace = workspaceWith("broken", { "deploy/nginx.conf": "broken/nginx.conf", "deploy/haproxy.cfg": "clean/haproxy.cfg" });
    const runs = await lint(workspace, { "sarif-file": "wslint.sarif" });
    const last = runs.at(-1)!;
    expect(last.code, last.output).toBe(1);

    const found = annotations(last.output);
    expect(found.filter((annotation) => annotation.level === "error").length).toBeGreaterThan(0);
    for (const annotation of found) {
      // GitHub places annotations by paths relative to the repository root, the workspace.
      expect(annotation.file).toBe("deploy/nginx.conf");
      const lines = readFileSync(join(workspace, annotation.file), "utf8").split("\n");
      expect(lines[annotation.line - 1]).toContain("location /ws/");
    }

    const sarif = JSON.parse(readFileSync(join(workspace, "wslint.sarif"), "utf8")) as {
      version: string;
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarif.version).toBe("2.1.0");
    const sarifRules = sarif.runs.flatMap((sarifRun) => sarifRun.results.map((result) => result.ruleId));
    expect(sarifRules.sort()).toEqual(found.map((annotation) => annotation.rule).sort());
  });

  it("fail-on: error passes with warnings only, warning fails on them", async () => {
    const workspace = workspaceWith("warnings", { "haproxy.cfg": "warning-only/haproxy.cfg" });
    const onErrors = (await lint(workspace)).at(-1)!;
    expect(onErrors.code, onErrors.output).toBe(0);
    expect(annotations(onErrors.output)).toEqual([expect.objectContaining({ level: "warning", file: "haproxy.cfg" })]);

    const onWarnings = (await lint(workspace, { "fail-on": "warning" })).at(-1)!;
    expect(onWarnings.code, onWarnings.output).toBe(1);
    expect(annotations(onWarnings.output)).toEqual(annotations(onErrors.output));
  });

  it("lints only the paths given, shell patterns expanded", async () => {
    const workspace = workspaceWith("paths", {
      "sites/chat/nginx.conf": "broken/nginx.conf",
      "sites/chat/haproxy.cfg": "warning-only/haproxy.cfg",
      "legacy/nginx.conf": "broken/nginx.conf",
    });
    const result = (await lint(workspace, { paths: "sites/**/*.cfg\nsites/chat/nginx.conf" })).at(-1)!;
    const files = new Set(annotations(result.output).map((annotation) => annotation.file));
    expect([...files].sort()).toEqual(["sites/chat/haproxy.cfg", "sites/chat/nginx.conf"]);
  });

  it("a clean workspace passes without annotations", async () => {
    const workspace = workspaceWith("clean", { "nginx.conf": "fixed/nginx.conf", "haproxy.cfg": "clean/haproxy.cfg" });
    const result = (await lint(workspace, { "fail-on": "warning" })).at(-1)!;
    expect(result.code, result.output).toBe(0);
    expect(annotations(result.output)).toEqual([]);
  });

  it("probe: a handshake that fails through a clean config's WebSocket route is annotated there, in SARIF too, and fails the step", async () => {
    const workspace = workspaceWith("probe", { "nginx.conf": "fixed/nginx.conf" });
    // Nothing listens there: the clean configuration passes (above), the probe does not.
    const unreachable = `http://127.0.0.1:${await freePort()}`;
    const result = (await lint(workspace, { probe: unreachable, "sarif-file": "wslint.sarif" })).at(-1)!;
    expect(result.code, result.output).toBe(1);
    const [probeAnnotation, ...others] = annotations(result.output);
    expect(others).toEqual([]);
    expect(probeAnnotation).toMatchObject({ level: "error", file: "nginx.conf" });
    const lines = readFileSync(join(workspace, "nginx.conf"), "utf8").split("\n");
    expect(lines[probeAnnotation!.line - 1]).toContain("location /ws/");
    expect(result.output).toContain(`${unreachable.replace(/^http/, "ws")}/ws/`);

    const sarif = JSON.parse(readFileSync(join(workspace, "wslint.sarif"), "utf8")) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs.flatMap((sarifRun) => sarifRun.results.map((sarifResult) => sarifResult.ruleId))).toEqual([probeAnnotation!.rule]);
  });

  it("refuses a fail-on it does not know with an error annotation", async () => {
    const workspace = workspaceWith("refused", { "nginx.conf": "fixed/nginx.conf" });
    const badFailOn = (await lint(workspace, { "fail-on": "never" })).at(-1)!;
    expect(badFailOn.code).toBe(2);
    expect(badFailOn.output).toMatch(/^::error title=wslint::fail-on must be error or warning/m);
  });
});
