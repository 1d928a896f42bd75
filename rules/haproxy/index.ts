// The HAProxy rules, in the order `wslint rules` lists them. rules/index.ts imports this list
// only when an HAProxy file is linted.
import type { Rule } from "../../src/engine/rule.js";
import type { HaproxyNodeKinds } from "../../src/haproxy/model/index.js";
import { wsAclCase } from "./ws-acl-case/index.js";
import { wsH2Backend } from "./ws-h2-backend/index.js";
import { wsHeaderStripping } from "./ws-header-stripping/index.js";
import { wsTimeoutMisplaced } from "./ws-timeout-misplaced/index.js";
import { wsTimeoutTunnel } from "./ws-timeout-tunnel/index.js";

// Each rule reads its own options type; the engine hands every rule the options its schema accepted.
type AnyHaproxyRule = Rule<HaproxyNodeKinds, unknown>;

export const haproxyRules: readonly AnyHaproxyRule[] = [wsTimeoutTunnel as AnyHaproxyRule, wsTimeoutMisplaced, wsHeaderStripping, wsAclCase, wsH2Backend];
