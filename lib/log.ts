import pino from "pino";
import { env } from "@/lib/env";
import { requestContext } from "@/lib/request-context";

// One structured logger. Log uuids, never integer ids. The CLI (cli/asset-desk.js sets
// ASSET_DESK_CLI) logs to standard error, warnings and up unless LOG_LEVEL says otherwise, so its
// own output (a summary, `--json`) stays clean on standard output.
const cli = process.env.ASSET_DESK_CLI === "1";

function level() {
  if (env.NODE_ENV === "test" && !process.env.LOG_LEVEL) return "silent";
  if (cli && !process.env.LOG_LEVEL) return "warn";
  return env.LOG_LEVEL;
}

export const log = pino(
  {
    level: level(),
    base: { service: "asset-desk" },
    // The request being served, if any: its id and the user's uuid on every line.
    mixin: () => ({ ...requestContext.getStore() }),
    // Belt and braces: these never belong in a log line, whoever passes them.
    redact: {
      paths: [
        "password",
        "*.password",
        "secret",
        "*.secret",
        "token",
        "*.token",
        "authorization",
        "*.authorization",
        "cookie",
        "*.cookie",
        "headers.cookie",
        "headers.authorization",
      ],
      censor: "[redacted]",
    },
  },
  pino.destination(cli ? 2 : 1),
);
