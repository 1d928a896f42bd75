// The nginx semantic model: what rules read instead of the syntax tree.
export { buildNginxModel, type ModelFile, type NginxModel, type NginxNodeKinds } from "./build.js";
export { nginxModelWalk } from "./walk.js";
export {
  Scope,
  describeDrop,
  type DroppedEntry,
  type DroppedHeader,
  type EffectiveDirective,
  type EffectiveHeaders,
  type EffectiveList,
  type HeaderDirectiveName,
  type HeaderSetting,
  type ListEntry,
  type ScopeKind,
} from "./scope.js";
export {
  HttpScope,
  LocationScope,
  RouteScope,
  ServerScope,
  parseListen,
  type InsertionPoint,
  type ListenInfo,
  type RouteKind,
} from "./levels.js";
export type {
  Handler,
  ModuleHandler,
  PassDirectiveName,
  PassHandler,
  ReturnHandler,
  RewriteFlag,
  RewriteHandler,
  StaticHandler,
  TryFilesHandler,
} from "./handler.js";
export type { UpstreamKeepalive, UpstreamModel, UpstreamServer } from "./upstreams.js";
export { isBuiltinVariable, VariableIndex, type MapEntry, type MapModel, type VariableDefinition, type VariableOrigin } from "./variables.js";
export type { WebSocketEvidence, WebSocketEvidenceKind } from "./websocket.js";
export type { WslintComment } from "./comments.js";
export { parseLocationArgs, type LocationMatch, type LocationModifier } from "./location-path.js";
export { describeDirective, describeWhere, variableReferences, type PlacedComment, type PlacedDirective } from "./placed.js";
export { builtinDefault, defaultProxyHeaders, defaultUpstreamKeepalive, HTTP11_PROXY_DEFAULT_SINCE } from "./defaults.js";
export { formatNginxDuration, parseNginxDuration, type DurationPrecision, type DurationResult } from "./duration.js";
export { parseNginxVersion, versionAtLeast, type NginxVersion } from "./version.js";
export { inheritanceOf, type InheritanceKind } from "./inheritance.js";
