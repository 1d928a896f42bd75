// The HAProxy semantic model: what rules read instead of the syntax tree.
export { buildHaproxyModel, type HaproxyModel, type HaproxyNodeKinds, type WalkEvent } from "./build.js";
export { haproxyModelWalk } from "./walk.js";
export { SectionModel, insertionText, type SectionInsertionPoint } from "./section.js";
export {
  ProxyModel,
  PROXY_TIMEOUTS,
  type EffectiveTimeout,
  type HeaderAction,
  type HeaderActionSide,
  type HttpConnectionMode,
  type ProxyKind,
  type Route,
  type TimeoutName,
} from "./proxy.js";
export { describeOrigin, type EffectiveSetting, type SettingOrigin } from "./effective.js";
export {
  PREDEFINED_ACLS,
  couldMatch,
  literalPaths,
  matchesConnectionUpgrade,
  matchesUpgradeHeader,
  pathPatternSegments,
  type AclDeclaration,
  type AclTest,
  type AnalyzedCondition,
  type AnalyzedTerm,
  type NamedAcl,
} from "./acl.js";
export type { ServerModel, ServerOption, ServerOptions } from "./servers.js";
export {
  configuredPathMatches,
  routePaths,
  testsReaching,
  type ReachingTest,
  type RoutePath,
  type WebSocketEvidence,
  type WebSocketEvidenceKind,
} from "./websocket.js";
export { tunnelTimeouts, tunnelTimeoutsOf, type TunnelTimeouts } from "./tunnel.js";
export type { SectionAnnotation } from "./comments.js";
export { evaluateTest, ReachIndex, type Reach } from "./conditional.js";
export { describeStatement, describeWhere, type PlacedComment, type PlacedStatement } from "./placed.js";
export { formatHaproxyDuration, parseHaproxyDuration, MAX_HAPROXY_TIMER_MS, type HaproxyDurationResult } from "./duration.js";
export { DEFAULT_HAPROXY_VERSION, parseHaproxyVersion, targetAtLeast, versionAtLeast, type HaproxyVersion } from "./version.js";
