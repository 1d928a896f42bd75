// The nginx rules, in the order the CLI lists them.
import type { Rule } from "../../src/engine/rule.js";
import type { NginxNodeKinds } from "../../src/nginx/model/index.js";
import { proxyHeaderInheritance } from "./proxy-header-inheritance/index.js";
import { wsConnectionHeader } from "./ws-connection-header/index.js";
import { wsConnectionMap } from "./ws-connection-map/index.js";
import { wsHttpVersion } from "./ws-http-version/index.js";
import { wsNonUpgradableHandler } from "./ws-non-upgradable-handler/index.js";
import { wsReadTimeout } from "./ws-read-timeout/index.js";
import { wsUpgradeHeader } from "./ws-upgrade-header/index.js";
import { wsUpgradeUnrestricted } from "./ws-upgrade-unrestricted/index.js";

export const nginxRules: readonly Rule<NginxNodeKinds, unknown>[] = [
  wsHttpVersion,
  wsUpgradeHeader,
  wsConnectionHeader,
  wsConnectionMap,
  proxyHeaderInheritance,
  wsReadTimeout,
  wsNonUpgradableHandler,
  wsUpgradeUnrestricted,
];
