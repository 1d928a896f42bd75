import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "rules/**/*.test.ts", "test/**/*.test.ts"],
    // Reports which real servers are missing and kills any server a crashed worker left behind.
    globalSetup: ["test/servers/global-setup.ts"],
    // Generous for tests that start real servers or run nginx -t over every fixture; a test that
    // needs more is doing too much. The fuzz tests bound each case far below this.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 15_000,
  },
});
