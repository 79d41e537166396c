import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { CLAIM_TRANSACTION, QUEUED_GRACE_MS, STALE_AFTER_MS } from "@/lib/ingest/run-report";
import { jobTableExists, liveScanJob } from "@/lib/jobs/scan-jobs";
import { log } from "@/lib/log";

// A run that nothing will finish must not hold its source: at most one run of a source is queued or
// running, so a lost one would refuse every later scan and the source's removal for ever. Checked
// under the source row lock wherever that rule is enforced (createRun, claimRun, deleteSource), and
// for every source by each worker every LOST_SWEEP_MS (sweepLostRuns), so that a killed worker's run
// is reported lost within about STALE_AFTER_MS and its source can be scanned again.

export const LOST_RUNNING = "The worker running this scan stopped responding (crashed or was stopped).";
export const LOST_QUEUED =
  "Lost: no worker took this scan (the process that queued it stopped, or its job ended before starting it). Scan again.";

/** How often each worker looks for lost runs of any source. */
export const LOST_SWEEP_MS = 10_000;

/**
 * Marks lost runs failed: running ones whose heartbeat stopped, queued ones no job will run; those of
 * one source, or of every source (null). Times are the database's, so workers' clocks do not matter.
 * Returns the uuids of the runs it marked.
 */
export async function failLostRuns(
  tx: Prisma.TransactionClient,
  sourceId: number | null,
  exceptRunId = 0,
): Promise<string[]> {
  const ofSource = sourceId === null ? Prisma.empty : Prisma.sql`AND r.source_id = ${sourceId}`;
  const running = await tx.$queryRaw<{ uuid: string }[]>`
    UPDATE scan_runs r SET status = 'failed', finished_at = now(), error = ${LOST_RUNNING}
    WHERE r.status = 'running' AND r.heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_MS / 1000}) ${ofSource}
    RETURNING r.uuid::text AS uuid`;
  // Without pg-boss's tables no job exists at all (only the CLI has run scans here).
  const noJob = (await jobTableExists(tx)) ? Prisma.sql`AND NOT ${liveScanJob}` : Prisma.empty;
  const queued = await tx.$queryRaw<{ uuid: string }[]>`
    UPDATE scan_runs r SET status = 'failed', finished_at = now(), error = ${LOST_QUEUED}
    WHERE r.status = 'queued' AND r.id <> ${exceptRunId}
      AND r.queued_at < now() - make_interval(secs => ${QUEUED_GRACE_MS / 1000}) ${ofSource} ${noJob}
    RETURNING r.uuid::text AS uuid`;
  return [...running, ...queued].map((run) => run.uuid);
}

/** One worker's periodic look for lost runs of every source; a failure is logged and retried next time. */
export async function sweepLostRuns(db: Db): Promise<void> {
  try {
    const lost = await db.$transaction((tx) => failLostRuns(tx, null), CLAIM_TRANSACTION);
    if (lost.length) log.warn({ scanRuns: lost }, "scan runs marked lost");
  } catch (error) {
    log.error({ err: error }, "could not look for lost scan runs");
  }
}
