// One walk over a dialect's model per linted file, calling every enabled rule's handlers.
import { InternalError } from "./errors.js";
import type { Finding, Severity } from "./finding.js";
import { mergeFixEdits } from "./fix.js";
import type { LintSettings, NodeKinds, Rule, RuleContext, RuleReport } from "./rule.js";

/** What a dialect's walker calls for every node, in document order. */
export interface WalkVisitor<Kinds extends NodeKinds> {
  /**
   * The kinds some rule handles, entering or leaving. A walk may skip the nodes of other kinds
   * (most nodes of a large configuration are of a kind no rule asks for); calling for them is
   * harmless. Absent: every kind.
   */
  readonly kinds?: ReadonlySet<keyof Kinds & string>;
  enter<K extends keyof Kinds & string>(kind: K, node: Kinds[K]): void;
  exit<K extends keyof Kinds & string>(kind: K, node: Kinds[K]): void;
}

/** A dialect's walk over one model, written by the dialect (src/nginx/model*, src/haproxy/model*). */
export type Walk<Kinds extends NodeKinds> = (visitor: WalkVisitor<Kinds>) => void;

export interface EnabledRule<Kinds extends NodeKinds> {
  rule: Rule<Kinds, unknown>;
  severity: Severity;
  /** The rule's defaults overlaid with the user's options (see src/config). */
  options: unknown;
}

export interface RunRulesInput<Kinds extends NodeKinds> {
  rules: readonly EnabledRule<Kinds>[];
  settings: LintSettings;
  /** Text of every file of the model: the linted file and the files it includes. */
  texts: ReadonlyMap<string, string>;
  walk: Walk<Kinds>;
}

type Handler = (node: unknown) => void;

type KindHandlers = Map<string, { ruleId: string; handler: Handler }[]>;

const EXIT_SUFFIX = ":exit";

function crashed(ruleId: string, doing: string, error: unknown): InternalError {
  if (error instanceof InternalError) {
    return error.ruleId === null ? new InternalError(error.message, ruleId, { cause: error }) : error;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new InternalError(`crashed while ${doing}: ${reason}`, ruleId, { cause: error });
}

export function runRules<Kinds extends NodeKinds>(input: RunRulesInput<Kinds>): Finding[] {
  const findings: Finding[] = [];
  // By node kind, one map for entering and one for leaving: the walk calls them for every node.
  const enterHandlers: KindHandlers = new Map();
  const exitHandlers: KindHandlers = new Map();
  const textOf = (file: string): string => {
    const text = input.texts.get(file);
    if (text === undefined) throw new InternalError(`${file} is not part of this lint run`);
    return text;
  };

  for (const { rule, severity, options } of input.rules) {
    const { meta } = rule;
    const report = (reported: RuleReport): void => {
      if (reported.fix !== undefined && !meta.fixable) {
        throw new InternalError("reported a fix but its meta.fixable is false", meta.id);
      }
      if (reported.suggestions !== undefined && !meta.hasSuggestions) {
        throw new InternalError("reported suggestions but its meta.hasSuggestions is not set", meta.id);
      }
      findings.push(toFinding(meta.id, severity, reported, textOf));
    };
    const context: RuleContext<unknown> = {
      ruleId: meta.id,
      options,
      settings: input.settings,
      sourceText: textOf,
      report,
    };
    let handlers: Record<string, Handler | undefined>;
    try {
      handlers = rule.create(context) as Record<string, Handler | undefined>;
    } catch (error) {
      throw crashed(meta.id, "starting", error);
    }
    for (const [event, handler] of Object.entries(handlers)) {
      if (handler === undefined) continue;
      const exit = event.endsWith(EXIT_SUFFIX);
      const byKind = exit ? exitHandlers : enterHandlers;
      const kind = exit ? event.slice(0, -EXIT_SUFFIX.length) : event;
      const list = byKind.get(kind) ?? [];
      list.push({ ruleId: meta.id, handler });
      byKind.set(kind, list);
    }
  }

  const dispatch = (byKind: KindHandlers, kind: string, node: unknown): void => {
    const handlers = byKind.get(kind);
    if (handlers === undefined) return;
    for (const { ruleId, handler } of handlers) {
      try {
        handler(node);
      } catch (error) {
        throw crashed(ruleId, `visiting ${byKind === exitHandlers ? kind + EXIT_SUFFIX : kind}`, error);
      }
    }
  };
  input.walk({
    kinds: new Set([...enterHandlers.keys(), ...exitHandlers.keys()]) as Set<keyof Kinds & string>,
    enter: (kind, node) => dispatch(enterHandlers, kind, node),
    exit: (kind, node) => dispatch(exitHandlers, kind, node),
  });
  return findings;
}

function toFinding(ruleId: string, severity: Severity, report: RuleReport, textOf: (file: string) => string): Finding {
  const finding: Finding = {
    ruleId,
    severity,
    message: report.message,
    file: report.file,
    start: report.span.start,
    end: report.span.end,
  };
  if (report.fix !== undefined) finding.fix = mergeFixEdits(report.fix, textOf, ruleId);
  if (report.suggestions !== undefined) {
    finding.suggestions = report.suggestions.map((suggestion) => ({
      description: suggestion.description,
      fix: mergeFixEdits(suggestion.fix, textOf, ruleId),
    }));
  }
  if (report.evidence !== undefined) finding.evidence = report.evidence;
  if (report.related !== undefined) finding.related = report.related;
  return finding;
}
