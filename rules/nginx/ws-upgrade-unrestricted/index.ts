// nginx/ws-upgrade-unrestricted: `proxy_set_header Upgrade $http_upgrade` passes on whatever
// protocol the client asks for, h2c included, not only WebSocket.
import type { NginxDirective } from "../../../src/nginx/ast.js";
import type { Rule } from "../../../src/engine/rule.js";
import type { NginxNodeKinds } from "../../../src/nginx/model/index.js";
import { describeDirective, variableReferences } from "../../../src/nginx/model/index.js";
import { replaceArgument } from "../_shared/edits.js";
import { insertMapBlock } from "../_shared/headers.js";
import { evidenceOf, httpOf, isProxiedWebSocketRoute, reportOnce } from "../_shared/routes.js";
import { definitionsOf } from "../_shared/variables.js";

const RESTRICTED_VARIABLE = "websocket_upgrade";

/** Forwards the client's Upgrade header when it asks for WebSocket (map keys ignore case), nothing otherwise. */
const RESTRICTING_MAP: readonly (readonly [number, string])[] = [
  [0, `map $http_upgrade $${RESTRICTED_VARIABLE} {`],
  [1, 'default "";'],
  [1, "websocket $http_upgrade;"],
  [0, "}"],
];

export const wsUpgradeUnrestricted: Rule<NginxNodeKinds> = {
  meta: {
    id: "nginx/ws-upgrade-unrestricted",
    description: "Forwarding Upgrade as $http_upgrade lets h2c upgrades through to the backend; forward only websocket.",
    defaultSeverity: "off",
    fixable: false,
    hasSuggestions: true,
    docs: "rules/nginx/ws-upgrade-unrestricted/README.md",
  },
  create(context) {
    const report = reportOnce(context.report);
    const reported = new Set<NginxDirective>();
    return {
      location(location) {
        if (!isProxiedWebSocketRoute(location)) return;
        const upgrade = location.effectiveHeaders().get("Upgrade");
        const directive = upgrade?.directive ?? null;
        if (directive === null || reported.has(directive.node)) return;
        if (!variableReferences(upgrade!.value).includes("http_upgrade")) return;
        reported.add(directive.node);
        const http = httpOf(location);
        const map = definitionsOf(http.variables, RESTRICTED_VARIABLE).length === 0 ? insertMapBlock(http, RESTRICTING_MAP) : null;
        const replace = replaceArgument(directive, 1, `$${RESTRICTED_VARIABLE}`);
        const mapText = RESTRICTING_MAP.map(([, line]) => line).join(" ");
        report({
          message: `"${describeDirective(directive)}" passes on any protocol the client asks for, h2c included: a client can switch the backend connection to cleartext HTTP/2 and send requests nginx never checks (request smuggling past its access rules). Forward only websocket: ${mapText}, and "proxy_set_header Upgrade $${RESTRICTED_VARIABLE};".`,
          evidence: evidenceOf(location),
          file: directive.file.source.path,
          span: directive.node,
          ...(map === null || replace === null
            ? {}
            : { suggestions: [{ description: `Forward the Upgrade header only for websocket, through a map to $${RESTRICTED_VARIABLE}`, fix: [map, replace] }] }),
        });
      },
    };
  },
};
