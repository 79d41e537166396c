import pino from "pino";
import { env } from "@/lib/env";

// One structured logger. Log uuids, never integer ids. The CLI (cli/asset-desk.js sets
// ASSET_DESK_CLI) logs to standard error, warnings and up unless LOG_LEVEL says otherwise, so its
// own output (a summary, `--json`) stays clean on standard output.
const cli = process.env.ASSET_DESK_CLI === "1";

function level() {
  if (env.NODE_ENV === "test" && !process.env.LOG_LEVEL) return "silent";
  if (cli && !process.env.LOG_LEVEL) return "warn";
  return env.LOG_LEVEL;
}

export const log = pino({ level: level(), base: { service: "asset-desk" } }, pino.destination(cli ? 2 : 1));
