#!/usr/bin/env node
// Entry of `npx asset-desk …` and the npm db:* scripts. It runs cli/main.ts with tsx under the
// "react-server" condition, the same module graph the app's server code sees (server-only).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", main, ...process.argv.slice(2)],
  { stdio: "inherit", env: { NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", ...process.env, ASSET_DESK_CLI: "1" } },
);
process.exit(result.status ?? 1);
