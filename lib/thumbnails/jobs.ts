import "server-only";
import type { Db } from "@/lib/db";
import type { ActingViewer } from "@/lib/assets/visibility";
import type { SelectionInput } from "@/lib/assets/selection";
import { queueAssetJobs, requestAssetJobs, type Executor, type SelectionRequestReport } from "@/lib/jobs/asset-jobs";
import { THUMBNAIL_QUEUE } from "@/lib/jobs/scan-jobs";
import { log } from "@/lib/log";
import { makeThumbnails, picturesSql } from "@/lib/thumbnails/make";

// Thumbnails are made by jobs on their own pg-boss queue, keyed by asset (one waiting job per
// asset, however often it is asked for), worked one at a time beside scans (lib/jobs/queue.ts).
// They are queued after a scan or import commits a batch of freshly read files, by a thumbnail
// route that finds none, and in bulk for a selection.

export { THUMBNAIL_QUEUE };

export interface ThumbnailJob {
  assetUuid: string;
}

/** Queues a job for each asset (no-op for one that already has a job waiting). */
export function queueThumbnails(uuids: readonly string[], executor?: Executor): Promise<void> {
  return queueAssetJobs(THUMBNAIL_QUEUE, uuids, (assetUuid) => ({ assetUuid }) satisfies ThumbnailJob, executor);
}

/**
 * After a scan or import batch committed: queues the assets whose files were just read and can
 * give pictures. A failure here is logged and never fails the scan: the routes ask again.
 */
export async function queueThumbnailsAfterRead(db: Db, assetIds: readonly number[]): Promise<void> {
  if (assetIds.length === 0) return;
  try {
    const rows = await db.$queryRaw<{ uuid: string }[]>`
      SELECT a.uuid::text AS uuid FROM assets a WHERE a.id = ANY(${[...assetIds]}::int[]) AND ${picturesSql}`;
    await queueThumbnails(rows.map((row) => row.uuid));
  } catch (error) {
    log.warn({ err: error, assets: assetIds.length }, "could not queue thumbnails after a scan batch");
  }
}

export type ThumbnailRequestReport = SelectionRequestReport;

/**
 * Queues thumbnails for every asset of the selection that has video, with one audit row for the
 * request (`thumbnails.requested`: counts and the selection), in one transaction.
 */
export function requestThumbnails(db: Db, actor: ActingViewer, input: SelectionInput): Promise<ThumbnailRequestReport> {
  return requestAssetJobs(db, actor, input, {
    eligible: picturesSql,
    queue: (uuids, _request, executor) => queueThumbnails(uuids, executor),
    action: "thumbnails.requested",
    targetType: "thumbnail_request",
  });
}

/** One job: makes the asset's pictures unless they are current. */
export async function workThumbnailJob(db: Db, job: ThumbnailJob, signal?: AbortSignal): Promise<void> {
  const outcome = await makeThumbnails(db, job.assetUuid, { signal });
  log.debug({ assetUuid: job.assetUuid, outcome }, "thumbnail job done");
}
