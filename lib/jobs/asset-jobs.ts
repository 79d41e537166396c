import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { toSelection, type SelectionInput } from "@/lib/assets/selection";
import type { ActingViewer } from "@/lib/assets/visibility";
import { selectionSql } from "@/lib/assets/workflow";
import type { AuditAction } from "@/lib/audit/actions";
import { writeAudit, type AuditEntry } from "@/lib/audit/write";
import { jobs } from "@/lib/jobs/boss";

// Jobs one per asset (thumbnails, QC): queued in chunks with the asset's uuid as singleton key (one
// already waiting is not queued twice), and the bulk request that queues them for a selection with
// one audit row, in one transaction.

/** Something that runs SQL as pg-boss asks: its own pool, or a transaction of ours. */
export type Executor = { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

const INSERT_CHUNK = 5000;

/** Queues a job on `queue` for each asset, with `data(assetUuid)`; a no-op for one already waiting. */
export async function queueAssetJobs(
  queue: string,
  uuids: readonly string[],
  data: (assetUuid: string) => object,
  executor?: Executor,
): Promise<void> {
  if (uuids.length === 0) return;
  const boss = await jobs();
  for (let start = 0; start < uuids.length; start += INSERT_CHUNK) {
    await boss.insert(
      uuids
        .slice(start, start + INSERT_CHUNK)
        .map((assetUuid) => ({ name: queue, data: data(assetUuid), singletonKey: assetUuid })),
      executor ? { db: executor } : {},
    );
  }
}

/** pg-boss's statements run inside a Prisma transaction, so jobs and audit row commit together. */
export function inTransaction(tx: Prisma.TransactionClient): Executor {
  return {
    executeSql: async (text, values) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map((value) => value ?? null)),
    }),
  };
}

export interface SelectionRequestReport {
  /** Names the request in the audit log. */
  requestUuid: string;
  /** Assets the selection matched (as far as the viewer may see). */
  matched: number;
  /** Of those, the ones the jobs can work on: queued, or already waiting in the queue. */
  queued: number;
}

/**
 * Queues jobs for every asset of the selection that `eligible` (SQL over `a`) admits, with one audit
 * row for the request (its counts and the selection: the filter, or the number of uuids).
 */
export async function requestAssetJobs(
  db: Db,
  actor: ActingViewer,
  input: SelectionInput,
  request: {
    eligible: Prisma.Sql;
    queue: (uuids: string[], requestUuid: string, executor: Executor) => Promise<void>;
    action: AuditAction;
    targetType: AuditEntry["targetType"];
  },
): Promise<SelectionRequestReport> {
  const where = selectionSql(toSelection(input), actor.role);
  const recorded = input.kind === "filter" ? input : { kind: "uuids", count: input.uuids.length };
  const requestUuid = randomUUID();
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ uuid: string; eligible: boolean }[]>`
        SELECT a.uuid::text AS uuid, (${request.eligible}) AS eligible FROM assets a WHERE ${where} ORDER BY a.id`;
      const uuids = rows.filter((row) => row.eligible).map((row) => row.uuid);
      await request.queue(uuids, requestUuid, inTransaction(tx));
      const report = { requestUuid, matched: rows.length, queued: uuids.length };
      await writeAudit(tx, actor, [
        {
          action: request.action,
          targetType: request.targetType,
          targetUuid: requestUuid,
          after: { matched: report.matched, queued: report.queued, selection: recorded },
        },
      ]);
      return report;
    },
    { timeout: 120_000 },
  );
}
