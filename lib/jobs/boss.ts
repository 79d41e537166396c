import "server-only";
import pg from "pg";
import PgBoss from "pg-boss";
import { getJobDatabase } from "@/lib/db";
import {
  JOB_SCHEMA,
  PROBE_QUEUE,
  QC_QUEUE,
  RETENTION_QUEUE,
  SCAN_QUEUE,
  SCHEDULE_QUEUE,
  THUMBNAIL_QUEUE,
} from "@/lib/jobs/scan-jobs";
import { log } from "@/lib/log";

// The process's one pg-boss instance and the queues it creates: scan runs (lib/jobs/queue.ts), the
// scheduler's tick (lib/jobs/scheduled-scans.ts), the daily trash retention (lib/assets/retention.ts)
// and thumbnails (lib/thumbnails/jobs.ts). Apart from both, so that ingest can queue thumbnails without
// importing the scan queue that imports ingest.

/** A run longer than this is given up by the queue (its heartbeat says whether it is still alive). */
const SCAN_EXPIRY_HOURS = 23;

const holder = globalThis as unknown as { assetDeskJobs?: Promise<PgBoss>; assetDeskWorkerAbort?: AbortController };

async function open(): Promise<PgBoss> {
  const database = await getJobDatabase();
  const boss =
    database.kind === "postgres"
      ? new PgBoss({
          connectionString: database.connectionString,
          schema: JOB_SCHEMA,
          max: 3,
          application_name: "asset-desk-jobs",
        })
      : new PgBoss({ db: { executeSql: database.executeSql }, schema: JOB_SCHEMA });
  boss.on("error", (error) => log.error({ err: error }, "job queue error"));
  await boss.start();
  if (database.kind === "postgres") await inTurn(database.connectionString, () => createQueues(boss));
  else await createQueues(boss);
  return boss;
}

/**
 * Creating a queue attaches a partition to pg-boss's job table, and pg-boss 10 does not serialize
 * it: two processes starting at once (two workers, an app and a worker) deadlock there. They take
 * turns under an advisory lock, held by a connection of its own; closing it releases the lock.
 */
async function inTurn(connectionString: string, work: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString, application_name: "asset-desk-jobs" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('asset-desk.pgboss.create-queues'))");
    await work();
  } finally {
    await client.end();
  }
}

async function createQueues(boss: PgBoss): Promise<void> {
  if (!(await boss.getQueue(SCAN_QUEUE))) {
    await boss.createQueue(SCAN_QUEUE, {
      name: SCAN_QUEUE,
      policy: "standard",
      retryLimit: 0,
      expireInHours: SCAN_EXPIRY_HOURS,
    });
  }
  if (!(await boss.getQueue(THUMBNAIL_QUEUE))) {
    // "short": at most one queued (created) job per singleton key, the asset's uuid; asking again
    // while one waits adds nothing. A job being worked does not block a new one (the file may have
    // changed meanwhile). One retry: ffmpeg failing twice on a file is the file's problem.
    await boss.createQueue(THUMBNAIL_QUEUE, {
      name: THUMBNAIL_QUEUE,
      policy: "short",
      retryLimit: 1,
      retryDelay: 30,
      expireInSeconds: 15 * 60,
      retentionMinutes: 60,
    });
  }
  if (!(await boss.getQueue(SCHEDULE_QUEUE))) {
    // "singleton": one tick worked at a time across every worker; a tick that finds nothing due is cheap.
    await boss.createQueue(SCHEDULE_QUEUE, {
      name: SCHEDULE_QUEUE,
      policy: "singleton",
      retryLimit: 0,
      expireInSeconds: 5 * 60,
      retentionMinutes: 60,
    });
  }
  // pg-boss's cron sends the tick once a minute whichever instances are up (stored, so an upsert).
  await boss.schedule(SCHEDULE_QUEUE, "* * * * *");
  if (!(await boss.getQueue(RETENTION_QUEUE))) {
    await boss.createQueue(RETENTION_QUEUE, {
      name: RETENTION_QUEUE,
      policy: "singleton",
      retryLimit: 2,
      retryDelay: 600,
      expireInHours: 2,
      retentionMinutes: 7 * 24 * 60,
    });
  }
  // Daily at 03:30 UTC; the job does nothing while retention is off.
  await boss.schedule(RETENTION_QUEUE, "30 3 * * *");
  if (!(await boss.getQueue(PROBE_QUEUE))) {
    // One job per probe run; the run's cursor, not the queue, makes it resumable (a retry goes on from there).
    await boss.createQueue(PROBE_QUEUE, {
      name: PROBE_QUEUE,
      policy: "standard",
      retryLimit: 2,
      retryDelay: 30,
      expireInHours: 23,
    });
  }
  if (!(await boss.getQueue(QC_QUEUE))) {
    // As thumbnails: one waiting job per asset. A QC decodes the whole file, so an hour of 1080p
    // may take many minutes on a busy worker.
    await boss.createQueue(QC_QUEUE, {
      name: QC_QUEUE,
      policy: "short",
      retryLimit: 1,
      retryDelay: 30,
      expireInSeconds: 3 * 60 * 60,
      retentionMinutes: 24 * 60,
    });
  }
  // Versions before the "scan-run" queue used "scan"; nothing works it any more, and a run its jobs
  // named is recovered as lost (lib/ingest/lost-runs.ts), so the queue and its jobs are dropped.
  if (await boss.getQueue(RETIRED_SCAN_QUEUE)) await boss.deleteQueue(RETIRED_SCAN_QUEUE);
}

const RETIRED_SCAN_QUEUE = "scan";

export function jobs(): Promise<PgBoss> {
  holder.assetDeskJobs ??= open().catch((error: unknown) => {
    holder.assetDeskJobs = undefined;
    throw error;
  });
  return holder.assetDeskJobs;
}

/** The signal a running job is asked to stop with (stopJobs); a new one for each started worker. */
export function workerAbort(): AbortController {
  holder.assetDeskWorkerAbort = new AbortController();
  return holder.assetDeskWorkerAbort;
}

/** Stops fetching jobs; running jobs are asked to stop. */
export async function closeJobs(): Promise<void> {
  const current = holder.assetDeskJobs;
  holder.assetDeskJobs = undefined;
  holder.assetDeskWorkerAbort?.abort();
  if (current) await (await current).stop({ graceful: true, wait: true, timeout: 15_000 });
}
