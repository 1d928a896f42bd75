// wslint as a user's tool would fetch it: a copy of this checkout without node_modules/ and dist/,
// and for pre-commit a git repository holding that copy in one commit.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runOk } from "./run.js";

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Copies the files git sees in this checkout (committed or not, minus what .gitignore leaves
 * out) into `destination`, so the tests try the hooks and the action as they are being edited; in
 * CI's fresh clone this is exactly the commit under test.
 */
export async function copyWorkingTree(destination: string): Promise<void> {
  const listing = await runOk("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPOSITORY_ROOT });
  // A file deleted but not yet committed is still listed by --cached.
  const files = listing.stdout.split("\0").filter((file) => file !== "" && existsSync(join(REPOSITORY_ROOT, file)));
  for (const file of files) {
    mkdirSync(dirname(join(destination, file)), { recursive: true });
    copyFileSync(join(REPOSITORY_ROOT, file), join(destination, file));
  }
}

const FIXED_COMMIT_IDENTITY = {
  GIT_AUTHOR_NAME: "wslint tests",
  GIT_AUTHOR_EMAIL: "tests@wslint.invalid",
  GIT_COMMITTER_NAME: "wslint tests",
  GIT_COMMITTER_EMAIL: "tests@wslint.invalid",
};

/** Makes `directory` a git repository whose one commit holds everything in it; returns that commit. */
export async function commitEverything(directory: string, env: NodeJS.ProcessEnv): Promise<string> {
  const options = { cwd: directory, env: { ...env, ...FIXED_COMMIT_IDENTITY } };
  await runOk("git", ["init", "--quiet", "--initial-branch=main"], options);
  await runOk("git", ["add", "--all"], options);
  await runOk("git", ["commit", "--quiet", "--no-verify", "--message", "wslint working tree"], options);
  return (await runOk("git", ["rev-parse", "HEAD"], options)).stdout.trim();
}
