import "server-only";
import { getDatabaseKind } from "@/lib/db";
import { env } from "@/lib/env";
import { startWorker } from "@/lib/jobs/queue";
import { log } from "@/lib/log";

/**
 * Started with the server (instrumentation.ts): the app works scan jobs itself unless
 * ASSET_DESK_WORKER=off hands them to `asset-desk worker` processes. The embedded database can only
 * be opened by one process, so there the app always works them.
 */
export async function startInlineWorker(): Promise<void> {
  try {
    if (env.ASSET_DESK_WORKER === "off" && (await getDatabaseKind()) === "postgres") return;
    await startWorker();
  } catch (error) {
    // The desk still serves; scans stay queued until a worker runs.
    log.error({ err: error }, "could not start the scan worker");
  }
}
