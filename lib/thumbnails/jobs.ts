import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ActingViewer } from "@/lib/assets/visibility";
import { toSelection, type SelectionInput } from "@/lib/assets/selection";
import { selectionSql } from "@/lib/assets/workflow";
import { writeAudit } from "@/lib/audit/write";
import { jobs } from "@/lib/jobs/boss";
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

/** Something that runs SQL as pg-boss asks: its own pool, or a transaction of ours. */
type Executor = { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

const INSERT_CHUNK = 5000;

/** Queues a job for each asset (no-op for one that already has a job waiting). */
export async function queueThumbnails(uuids: readonly string[], executor?: Executor): Promise<void> {
  if (uuids.length === 0) return;
  const boss = await jobs();
  for (let start = 0; start < uuids.length; start += INSERT_CHUNK) {
    const chunk = uuids.slice(start, start + INSERT_CHUNK);
    await boss.insert(
      chunk.map((assetUuid) => ({
        name: THUMBNAIL_QUEUE,
        data: { assetUuid } satisfies ThumbnailJob,
        singletonKey: assetUuid,
      })),
      executor ? { db: executor } : {},
    );
  }
}

/** pg-boss's statements run inside a Prisma transaction, so jobs and audit row commit together. */
function inTransaction(tx: Prisma.TransactionClient): Executor {
  return {
    executeSql: async (text, values) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map((value) => value ?? null)),
    }),
  };
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

export interface ThumbnailRequestReport {
  /** Names the request in the audit log. */
  requestUuid: string;
  /** Assets the selection matched (as far as the viewer may see). */
  matched: number;
  /** Of those, the ones with video: queued, or already waiting in the queue. */
  queued: number;
}

/**
 * Queues thumbnails for every asset of the selection that has video, with one audit row for the
 * request (`thumbnails.requested`: counts and the selection), in one transaction.
 */
export async function requestThumbnails(
  db: Db,
  actor: ActingViewer,
  input: SelectionInput,
): Promise<ThumbnailRequestReport> {
  const where = selectionSql(toSelection(input), actor.role);
  // The filter as the table's query string; a list of uuids by its length (the jobs name them).
  const recorded = input.kind === "filter" ? input : { kind: "uuids", count: input.uuids.length };
  const requestUuid = randomUUID();
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ uuid: string; pictures: boolean }[]>`
        SELECT a.uuid::text AS uuid, (${picturesSql}) AS pictures FROM assets a WHERE ${where} ORDER BY a.id`;
      const uuids = rows.filter((row) => row.pictures).map((row) => row.uuid);
      await queueThumbnails(uuids, inTransaction(tx));
      const report = { requestUuid, matched: rows.length, queued: uuids.length };
      await writeAudit(tx, actor, [
        {
          action: "thumbnails.requested",
          targetType: "thumbnail_request",
          targetUuid: requestUuid,
          after: { matched: report.matched, queued: report.queued, selection: recorded },
        },
      ]);
      return report;
    },
    { timeout: 120_000 },
  );
}

/** One job: makes the asset's pictures unless they are current. */
export async function workThumbnailJob(db: Db, job: ThumbnailJob, signal?: AbortSignal): Promise<void> {
  const outcome = await makeThumbnails(db, job.assetUuid, { signal });
  log.debug({ assetUuid: job.assetUuid, outcome }, "thumbnail job done");
}
