// haproxy/ws-timeout-tunnel: once a server answers 101, HAProxy treats the WebSocket as a tunnel
// and ends it after `timeout tunnel` of silence, or, without one, after the shorter of `timeout
// client` and `timeout server`, which are sized for HTTP requests, not for idle sockets.
import type { TextEdit } from "../../../src/engine/finding.js";
import type { Rule } from "../../../src/engine/rule.js";
import type { EffectiveTimeout, HaproxyNodeKinds, ProxyModel } from "../../../src/haproxy/model/index.js";
import {
  describeWhere,
  formatHaproxyDuration,
  insertionText,
  parseHaproxyDuration,
  tunnelTimeoutsOf,
} from "../../../src/haproxy/model/index.js";
import { evidenceOf, wordsSpan } from "../_shared/proxies.js";

export interface WsTimeoutTunnelOptions {
  /** Idle timeouts below this are reported. */
  minimum: string;
  /** What the fix writes. */
  recommended: string;
}

function milliseconds(text: string): number {
  const parsed = parseHaproxyDuration(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.milliseconds;
}

/**
 * What ends an idle tunnel of the backend when it has no tunnel timeout: the shortest of the
 * client and server timeouts over the routes that lead to it (the server timeout alone when none
 * does); null when nothing does.
 */
function idleTimeoutWithoutTunnel(backend: ProxyModel): EffectiveTimeout | null {
  const candidates =
    backend.routesIn.length > 0
      ? tunnelTimeoutsOf(backend).map((timeouts) => timeouts.idle)
      : [backend.effectiveTimeout("server")].filter((timeout) => timeout.isSet);
  let shortest: EffectiveTimeout | null = null;
  for (const candidate of candidates) {
    if (candidate !== null && (shortest === null || candidate.value! < shortest.value!)) shortest = candidate;
  }
  return shortest;
}

function cut(idle: EffectiveTimeout): string {
  return `idle WebSocket connections are closed after ${formatHaproxyDuration(idle.value!)} (${idle.describe()})`;
}

export const wsTimeoutTunnel: Rule<HaproxyNodeKinds, WsTimeoutTunnelOptions> = {
  meta: {
    id: "haproxy/ws-timeout-tunnel",
    description: "Backends that carry WebSocket traffic need a timeout tunnel long enough for idle connections.",
    defaultSeverity: "warning",
    fixable: true,
    docs: "rules/haproxy/ws-timeout-tunnel/README.md",
    options: {
      schema: (z) => {
        const duration = z
          .string()
          .refine(
            (text) => {
              const parsed = parseHaproxyDuration(text);
              return parsed.ok && parsed.ignoredSuffix === null;
            },
            { message: 'expected an HAProxy time such as "61s", "1h" or "90000" (milliseconds)' },
          );
        return z.strictObject({ minimum: duration, recommended: duration }).partial();
      },
      defaults: { minimum: "61s", recommended: "1h" },
    },
  },
  create(context) {
    const minimum = milliseconds(context.options.minimum);
    // A recommendation below the minimum would be reported again after fixing.
    const wanted = formatHaproxyDuration(Math.max(milliseconds(context.options.recommended), minimum));
    const wantedLine = `timeout tunnel ${wanted}`;

    const insertInto = (backend: ProxyModel): TextEdit => {
      const point = backend.insertionPoint();
      return { file: point.file, range: [point.offset, point.offset], text: insertionText(point, [wantedLine]) };
    };

    return {
      proxy(backend) {
        if ((backend.kind !== "backend" && backend.kind !== "listen") || !backend.isWebSocketRoute) return;
        const tunnel = backend.effectiveTimeout("tunnel");
        // A value HAProxy cannot read is a configuration error HAProxy reports itself.
        if (tunnel.error !== null) return;
        const statement = tunnel.statement;
        const own = statement !== null && tunnel.section === backend;
        const written = statement === null ? "" : `"timeout tunnel ${statement.args[0]}"`;
        const inheritedFrom = statement === null ? "" : `${tunnel.section!.label()} at ${describeWhere(statement)}`;

        let problem: string;
        if (tunnel.isSet) {
          if (tunnel.value! >= minimum) return;
          problem = `${own ? written : `inherits ${written} from ${inheritedFrom}, which`} closes idle WebSocket connections after ${formatHaproxyDuration(tunnel.value!)}, below the ${context.options.minimum} minimum, cutting off clients that do not send something more often`;
        } else {
          const idle = idleTimeoutWithoutTunnel(backend);
          // Nothing ends an idle tunnel: a tunnel timeout would only add a limit.
          if (idle === null || idle.value! >= minimum) return;
          const why = `once the server answers 101, ${cut(idle)}`;
          problem =
            statement === null
              ? `has no "timeout tunnel": ${why}`
              : `${own ? written : `inherits ${written} from ${inheritedFrom}, which`} turns the tunnel timeout off: ${why}`;
        }

        const subject = `${backend.label()} carries WebSocket traffic but`;
        if (own) {
          const value = statement.node.args[0]!;
          context.report({
            message: `${subject} ${problem}. Write "${wantedLine}".`,
            evidence: evidenceOf(backend),
            file: statement.file.source.path,
            span: wordsSpan(statement.node),
            fix: [{ file: statement.file.source.path, range: [value.start.offset, value.end.offset], text: wanted }],
          });
          return;
        }
        context.report({
          message: `${subject} ${problem}. Add "${wantedLine}" to the ${backend.kind}.`,
          evidence: evidenceOf(backend),
          file: backend.file.source.path,
          span: wordsSpan(backend.header),
          fix: [insertInto(backend)],
        });
      },
    };
  },
};
