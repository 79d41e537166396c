import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests are server code; `server-only` guards against client bundles, not against them.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/empty-module.ts"),
    },
  },
  test: {
    include: ["{lib,app,cli,prisma,components}/**/*.test.ts"],
    globalSetup: ["lib/testing/global-setup.ts"],
    setupFiles: ["lib/testing/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A fixed key for source secrets (tests store Plex tokens); the CLI tests' processes inherit it.
    env: {
      NODE_ENV: "test",
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
      ASSET_DESK_SECRET_KEY: "dGVzdC1vbmx5LWtleS1mb3Itc291cmNlLXNlY3JldHM=",
      // Tests assert exact tab counts of small data; a busy machine must not turn them into estimates.
      ASSET_DESK_COUNT_TIMEOUT_MS: "60000",
    },
  },
});
