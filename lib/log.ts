import pino from "pino";
import { env } from "@/lib/env";

// One structured logger. Log uuids, never integer ids.
export const log = pino({
  level: env.NODE_ENV === "test" && !process.env.LOG_LEVEL ? "silent" : env.LOG_LEVEL,
  base: { service: "asset-desk" },
});
