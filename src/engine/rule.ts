// The contract every rule implements, for either dialect. A rule is `meta` (what it is, how it is
// configured) plus `create(context)`, which returns handlers keyed by the node kinds of its
// dialect's model; the engine walks each model once and calls every enabled rule's handlers.
import type * as zod from "zod";
import type { Span } from "../syntax/source.js";
import type { Fix, RelatedLocation, Severity, Suggestion } from "./finding.js";

export type ConfiguredSeverity = Severity | "off";

/**
 * A rule's options. The schema is built on demand from the zod module handed in, so that a run
 * without a config file (or without options for this rule) never loads zod.
 */
export interface RuleOptionsSpec<Options> {
  /** Validates what a user writes in `rules[id][1]`; missing keys are filled from `defaults`. */
  schema: (z: typeof zod) => zod.ZodType<Partial<Options>>;
  defaults: Options;
}

export interface RuleMeta<Options = undefined> {
  /** Dialect-prefixed: `nginx/ws-upgrade-header`, `haproxy/ws-timeout-tunnel`. */
  id: string;
  /** One sentence, shown by formatters (SARIF shortDescription) and `wslint rules`. */
  description: string;
  defaultSeverity: ConfiguredSeverity;
  /** Reporting a `fix` from a rule that is not fixable is a bug: the engine throws. */
  fixable: boolean;
  /** Same for `suggestions`. */
  hasSuggestions?: boolean;
  /** URL or repository path of the README beside the rule. */
  docs: string;
  options?: RuleOptionsSpec<Options>;
}

/** wslint.config.json and CLI settings every rule may read. */
export interface LintSettings {
  nginx: {
    /**
     * "1.25.3"; null when unknown. Unknown is taken as older than 1.29.7 (HTTP/1.0 and
     * `Connection: close` to upstreams), which most deployed nginx still are.
     */
    version: string | null;
    /** The `--prefix` nginx resolves relative includes against. */
    prefix: string | null;
    /** Include path prefix → local directory, for configs copied out of their server. */
    includeMap: Readonly<Record<string, string>>;
    /** Whether a fragment named on the command line is linted in the nginx.conf found including it. */
    findMainFile: boolean;
  };
  haproxy: {
    /** "2.6"; null when unknown, then rules assume 2.4. */
    version: string | null;
    /** Whether a file without `global` named on the command line, or a directory of them found, is linted after the haproxy.cfg found above it. */
    findMainFile: boolean;
  };
  websocket: {
    /** Path prefixes or globs of routes to treat as WebSocket routes. */
    paths: readonly string[];
    /** Upstream / backend names to treat as WebSocket backends. */
    backends: readonly string[];
  };
}

export const DEFAULT_SETTINGS: LintSettings = {
  nginx: { version: null, prefix: null, includeMap: {}, findMainFile: true },
  haproxy: { version: null, findMainFile: true },
  websocket: { paths: [], backends: [] },
};

export interface RuleReport {
  message: string;
  /** The file the span is in: a model spans the linted file and everything it includes. */
  file: string;
  span: Span;
  /** Edits for --fix; `file` of an edit may differ from the report's. */
  fix?: Fix;
  suggestions?: Suggestion[];
  /** Why the route was judged a WebSocket route, one reason each. */
  evidence?: string[];
  related?: RelatedLocation[];
}

export interface RuleContext<Options = undefined> {
  readonly ruleId: string;
  /** The rule's defaults overlaid with the user's options. */
  readonly options: Options;
  readonly settings: LintSettings;
  /** Source text of any file of this lint run, for computing edits (indentation, line ending). */
  sourceText(file: string): string;
  report(report: RuleReport): void;
}

/** The node kinds a dialect's walker emits, mapped to the type of node it passes for each. */
export type NodeKinds = object;

/** `kind` handlers run when the walk enters a node, `kind:exit` handlers when it leaves it. */
export type RuleHandlers<Kinds extends NodeKinds> = {
  [K in keyof Kinds & string]?: (node: Kinds[K]) => void;
} & {
  [K in keyof Kinds & string as `${K}:exit`]?: (node: Kinds[K]) => void;
};

export interface Rule<Kinds extends NodeKinds, Options = undefined> {
  meta: RuleMeta<Options>;
  create(context: RuleContext<Options>): RuleHandlers<Kinds>;
}
