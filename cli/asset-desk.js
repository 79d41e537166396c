#!/usr/bin/env node
// Entry of `npx asset-desk …` and the npm db:* scripts. It runs cli/main.ts with tsx under the
// "react-server" condition, the same module graph the app's server code sees (server-only).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// A secret on the command line is readable by every user of the machine (ps, /proc), and would be
// passed on to the process below: refuse it here, before anything else runs or is spawned.
const secretFlag = process.argv.slice(2).find((arg) => /^--(token|api-key)(=|$)/.test(arg));
if (secretFlag) {
  const flag = secretFlag.split("=")[0];
  const [variable, kind] =
    flag === "--token" ? ["ASSET_DESK_PLEX_TOKEN", "plex"] : ["ASSET_DESK_JELLYFIN_API_KEY", "jellyfin"];
  console.error(
    `asset-desk: ${flag} is refused: a secret on the command line can be read by every user of this machine.\n` +
      `Pass it in ${variable}, or on standard input (typed at a prompt, or piped):\n` +
      `  ${variable}=… npx asset-desk import ${kind} --url URL\n` +
      `  npx asset-desk import ${kind} --url URL < file-holding-the-secret`,
  );
  process.exit(1);
}

const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", main, ...process.argv.slice(2)],
  {
    stdio: "inherit",
    env: { NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", ...process.env, ASSET_DESK_CLI: "1" },
  },
);
process.exit(result.status ?? 1);
