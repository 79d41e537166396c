import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

// Where scan jobs live in pg-boss's own tables, so the runs module can ask whether a queued run
// still has a job that will execute it (queue.ts imports the runs module, so this sits apart).

export const JOB_SCHEMA = "pgboss";

/**
 * pg-boss queue of scan jobs, one job per run. Its policy is "standard": the one-run-per-source rule
 * is kept by scan_runs under the source row lock (createRun, claimRun), not by the queue. The earlier
 * queue "scan" used the "stately" policy, whose slot could hold a rescan back (see queue.ts).
 */
export const SCAN_QUEUE = "scan-run";

/**
 * pg-boss queue the scheduler ticks once a minute (pg-boss's cron); the tick starts the scans of
 * sources whose next scheduled time has come (lib/jobs/scheduled-scans.ts).
 */
export const SCHEDULE_QUEUE = "scan-schedule";

/** pg-boss queue of the daily trash retention purge (lib/assets/retention.ts), sent by pg-boss's cron. */
export const RETENTION_QUEUE = "trash-retention";

/** pg-boss queue of thumbnail jobs, one per asset (lib/thumbnails/jobs.ts). */
export const THUMBNAIL_QUEUE = "thumbnails";

/** pg-boss queue of probe runs: a bulk "probe again" or the full-probe backfill (lib/assets/probe-runs.ts). */
export const PROBE_QUEUE = "probe-run";

/** pg-boss queue of QC jobs, one per asset (lib/qc/jobs.ts). */
export const QC_QUEUE = "qc";

/** Whether pg-boss has created its tables in this database yet (it does when a queue first opens). */
export async function jobTableExists(tx: Prisma.TransactionClient): Promise<boolean> {
  const [row] = await tx.$queryRaw<
    { present: boolean }[]
  >`SELECT to_regclass(${`${JOB_SCHEMA}.job`}) IS NOT NULL AS present`;
  return row?.present ?? false;
}

/** SQL: the scan run `r` has a job pg-boss will still run or is running (created, retry, active). */
export const liveScanJob = Prisma.sql`EXISTS (
  SELECT 1 FROM ${Prisma.raw(`${JOB_SCHEMA}.job`)} j
  WHERE j.name = ${SCAN_QUEUE} AND j.data->>'runUuid' = r.uuid::text AND j.state IN ('created', 'retry', 'active'))`;
