import "server-only";
import type { AuditActor } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { LOST_SWEEP_MS, sweepLostRuns } from "@/lib/ingest/lost-runs";
import { createRun, executeRun, WORKER, type RunTrigger } from "@/lib/ingest/runs";
import { closeJobs, jobs, workerAbort } from "@/lib/jobs/boss";
import { purgeExpiredTrash } from "@/lib/assets/retention";
import { workProbeRun } from "@/lib/assets/probe-runs";
import { PROBE_QUEUE, RETENTION_QUEUE, SCAN_QUEUE, SCHEDULE_QUEUE } from "@/lib/jobs/scan-jobs";
import { runScheduledScans } from "@/lib/jobs/scheduled-scans";
import { log } from "@/lib/log";
import { QC_QUEUE, workQcJob, type QcJob } from "@/lib/qc/jobs";
import { THUMBNAIL_QUEUE, workThumbnailJob, type ThumbnailJob } from "@/lib/thumbnails/jobs";

// Scans run as jobs on pg-boss, a PostgreSQL job queue: the desk's request only queues the run, and
// any worker (inside the app, or `asset-desk worker` processes on other machines) picks it up.
// One job per run, on a queue with the "standard" policy. At most one run per source is queued or
// running, but scan_runs keeps that rule (createRun and claimRun, under the source row lock), not
// the queue. The "stately" policy used before (one queued and one active job per source key) made a
// rescan wait: pg-boss marks a job completed only after the handler has returned (and without
// waiting for it), so for a moment the finished run reads "succeeded" while its job is still
// active; a rescan queued then cannot be made active (a unique index on name, state and key), the
// fetch fails on that unique violation, which pg-boss swallows, and the worker sleeps a polling
// interval. Fetching takes the oldest job first, so that one blocked job also held back every other
// source's scan; and a job left active by a worker that died kept the slot until it expired (23 h).
// On the embedded database the queue lives in the same PGlite instance, worked by the app itself.

interface ScanJob {
  runUuid: string;
}

/** Queues a scan of the source and returns at once with the run's uuid. */
export async function startScan(actor: AuditActor, sourceUuid: string, trigger: RunTrigger): Promise<{ uuid: string }> {
  const db = await getDb();
  const run = await createRun(db, actor, sourceUuid, trigger);
  // A run the queue did not take must not stay "queued": that would refuse every later scan of the source.
  const giveUp = (error: string) =>
    db.scanRun.update({ where: { uuid: run.uuid }, data: { status: "failed", finishedAt: new Date(), error } });
  let jobId: string | null;
  try {
    jobId = await (await jobs()).send(SCAN_QUEUE, { runUuid: run.uuid } satisfies ScanJob);
  } catch (error) {
    await giveUp("The job queue could not take the scan; try again.");
    throw error;
  }
  if (!jobId) {
    await giveUp("The job queue did not take the scan; try again.");
    throw new KnownError("conflict", "The job queue did not take the scan; try again.");
  }
  return run;
}

/**
 * Works scan jobs in this process, `concurrency` sources at a time, the scheduler's ticks, the
 * daily trash retention, and thumbnail jobs one at a time beside them (one ffmpeg on one core: pictures never hold a scan back), until stopJobs().
 * Every LOST_SWEEP_MS it also marks lost the runs of workers that stopped (killed, machine lost).
 */
export async function startWorker(concurrency = 2): Promise<void> {
  const boss = await jobs();
  const abort = workerAbort();
  const db = await getDb();
  const sweep = setInterval(() => void sweepLostRuns(db), LOST_SWEEP_MS);
  abort.signal.addEventListener("abort", () => clearInterval(sweep));
  for (let i = 0; i < concurrency; i++) {
    await boss.work<ScanJob>(SCAN_QUEUE, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
      if (!job) return;
      const outcome = await executeRun(db, job.data.runUuid, abort.signal);
      log.info({ scanRun: outcome.uuid, status: outcome.status }, "scan job done");
    });
  }
  await boss.work(SCHEDULE_QUEUE, { pollingIntervalSeconds: 5, batchSize: 1 }, async () => {
    await runScheduledScans();
  });
  await boss.work(RETENTION_QUEUE, { pollingIntervalSeconds: 30, batchSize: 1 }, async () => {
    const report = await purgeExpiredTrash(db);
    if (report) log.info({ purged: report.changed, batchUuid: report.batchUuid }, "trash retention purge done");
  });
  await boss.work<ThumbnailJob>(THUMBNAIL_QUEUE, { pollingIntervalSeconds: 2, batchSize: 1 }, async ([job]) => {
    if (job) await workThumbnailJob(db, job.data, abort.signal);
  });
  // Probe runs (bulk "probe again", the full-probe backfill): one at a time, beside scans.
  await boss.work<{ runUuid: string }>(PROBE_QUEUE, { pollingIntervalSeconds: 2, batchSize: 1 }, async ([job]) => {
    if (job) await workProbeRun(db, job.data.runUuid, { signal: abort.signal });
  });
  await boss.work<QcJob>(QC_QUEUE, { pollingIntervalSeconds: 2, batchSize: 1 }, async ([job]) => {
    if (job) await workQcJob(db, job.data, abort.signal);
  });
  log.info({ concurrency, worker: WORKER }, "scan worker started");
}

/** Stops fetching jobs; a running scan is asked to stop and recorded as stopped. */
export const stopJobs = closeJobs;
