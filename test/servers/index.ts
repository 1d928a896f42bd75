// The real-server test harness. See README.md in this folder.
export { findServer, serversRequired, type ServerName } from "./binaries.js";
export { describeWithHaproxy, describeWithNginx, describeWithServer } from "./describe-with-server.js";
export { CHECK_CONCURRENCY, mapWithConcurrency } from "./commands.js";
export { haproxyCheck, isHaproxySyntaxError, startHaproxy } from "./haproxy.js";
export { isNginxSyntaxError, nginxTest, startNginx, type NginxContext, type NginxTestResult } from "./nginx.js";
export type { ConfigForPort, ConfigInput, RunningServer, ServerCheckResult, ServerError } from "./server-api.js";
export { freePort } from "./server-process.js";
