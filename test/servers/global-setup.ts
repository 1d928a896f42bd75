// vitest global setup: announces missing servers once, loudly (and fails the run when CI requires
// them), and owns the scratch root in which every server of the run lives, so that its teardown
// can kill whatever a crashed test worker left running.
import { missingServerBanner, missingServers, serversRequired } from "./binaries.js";
import { makeScratchRoot, SCRATCH_ROOT_VARIABLE, sweepScratchRoot } from "./scratch.js";

export default function setup(): () => void {
  const missing = missingServers();
  if (missing.length > 0) {
    console.warn(`\n${missingServerBanner(missing)}\n`);
    if (serversRequired()) throw new Error(`WSLINT_REQUIRE_SERVERS=1 and ${missing.join(", ")} not installed`);
  }
  const root = makeScratchRoot();
  // Test workers are started after this and inherit the variable.
  process.env[SCRATCH_ROOT_VARIABLE] = root;
  return () => {
    const leaked = sweepScratchRoot(root);
    if (leaked.length > 0) {
      console.warn(`wslint test harness: killed ${leaked.length} server(s) a test left running:\n  ${leaked.join("\n  ")}`);
    }
  };
}
