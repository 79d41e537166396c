import "server-only";
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { assetWhere } from "@/lib/assets/list";
import { visibleAssetSql } from "@/lib/assets/scope";
import type { ActingViewer, Viewer } from "@/lib/assets/visibility";
import type { AssetFilter } from "@/lib/assets/list-params";
import { REASONS, type Reason, type Transition } from "@/lib/assets/transitions";
import { RULES, qcFailedSql, refusalSql } from "@/lib/assets/rules";
import { changeAndAudit, unchangedSinceSql, type ChangeOptions, type WriteContext } from "@/lib/assets/workflow-sql";
import { KnownError } from "@/lib/errors";
import { log } from "@/lib/log";

// One engine for every workflow transition, single or bulk. A selection (some uuids, or a filter
// the server evaluates) is walked in id order in bounded batches; each batch is one transaction that
// locks its rows, re-reads them (a fresh snapshot, so a concurrent promote or delete is seen), writes
// the change for the eligible ones and their audit rows in the same statement, and reports the rest
// with the reason. Integer ids never leave the engine. A selection only ever reaches the assets
// its viewer may see (lib/assets/visibility.ts): below trash.manage, deleted ones are not in it at
// all, so a deleted uuid is refused as unknown and a filter with status=deleted counts nothing.

export type Selection =
  | { kind: "uuids"; uuids: string[] }
  | { kind: "filter"; filter: AssetFilter }
  /** The assets an earlier bulk batch changed and nothing has changed since. */
  | { kind: "unchanged-since"; batchUuid: string };

export const MAX_SELECTED_UUIDS = 1000;
export const DEFAULT_BATCH_SIZE = 5000;
/**
 * Single-statement batches run at once: one per core, since each keeps a database backend busy and
 * the desk and its PostgreSQL usually share a machine; never more than the pool less one connection,
 * so pages and other actions still get one; and at most 8, since only 2 on 2 cores has been
 * measured (docs/benchmarks.md).
 */
const BULK_CONCURRENCY = Math.max(1, Math.min(availableParallelism(), env.DATABASE_POOL_MAX - 1, 8));

export interface TransitionOptions extends ChangeOptions {
  /** Bulk work gets a batch uuid (undo works by batch); a single change has none. */
  bulk: boolean;
  batchSize?: number;
}

export interface TransitionReport {
  transition: Transition;
  batchUuid: string | null;
  changed: number;
  /** Assets already in the target state. */
  alreadyDone: number;
  /** Assets refused, by reason. */
  skipped: Partial<Record<Reason, number>>;
  /** Uuids of the changed assets, when there are at most 1,000 of them. */
  changedUuids: string[];
}

/** The selection's assets, as far as this viewer may reach them. */
export function selectionSql(selection: Selection, viewer: Viewer): Prisma.Sql {
  return Prisma.sql`(${selectedSql(selection)}) AND ${visibleAssetSql(viewer)}`;
}

function selectedSql(selection: Selection): Prisma.Sql {
  if (selection.kind === "filter") return assetWhere(selection.filter);
  if (selection.kind === "unchanged-since") return unchangedSinceSql(selection.batchUuid);
  if (selection.uuids.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`a.uuid IN (${Prisma.join(selection.uuids.map((uuid) => Prisma.sql`${uuid}::uuid`))})`;
}

/**
 * One batch in one statement, for rules that read only the asset's own row (approve, restore). The
 * batch is locked in id order (no deadlock with other bulk runs) and the UPDATE re-checks the rule
 * on the newest version of each locked row (READ COMMITTED follows the row's update chain), so the
 * separate statements and the interactive transaction of the general path are not needed. Rules
 * that read other tables (promoted or not) cannot use this: a subquery keeps the statement's snapshot.
 */
async function ownRowBatch(db: Db, transition: Transition, where: Prisma.Sql, ctx: Omit<WriteContext, "ids">) {
  const [row] = await db.$queryRaw<
    Array<{
      n: bigint;
      reasons: Array<{ reason: Reason | null; n: number }> | null;
      changed: bigint;
      uuids: string[] | null;
    }>
  >`
    WITH batch AS (
      SELECT a.id, ${refusalSql(transition, ctx.options)} AS reason FROM assets a WHERE ${where} ORDER BY a.id FOR UPDATE OF a),
    ${changeAndAudit(transition, { ...ctx, ids: Prisma.sql`SELECT id FROM batch WHERE reason IS NULL` })}
    SELECT (SELECT count(*) FROM batch) AS n,
      (SELECT json_agg(json_build_object('reason', reason, 'n', n)) FROM (SELECT reason, count(*) AS n FROM batch GROUP BY reason) r) AS reasons,
      (SELECT count(*) FROM audit) AS changed,
      -- The uuids only when the report can carry them; a 100,000-row change sends just its count.
      CASE WHEN (SELECT count(*) FROM audit) <= ${MAX_SELECTED_UUIDS} THEN ARRAY(SELECT uuid FROM audit) END AS uuids`;
  if (!row || Number(row.n) === 0) return null;
  return {
    reasons: (row.reasons ?? []).map((entry) => ({ reason: entry.reason, n: BigInt(entry.n) })),
    changed: Number(row.changed),
    uuids: row.uuids,
  };
}

/** Applies `transition` to every asset of the selection the rules allow; see TransitionReport. */
export async function applyTransition(
  db: Db,
  actor: ActingViewer,
  transition: Transition,
  selection: Selection,
  options: TransitionOptions,
): Promise<TransitionReport> {
  const rule = RULES[transition];
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const batchUuid = options.bulk ? randomUUID() : null;
  const report: TransitionReport = { transition, batchUuid, changed: 0, alreadyDone: 0, skipped: {}, changedUuids: [] };
  const where = selectionSql(selection, actor.role);
  const refusal = refusalSql(transition, options);
  const eligible = Prisma.sql`(${refusal}) IS NULL`;
  // The selection's ids, read once through the filter's own indexes: walking the primary key
  // instead would read ten rows for every one a date-range filter keeps. Each batch still checks
  // the filter and the rule again on its rows, so a row that stopped matching is left alone.
  const selected = (
    await db.$queryRaw<Array<{ id: number }>>`SELECT a.id FROM assets a WHERE ${where} ORDER BY a.id`
  ).map((row) => row.id);
  const chunks: number[][] = [];
  for (let start = 0; start < selected.length; start += batchSize)
    chunks.push(selected.slice(start, start + batchSize));

  const runChunk = async (chunk: number[]) => {
    const batchWhere = Prisma.sql`a.id = ANY(${chunk}::int[]) AND ${where}`;
    if (rule.ownRow) return ownRowBatch(db, transition, batchWhere, { eligible, actor, batchUuid, options });
    return db.$transaction(
      async (tx) => {
        // Lock this batch's rows in id order (so two bulk runs cannot deadlock), then judge them
        // in a new statement, which sees whatever committed while we waited for the locks.
        const locked = await tx.$queryRaw<Array<{ id: number }>>`
          SELECT a.id FROM assets a WHERE ${batchWhere} ORDER BY a.id FOR UPDATE OF a`;
        if (locked.length === 0) return null;
        // One array parameter rather than one parameter per id (5,000 of them).
        const ids = Prisma.sql`SELECT unnest(${locked.map((row) => row.id)}::int[])`;
        const reasons = await tx.$queryRaw<Array<{ reason: Reason | null; n: bigint }>>`
          SELECT ${refusal} AS reason, count(*) AS n FROM assets a WHERE a.id IN (${ids}) GROUP BY 1`;
        const changed = await tx.$queryRaw<
          Array<{ uuid: string }>
        >`WITH ${changeAndAudit(transition, { ids, eligible, actor, batchUuid, options })} SELECT uuid FROM audit`;
        return { reasons, changed: changed.length, uuids: changed.map((row) => row.uuid) };
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  };

  const record = (batch: Awaited<ReturnType<typeof runChunk>>) => {
    if (!batch) return;
    report.changed += batch.changed;
    if (batch.uuids && report.changedUuids.length + batch.uuids.length <= MAX_SELECTED_UUIDS)
      report.changedUuids.push(...batch.uuids);
    for (const { reason, n } of batch.reasons) {
      if (reason === null) continue;
      if (rule.alreadyDone.includes(reason)) report.alreadyDone += Number(n);
      else report.skipped[reason] = (report.skipped[reason] ?? 0) + Number(n);
    }
  };

  // Single-statement batches over disjoint rows can run side by side, one per database core;
  // the locked path stays sequential (its interactive transactions would share one embedded connection).
  const workers = rule.ownRow ? BULK_CONCURRENCY : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, chunks.length) }, async () => {
      while (next < chunks.length) record(await runChunk(chunks[next++]!));
    }),
  );
  if (report.changedUuids.length < report.changed) report.changedUuids = [];
  // Every change is logged (the audit log has the full record); a bulk one names its batch and its first assets.
  if (report.changed > 0) {
    log.info(
      {
        action: rule.action,
        actor: actor.uuid ?? actor.email,
        batchUuid,
        changed: report.changed,
        assetUuids: report.changedUuids.slice(0, 20),
      },
      "assets changed",
    );
  }
  return report;
}

/** One asset, by uuid: changes it, or says why not in words an editor understands. */
export async function transitionAsset(
  db: Db,
  actor: ActingViewer,
  transition: Transition,
  uuid: string,
  options: Omit<TransitionOptions, "bulk"> = {},
) {
  const report = await applyTransition(
    db,
    actor,
    transition,
    { kind: "uuids", uuids: [uuid] },
    { ...options, bulk: false },
  );
  if (report.changed === 1 || report.alreadyDone === 1) return { changed: report.changed === 1 };
  const [reason] = Object.keys(report.skipped) as Reason[];
  if (!reason) throw new KnownError("not_found", "That asset no longer exists.");
  throw new KnownError("conflict", REASONS[reason]);
}

export interface Preflight {
  transition: Transition;
  total: number;
  willChange: number;
  alreadyDone: number;
  skipped: Partial<Record<Reason, number>>;
  /** Approval only: how many of the selection failed QC, and how many were not checked. */
  qc?: { failed: number; notChecked: number };
}

/** What a bulk transition would do, from the same rules, without changing anything. */
export async function previewTransition(
  db: Db,
  viewer: Viewer,
  transition: Transition,
  selection: Selection,
): Promise<Preflight> {
  const rule = RULES[transition];
  const rows = await db.$queryRaw<Array<{ reason: Reason | null; n: bigint; qc_failed: bigint; not_checked: bigint }>>`
    SELECT ${rule.reason} AS reason, count(*) AS n, count(*) FILTER (WHERE ${qcFailedSql}) AS qc_failed,
      count(*) FILTER (WHERE a.qc_verdict IS NULL) AS not_checked
    FROM assets a WHERE ${selectionSql(selection, viewer)} GROUP BY 1`;
  const preflight: Preflight = { transition, total: 0, willChange: 0, alreadyDone: 0, skipped: {} };
  if (transition === "approve")
    preflight.qc = {
      failed: rows.reduce((sum, row) => sum + Number(row.qc_failed), 0),
      notChecked: rows.reduce((sum, row) => sum + Number(row.not_checked), 0),
    };
  for (const { reason, n } of rows) {
    const count = Number(n);
    preflight.total += count;
    if (reason === null) preflight.willChange += count;
    else if (rule.alreadyDone.includes(reason)) preflight.alreadyDone += count;
    else preflight.skipped[reason] = count;
  }
  return preflight;
}
