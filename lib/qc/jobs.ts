import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ActingViewer } from "@/lib/assets/visibility";
import type { SelectionInput } from "@/lib/assets/selection";
import { queueAssetJobs, requestAssetJobs, type Executor, type SelectionRequestReport } from "@/lib/jobs/asset-jobs";
import { JOB_SCHEMA, QC_QUEUE } from "@/lib/jobs/scan-jobs";
import { KnownError } from "@/lib/errors";
import { log } from "@/lib/log";
import { runQc } from "@/lib/qc/run";

// QC runs as jobs on its own pg-boss queue, one waiting job per asset (as thumbnails,
// lib/thumbnails/jobs.ts), worked one at a time beside scans (lib/jobs/queue.ts): after a scan or
// import batch of a source that asks for it, on demand for one asset, and in bulk for a selection.
// Each job names the request it came from, so the request's progress is read from the queue.

export { QC_QUEUE };

export interface QcJob {
  assetUuid: string;
  requestUuid: string;
}

/** SQL over `a`: QC can read something of the asset (probed, with video or sound). */
export const checkableSql = Prisma.sql`(a.probe_error IS NULL AND (a.video_codec IS NOT NULL OR a.audio_codec IS NOT NULL))`;

function queueQc(uuids: readonly string[], requestUuid: string, executor?: Executor): Promise<void> {
  return queueAssetJobs(QC_QUEUE, uuids, (assetUuid) => ({ assetUuid, requestUuid }) satisfies QcJob, executor);
}

/** After a scan batch committed: QC for the files just read, if the source asks for it. Never fails the scan. */
export async function queueQcAfterRead(db: Db, sourceId: number | null, assetIds: readonly number[]): Promise<void> {
  if (sourceId === null || assetIds.length === 0) return;
  try {
    const rows = await db.$queryRaw<{ uuid: string }[]>`
      SELECT a.uuid::text AS uuid FROM assets a, sources s
      WHERE s.id = ${sourceId} AND s.qc_after_scan AND a.id = ANY(${[...assetIds]}::int[]) AND ${checkableSql}`;
    await queueQc(
      rows.map((row) => row.uuid),
      randomUUID(),
    );
  } catch (error) {
    log.warn({ err: error, assets: assetIds.length }, "could not queue QC after a scan batch");
  }
}

export type QcRequestReport = SelectionRequestReport;

/** Queues QC for every checkable asset of the selection, with one audit row for the request. */
export function requestQc(db: Db, actor: ActingViewer, input: SelectionInput): Promise<QcRequestReport> {
  return requestAssetJobs(db, actor, input, {
    eligible: checkableSql,
    queue: queueQc,
    action: "qc.requested",
    targetType: "qc_request",
  });
}

/** QC of one asset on demand: not found as the detail page would be; refused when QC cannot read it. */
export async function requestAssetQc(db: Db, actor: ActingViewer, uuid: string): Promise<QcRequestReport> {
  const report = await requestQc(db, actor, { kind: "uuids", uuids: [uuid] });
  if (report.matched === 0) throw new KnownError("not_found", "That asset no longer exists.");
  if (report.queued === 0)
    throw new KnownError("conflict", "QC cannot read this asset: it has no probed video or sound (probe it first).");
  return report;
}

export interface QcProgress {
  waiting: number;
  running: number;
  done: number;
  failed: number;
}

/** How far a request's jobs are: read from the queue's own table (kept a day after they finish). */
export async function qcProgress(db: Db, actor: ActingViewer, requestUuid: string): Promise<QcProgress> {
  // Only whoever asked follows a request (its audit row names them); to anyone else it is unknown.
  const asked = await db.auditEvent.findFirst({
    where: { action: "qc.requested", targetUuid: requestUuid, actorEmail: actor.email },
    select: { id: true },
  });
  if (!asked) throw new KnownError("not_found", "No such QC request.");
  const rows = await db.$queryRaw<{ state: string; count: number }[]>`
    SELECT j.state::text AS state, count(*)::int AS count FROM ${Prisma.raw(`${JOB_SCHEMA}.job`)} j
    WHERE j.name = ${QC_QUEUE} AND j.data->>'requestUuid' = ${requestUuid} GROUP BY j.state`;
  const count = (...states: string[]) =>
    rows.filter((row) => states.includes(row.state)).reduce((sum, row) => sum + row.count, 0);
  return {
    waiting: count("created", "retry"),
    running: count("active"),
    done: count("completed"),
    failed: count("failed", "cancelled"),
  };
}

/** One job: checks the asset's file and stores the result. */
export async function workQcJob(db: Db, job: QcJob, signal?: AbortSignal): Promise<void> {
  const outcome = await runQc(db, job.assetUuid, { signal });
  log.debug({ assetUuid: job.assetUuid, outcome }, "qc job done");
}
