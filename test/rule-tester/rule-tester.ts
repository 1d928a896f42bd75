// A rule tester for any dialect, in the manner of stylelint's and ESLint's: a rule and two tables,
// `accept` (configs the rule must stay silent on) and `reject` (configs it must report, where,
// and what its fix turns them into). Every case runs the real loader, parser, model and engine of
// its dialect over real files in a temporary directory; nothing is mocked.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as zod from "zod";
import type { Finding } from "../../src/engine/finding.js";
import { applyEdits, fixRepeatedly, type FixResult } from "../../src/engine/fix.js";
import { DEFAULT_SETTINGS, type LintSettings, type NodeKinds, type Rule } from "../../src/engine/rule.js";
import type { EnabledRule } from "../../src/engine/run-rules.js";
import { describeWithServer, type ServerCheckResult, type ServerName } from "../servers/index.js";

/** What a dialect hands the tester: how to lint files, and how to check them with its real server. */
export interface DialectAdapter<Kinds extends NodeKinds> {
  /** The main file's name when a case names none: `nginx.conf`, `haproxy.cfg`. */
  defaultFilename: string;
  /**
   * Lints the configuration whose main file is `main` (an absolute path; it and every file it
   * includes are on disk) with `rules`, the way the CLI does: parse problems, the rules over the
   * model, disable comments. Returns the findings and the text of every file the run read.
   */
  lint(main: string, rules: readonly EnabledRule<Kinds>[], settings: LintSettings): Finding[];
  /** The real server that validates fixed output (`nginx -t`, `haproxy -c`), when there is one. */
  server?: {
    name: ServerName;
    /** Checks the configuration whose main file is `main` (its files on disk). */
    check(main: string): Promise<ServerCheckResult>;
  };
}

/** Settings of a case, over the defaults: `{ nginx: { version: "1.29.7" }, websocket: { paths: ["/live"] } }`. */
export interface SettingsOverride {
  nginx?: Partial<LintSettings["nginx"]>;
  haproxy?: Partial<LintSettings["haproxy"]>;
  websocket?: Partial<LintSettings["websocket"]>;
}

export interface TestCase<Options> {
  /** The test's title; the first line of `code` when not given. */
  description?: string;
  /** The main file's text. */
  code: string;
  /** Further files (included ones), by path relative to the main file's directory. */
  files?: Readonly<Record<string, string>>;
  /** The main file's name, relative to the case's directory. */
  filename?: string;
  settings?: SettingsOverride;
  /** Rule options over the rule's defaults; checked against the rule's own schema first. */
  options?: Partial<Options>;
  /**
   * The fatal problems the case is about (an include that cannot be read), each a substring or
   * pattern of one message: exactly these, in report order. Without it a case may have none.
   */
  fatal?: readonly (string | RegExp)[];
  only?: boolean;
  skip?: boolean;
}

export interface ExpectedSuggestion {
  /** A substring of the suggestion's description. */
  description: string;
  /** Every changed file's text after applying the suggestion, by path relative to the case directory. */
  output?: Readonly<Record<string, string>>;
}

export interface ExpectedFinding {
  /** A substring of the message, or a pattern it must match. */
  message?: string | RegExp;
  /** The whole message. */
  exactMessage?: string;
  /** The file the finding is in, relative to the case directory; the main file when not given. */
  file?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Substrings (or patterns) each of which some evidence line must contain. */
  evidence?: readonly (string | RegExp)[];
  /** The finding's suggestions, in order; when given, exactly these. */
  suggestions?: readonly ExpectedSuggestion[];
}

export type RejectCase<Options> = TestCase<Options> &
  (
    | (ExpectedFinding & { findings?: undefined })
    | { findings: readonly ExpectedFinding[] }
  ) & {
    /**
     * The main file after `--fix` with this rule alone. Required for a fixable rule unless the
     * case is `unfixable`; `fixedFiles` gives the other files that change.
     */
    fixed?: string;
    fixedFiles?: Readonly<Record<string, string>>;
    /**
     * The rule is fixable but offers no fix for this case. A case with `fatal` problems takes
     * neither: the fixer leaves a file with one alone, so its fix is not run.
     */
    unfixable?: boolean;
  };

export interface RuleTests<Options> {
  accept: readonly TestCase<Options>[];
  reject: readonly RejectCase<Options>[];
  /**
   * Every finding of the rule must explain, with evidence, why its route is a WebSocket route
   * (the `ws-*` rules); then each reject case checks that its findings carry evidence.
   */
  requireEvidence?: boolean;
}

/** A case's files written to a fresh directory, with the texts a fix may change. */
interface CaseWorkspace {
  dir: string;
  main: string;
  /** Absolute path -> text. */
  texts: Map<string, string>;
}

const workspaces: string[] = [];

/** Removes the directories of the cases run so far. */
export function removeWorkspaces(): void {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
}

function createWorkspace(testCase: TestCase<unknown>, defaultFilename: string): CaseWorkspace {
  const dir = mkdtempSync(join(tmpdir(), "wslint-rule-tester-"));
  workspaces.push(dir);
  const main = join(dir, testCase.filename ?? defaultFilename);
  const texts = new Map<string, string>([[main, testCase.code]]);
  for (const [path, text] of Object.entries(testCase.files ?? {})) texts.set(join(dir, path), text);
  writeTexts(texts);
  return { dir, main, texts };
}

function writeTexts(texts: ReadonlyMap<string, string>): void {
  for (const [path, text] of texts) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

function caseSettings(override: SettingsOverride = {}): LintSettings {
  return {
    nginx: { ...DEFAULT_SETTINGS.nginx, ...override.nginx },
    haproxy: { ...DEFAULT_SETTINGS.haproxy, ...override.haproxy },
    websocket: { ...DEFAULT_SETTINGS.websocket, ...override.websocket },
  };
}

function caseOptions<Options>(rule: Rule<NodeKinds, Options>, options: Partial<Options> | undefined): Options | undefined {
  const spec = rule.meta.options;
  if (spec === undefined) {
    if (options !== undefined) throw new Error(`${rule.meta.id} takes no options, but the case gives some`);
    return undefined;
  }
  // A case with options the rule's schema refuses is a broken test, not a rule finding.
  const parsed = spec.schema(zod).parse(options ?? {});
  return { ...spec.defaults, ...parsed };
}

function titleOf(testCase: TestCase<unknown>): string {
  return testCase.description ?? testCase.code.trim().split(/\r?\n/)[0] ?? "(empty)";
}

function expectedFindings(testCase: RejectCase<unknown>): readonly ExpectedFinding[] {
  if (testCase.findings !== undefined) return testCase.findings;
  const single = testCase as ExpectedFinding;
  if (single.line === undefined || single.column === undefined) {
    throw new Error("a reject case needs `line` and `column` (or `findings`)");
  }
  return [single];
}

function textMatches(actual: string, expected: string | RegExp): boolean {
  return typeof expected === "string" ? actual.includes(expected) : expected.test(actual);
}

const toCrlf = (text: string): string => text.replace(/\r?\n/g, "\r\n");

/** What each kind of case checks, as functions that throw on the first broken expectation. */
export interface CaseRunner<Options> {
  accept(testCase: TestCase<Options>): void;
  reject(testCase: RejectCase<Options>): Promise<void>;
  /** The fixed configuration of a fixable reject case passes the dialect's real server. */
  fixedPassesServer(testCase: RejectCase<Options>): Promise<void>;
}

export function caseRunner<Kinds extends NodeKinds, Options>(
  dialect: DialectAdapter<Kinds>,
  rule: Rule<Kinds, Options>,
  { requireEvidence = false }: { requireEvidence?: boolean } = {},
): CaseRunner<Options> {
  const ruleId = rule.meta.id;
  const enabledRule = (options: Partial<Options> | undefined): EnabledRule<Kinds> => ({
    rule: rule as unknown as Rule<Kinds, unknown>,
    severity: "error",
    options: caseOptions(rule as unknown as Rule<NodeKinds, Options>, options),
  });

  /** Lints the texts (written to disk first): every finding, the rule's own and parse errors. */
  const lintTexts = (workspace: CaseWorkspace, testCase: TestCase<Options>) => {
    const rules = [enabledRule(testCase.options)];
    const settings = caseSettings(testCase.settings);
    return (texts: ReadonlyMap<string, string>): Finding[] => {
      writeTexts(texts);
      return dialect.lint(workspace.main, rules, settings);
    };
  };

  const lintCase = (workspace: CaseWorkspace, testCase: TestCase<Options>): Finding[] => {
    const findings = lintTexts(workspace, testCase)(workspace.texts);
    const fatal = findings.filter((finding) => finding.fatal).map((finding) => `${finding.file}:${finding.start.line}: ${finding.message}`);
    // A case that does not parse proves nothing about the rule (gixy's "no issues found"), unless
    // the problem is what the case is about and it is named.
    const expected = testCase.fatal ?? [];
    const matches = fatal.length === expected.length && expected.every((want, index) => textMatches(fatal[index]!, want));
    const wanted = expected.length === 0 ? "none" : expected.join(", ");
    expect(matches, `parse errors: ${fatal.length === 0 ? "none" : fatal.join("; ")}; expected ${wanted}`).toBe(true);
    return findings.filter((finding) => finding.ruleId === ruleId);
  };

  const fixCase = (workspace: CaseWorkspace, testCase: TestCase<Options>, texts = workspace.texts): Promise<FixResult> =>
    fixRepeatedly(texts, lintTexts(workspace, testCase));

  return {
    accept(testCase) {
      const workspace = createWorkspace(testCase, dialect.defaultFilename);
      const findings = lintCase(workspace, testCase);
      expect(findings.map((finding) => `${finding.start.line}:${finding.start.column} ${finding.message}`)).toEqual([]);
    },

    async reject(testCase) {
      const workspace = createWorkspace(testCase, dialect.defaultFilename);
      const findings = lintCase(workspace, testCase);
      checkFindings(findings, expectedFindings(testCase), workspace, requireEvidence);
      if (testCase.fatal !== undefined) {
        expect([testCase.fixed, testCase.fixedFiles, testCase.unfixable], "`fixed` or `unfixable` given for a case with fatal problems").toEqual([
          undefined,
          undefined,
          undefined,
        ]);
        return;
      }
      if (!rule.meta.fixable) {
        expect(testCase.fixed, "`fixed` given for a rule that is not fixable").toBeUndefined();
        return;
      }
      if (testCase.unfixable) {
        expect(findings.filter((finding) => finding.fix !== undefined), "fixes of an unfixable case").toEqual([]);
        return;
      }
      if (testCase.fixed === undefined) throw new Error("a reject case of a fixable rule needs `fixed` or `unfixable: true`");
      await checkFix(workspace, testCase, fixCase);
    },

    async fixedPassesServer(testCase) {
      const server = dialect.server;
      if (server === undefined) throw new Error(`the ${dialect.defaultFilename} dialect has no real server to check with`);
      const workspace = createWorkspace(testCase, dialect.defaultFilename);
      writeTexts((await fixCase(workspace, testCase)).texts);
      const verdict = await server.check(workspace.main);
      expect(verdict.ok, `${server.name} refuses the fixed config: ${verdict.message ?? ""}\n${verdict.stderr}`).toBe(true);
    },
  };
}

/**
 * Registers a vitest suite for `rule`: one test per case, plus, when the dialect has a real
 * server, one per fixable reject case that runs the server's check on the fixed configuration.
 */
export function testRule<Kinds extends NodeKinds, Options>(
  dialect: DialectAdapter<Kinds>,
  rule: Rule<Kinds, Options>,
  tests: RuleTests<Options>,
): void {
  const runner = caseRunner(dialect, rule, { requireEvidence: tests.requireEvidence === true });
  const register = (testCase: TestCase<Options>, body: () => Promise<void> | void) => {
    const run = testCase.skip ? it.skip : testCase.only ? it.only : it;
    run(titleOf(testCase), body);
  };

  describe(rule.meta.id, () => {
    afterAll(removeWorkspaces);

    describe("accept", () => {
      for (const testCase of tests.accept) register(testCase, () => runner.accept(testCase));
    });

    describe("reject", () => {
      for (const testCase of tests.reject) register(testCase, () => runner.reject(testCase));
    });

    if (rule.meta.fixable && dialect.server !== undefined) {
      const server = dialect.server;
      const fixable = tests.reject.filter((testCase) => !testCase.unfixable && testCase.fixed !== undefined);
      describeWithServer(server.name, `${rule.meta.id}: fixed configs pass the real ${server.name}`, () => {
        for (const testCase of fixable) register(testCase, () => runner.fixedPassesServer(testCase));
      });
    }
  });
}

function checkFindings(
  findings: readonly Finding[],
  expected: readonly ExpectedFinding[],
  workspace: CaseWorkspace,
  requireEvidence: boolean,
): void {
  const describeFinding = (finding: Finding) =>
    `${relative(workspace.dir, finding.file)}:${finding.start.line}:${finding.start.column} ${finding.message}`;
  expect(findings.length, `findings:\n${findings.map(describeFinding).join("\n")}`).toBe(expected.length);
  expected.forEach((want, index) => {
    const got = findings[index]!;
    const where = `finding ${index + 1} (${withRelativePaths(describeFinding(got), workspace)})`;
    expect(relative(workspace.dir, got.file), `${where}: file`).toBe(want.file ?? relative(workspace.dir, workspace.main));
    expect([got.start.line, got.start.column], `${where}: line and column`).toEqual([want.line, want.column]);
    if (want.endLine !== undefined) expect(got.end.line, `${where}: endLine`).toBe(want.endLine);
    if (want.endColumn !== undefined) expect(got.end.column, `${where}: endColumn`).toBe(want.endColumn);
    const message = withRelativePaths(got.message, workspace);
    if (want.exactMessage !== undefined) expect(message, `${where}: message`).toBe(want.exactMessage);
    if (want.message !== undefined) expect(textMatches(message, want.message), `${where}: message should contain ${want.message}`).toBe(true);
    if (requireEvidence) expect(got.evidence?.length ?? 0, `${where}: evidence`).toBeGreaterThan(0);
    const evidence = (got.evidence ?? []).map((line) => withRelativePaths(line, workspace));
    for (const wanted of want.evidence ?? []) {
      expect(evidence.some((line) => textMatches(line, wanted)), `${where}: evidence ${wanted} in ${evidence}`).toBe(true);
    }
    if (want.suggestions !== undefined) checkSuggestions(got, want.suggestions, workspace, where);
  });
}

/** Paths in messages as the case names its files: relative to the case directory. */
function withRelativePaths(text: string, workspace: CaseWorkspace): string {
  return text.replaceAll(`${workspace.dir}/`, "");
}

function checkSuggestions(got: Finding, expected: readonly ExpectedSuggestion[], workspace: CaseWorkspace, where: string): void {
  const suggestions = got.suggestions ?? [];
  expect(suggestions.length, `${where}: number of suggestions`).toBe(expected.length);
  expected.forEach((want, index) => {
    const suggestion = suggestions[index]!;
    expect(suggestion.description, `${where}: suggestion ${index + 1}`).toContain(want.description);
    if (want.output === undefined) return;
    const changed: Record<string, string> = {};
    for (const file of new Set(suggestion.fix.map((edit) => edit.file))) {
      const edits = suggestion.fix.filter((edit) => edit.file === file);
      changed[relative(workspace.dir, file)] = applyEdits(workspace.texts.get(file)!, edits);
    }
    expect(changed, `${where}: suggestion ${index + 1} output`).toEqual(want.output);
  });
}

/**
 * The fix gives exactly the expected files; the fixed texts are clean of the rule; fixing them
 * again changes nothing; and the same case written with CRLF line endings is fixed with CRLF.
 */
async function checkFix<Options>(
  workspace: CaseWorkspace,
  testCase: RejectCase<Options>,
  fixCase: (workspace: CaseWorkspace, testCase: TestCase<Options>, texts?: Map<string, string>) => Promise<FixResult>,
): Promise<void> {
  const expected = new Map(workspace.texts);
  expected.set(workspace.main, testCase.fixed!);
  for (const [path, text] of Object.entries(testCase.fixedFiles ?? {})) expected.set(join(workspace.dir, path), text);
  const byRelativePath = (texts: ReadonlyMap<string, string>) =>
    Object.fromEntries([...texts].map(([path, text]) => [relative(workspace.dir, path), text]));

  const result = await fixCase(workspace, testCase);
  expect(byRelativePath(result.texts), "fixed files").toEqual(byRelativePath(expected));
  // Only this rule runs, so anything left is its own finding or a parse error the fix caused.
  expect(result.findings.map((finding) => `${finding.ruleId}: ${finding.message}`), "findings after fixing").toEqual([]);

  const again = await fixCase(workspace, testCase, result.texts);
  expect(again.passes, "a second --fix changes nothing").toBe(0);

  const written = [...workspace.texts.values()];
  if (written.some((text) => text.includes("\r"))) return;
  const crlf = await fixCase(workspace, testCase, new Map([...workspace.texts].map(([path, text]) => [path, toCrlf(text)])));
  const expectedCrlf = new Map([...expected].map(([path, text]) => [path, toCrlf(text)]));
  expect(byRelativePath(crlf.texts), "fixed files, written with CRLF").toEqual(byRelativePath(expectedCrlf));
}
