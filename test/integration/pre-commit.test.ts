// The hooks of .pre-commit-hooks.yaml, installed and run by the real pre-commit the way a user's
// repository gets them: pre-commit clones wslint at a commit, builds it (npm install runs the
// prepare build, npm pack packs it, npm install -g installs the tarball), then runs the hook on
// the staged files when `git commit` runs. wslint is installed from a commit of this working
// tree (see copyWorkingTree), so the hooks file under test is the one being edited.
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithTool } from "./describe-with-tool.js";
import { isolatedEnv, run, runOk, type RunResult } from "./run.js";
import { commitEverything, copyWorkingTree, REPOSITORY_ROOT } from "./working-tree.js";

const FIXTURES = join(REPOSITORY_ROOT, "fixtures/integration");
const BROKEN_NGINX = readFileSync(join(FIXTURES, "broken/nginx.conf"), "utf8");
const FIXED_NGINX = readFileSync(join(FIXTURES, "fixed/nginx.conf"), "utf8");
const ERRORS_IN_BROKEN_NGINX = ["nginx/ws-http-version", "nginx/ws-upgrade-header", "nginx/ws-connection-header"];

/** pre-commit's first run builds wslint from source: npm install, the build, npm pack, npm install -g. */
const ENVIRONMENT_INSTALL_MS = 300_000;

describeWithTool("pre-commit", "apt-get install pre-commit", "pre-commit hooks", (preCommit) => {
  let scratch: string;
  let project: string;
  let env: NodeJS.ProcessEnv;

  const git = (...args: string[]) => run("git", args, { cwd: project, env });

  /** `settings`: lines of the hook's entry in .pre-commit-config.yaml besides its id. */
  function useHook(hookId: string, wslint: { repository: string; rev: string }, settings: string[] = []): void {
    const config = ["repos:", `  - repo: ${wslint.repository}`, `    rev: ${wslint.rev}`, "    hooks:", `      - id: ${hookId}`];
    config.push(...settings.map((line) => `        ${line}`), "");
    writeFileSync(join(project, ".pre-commit-config.yaml"), config.join("\n"));
  }

  async function commit(message: string): Promise<RunResult> {
    await runOk("git", ["add", "--all"], { cwd: project, env });
    return git("commit", "--message", message);
  }

  let wslint: { repository: string; rev: string };

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "wslint-pre-commit-"));
    project = join(scratch, "project");
    env = isolatedEnv({
      PRE_COMMIT_HOME: join(scratch, "pre-commit-home"),
      PRE_COMMIT_COLOR: "never",
      GIT_AUTHOR_NAME: "Test User",
      GIT_AUTHOR_EMAIL: "user@example.invalid",
      GIT_COMMITTER_NAME: "Test User",
      GIT_COMMITTER_EMAIL: "user@example.invalid",
    });
    const repository = join(scratch, "wslint");
    mkdirSync(repository);
    await copyWorkingTree(repository);
    wslint = { repository, rev: await commitEverything(repository, env) };

    mkdirSync(project);
    await runOk("git", ["init", "--quiet", "--initial-branch=main"], { cwd: project, env });
    useHook("wslint", wslint);
    await runOk(preCommit, ["install"], { cwd: project, env });
    await runOk(preCommit, ["install-hooks"], { cwd: project, env, timeoutMs: ENVIRONMENT_INSTALL_MS });
  }, ENVIRONMENT_INSTALL_MS + 30_000);

  afterAll(() => {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  it("refuses a commit with a config that breaks WebSockets, naming wslint's findings, and accepts it fixed", async () => {
    writeFileSync(join(project, "nginx.conf"), BROKEN_NGINX);
    copyFileSync(join(FIXTURES, "clean/haproxy.cfg"), join(project, "haproxy.cfg"));
    const refused = await commit("add the proxy configs");
    expect(refused.code, refused.output).not.toBe(0);
    expect(refused.output).toMatch(/wslint\.+Failed/);
    expect(refused.output).toMatch(/^nginx\.conf$/m);
    for (const rule of ERRORS_IN_BROKEN_NGINX) expect(refused.output).toContain(rule);
    // The clean HAProxy file was linted too, and has nothing to report.
    expect(refused.output).not.toMatch(/^haproxy\.cfg$/m);
    expect((await git("rev-list", "--all")).stdout).toBe("");

    writeFileSync(join(project, "nginx.conf"), FIXED_NGINX);
    const accepted = await commit("add the proxy configs");
    expect(accepted.code, accepted.output).toBe(0);
    expect(accepted.output).toMatch(/wslint\.+Passed/);
    expect((await git("show", "HEAD:nginx.conf")).stdout).toBe(FIXED_NGINX);
  });

  it("runs only on nginx and HAProxy files", async () => {
    const notAConfig = "location /ws/ { proxy_pass http://chat; }\n";
    writeFileSync(join(project, "notes.txt"), notAConfig);
    writeFileSync(join(project, "haproxy-upgrade.md"), notAConfig);
    writeFileSync(join(project, "setup.cfg"), "[metadata]\nname = example\n");
    const unrelated = await commit("notes");
    expect(unrelated.code, unrelated.output).toBe(0);
    expect(unrelated.output).toMatch(/wslint\.+\(no files to check\)Skipped/);
  });

  it("wslint-fix repairs the staged config; the commit goes through once the repair is staged", async () => {
    useHook("wslint-fix", wslint);
    mkdirSync(join(project, "conf.d"), { recursive: true });
    writeFileSync(join(project, "conf.d/chat.conf"), BROKEN_NGINX);
    const repaired = await commit("add a second proxy");
    // pre-commit refuses a commit whose files a hook changed, so the user can review the change.
    expect(repaired.code, repaired.output).not.toBe(0);
    expect(repaired.output).toContain("files were modified by this hook");
    const repairedText = readFileSync(join(project, "conf.d/chat.conf"), "utf8");
    expect(repairedText).not.toBe(BROKEN_NGINX);
    expect(repairedText).toContain("proxy_http_version 1.1;");

    const accepted = await commit("add a second proxy");
    expect(accepted.code, accepted.output).toBe(0);
    expect((await git("show", "HEAD:conf.d/chat.conf")).stdout).toBe(repairedText);
  });

  it("reads a fragment in its nginx.conf, staged with it or alone; only the staged files' findings refuse a commit", async () => {
    mkdirSync(join(project, "deploy/nginx/sites"), { recursive: true });
    for (const file of ["nginx.conf", "sites/chat.conf"]) {
      copyFileSync(join(FIXTURES, "split", file), join(project, "deploy/nginx", file));
    }
    useHook("wslint", wslint);
    const together = await commit("add the split config");
    expect(together.code, together.output).toBe(0);
    expect(together.output).toMatch(/wslint\.+Passed/);

    // Only the fragment changes: pre-commit passes it alone, and wslint finds the nginx.conf that
    // includes it (and defines its map) in the directory above.
    appendFileSync(join(project, "deploy/nginx/sites/chat.conf"), "# reviewed\n");
    const alone = await commit("touch the fragment");
    expect(alone.code, alone.output).toBe(0);
    expect(alone.output).toMatch(/wslint\.+Passed/);

    // A broken fragment beside it, not staged, does not refuse the commit of this one.
    writeFileSync(join(project, "deploy/nginx/sites/draft.conf"), "server {\n    location /ws/ {\n        proxy_pass http://127.0.0.1:9;\n    }\n}\n");
    appendFileSync(join(project, "deploy/nginx/sites/chat.conf"), "# reviewed again\n");
    await runOk("git", ["add", "deploy/nginx/sites/chat.conf"], { cwd: project, env });
    const besideDraft = await git("commit", "--message", "touch the fragment again");
    expect(besideDraft.code, besideDraft.output).toBe(0);
    rmSync(join(project, "deploy/nginx/sites/draft.conf"));

    appendFileSync(join(project, "deploy/nginx/sites/chat.conf"), "# reviewed once more\n");
    useHook("wslint", wslint, ["args: [deploy/nginx]", "pass_filenames: false"]);
    const inContext = await commit("lint the whole directory");
    expect(inContext.code, inContext.output).toBe(0);
    expect(inContext.output).toMatch(/wslint\.+Passed/);
  });

  it("reads a staged HAProxy conf.d file after the haproxy.cfg above it; an unstaged file beside it does not refuse the commit", async () => {
    const etc = join(REPOSITORY_ROOT, "fixtures/lint/haproxy-find-main/etc/haproxy");
    mkdirSync(join(project, "deploy/haproxy/conf.d"), { recursive: true });
    for (const file of ["haproxy.cfg", "conf.d/app.cfg"]) copyFileSync(join(etc, file), join(project, "deploy/haproxy", file));
    useHook("wslint", wslint);
    expect((await commit("add the RHEL layout")).code).toBe(0);

    // Staged alone, chat.cfg is read in haproxy.cfg's `mode http` defaults, where its http-request
    // rule deletes the handshake's Upgrade header (read on its own, in tcp mode, it would pass).
    copyFileSync(join(etc, "conf.d/chat.cfg"), join(project, "deploy/haproxy/conf.d/chat.cfg"));
    await runOk("git", ["add", "deploy/haproxy/conf.d/chat.cfg"], { cwd: project, env });
    const refused = await git("commit", "--message", "add chat");
    expect(refused.code, refused.output).not.toBe(0);
    expect(refused.output).toContain("haproxy/ws-header-stripping");
    await runOk("git", ["reset", "--quiet", "deploy/haproxy/conf.d/chat.cfg"], { cwd: project, env });

    appendFileSync(join(project, "deploy/haproxy/conf.d/app.cfg"), "# reviewed\n");
    await runOk("git", ["add", "deploy/haproxy/conf.d/app.cfg"], { cwd: project, env });
    const alone = await git("commit", "--message", "touch app.cfg");
    expect(alone.code, alone.output).toBe(0);
    expect(alone.output).toMatch(/wslint\.+Passed/);
    rmSync(join(project, "deploy/haproxy/conf.d/chat.cfg"));
  });

  it("pre-commit run wslint --all-files, the README's CI command, lints every committed file", async () => {
    useHook("wslint", wslint);
    writeFileSync(join(project, "legacy.conf"), BROKEN_NGINX);
    await runOk("git", ["add", "--all"], { cwd: project, env });
    await runOk("git", ["commit", "--no-verify", "--message", "a config from before the hook"], { cwd: project, env });
    const everything = await run(preCommit, ["run", "wslint", "--all-files", "--show-diff-on-failure"], { cwd: project, env });
    expect(everything.code, everything.output).toBe(1);
    expect(everything.output).toMatch(/^legacy\.conf$/m);
    for (const rule of ERRORS_IN_BROKEN_NGINX) expect(everything.output).toContain(rule);
    // Every file is passed, so the fragment is read where deploy/nginx/nginx.conf includes it.
    expect(everything.output).not.toMatch(/^deploy\/nginx\/sites\/chat\.conf$/m);
  });
});
