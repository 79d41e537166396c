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
// the server evaluates) is walked in id order in bounded batches; each batch is one statement that
// locks its rows, judges the rule on them, writes the change for the eligible ones and their audit
// rows (runBatch), and reports the rest with the reason. Integer ids never leave the engine. A
// selection only ever reaches the assets its viewer may see (lib/assets/visibility.ts): below
// trash.manage, deleted ones are not in it at all, so a deleted uuid is refused as unknown and a
// filter with status=deleted counts nothing.

export type Selection =
  | { kind: "uuids"; uuids: string[] }
  | { kind: "filter"; filter: AssetFilter }
  /** The assets an earlier bulk batch changed and nothing has changed since. */
  | { kind: "unchanged-since"; batchUuid: string };

export const MAX_SELECTED_UUIDS = 1000;
export const DEFAULT_BATCH_SIZE = 5000;
/**
 * Batches run at once: one per core, since each keeps a database backend busy and
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

/**
 * The selection's assets, as far as this viewer may reach them. `perRow`: the condition is checked
 * on rows already picked by id (a batch of the engine), so per-row probes beat walking the selection.
 */
export function selectionSql(selection: Selection, viewer: Viewer, { perRow = false } = {}): Prisma.Sql {
  return Prisma.sql`(${selectedSql(selection, perRow)}) AND ${visibleAssetSql(viewer)}`;
}

function selectedSql(selection: Selection, perRow: boolean): Prisma.Sql {
  if (selection.kind === "filter") return assetWhere(selection.filter);
  if (selection.kind === "unchanged-since") return unchangedSinceSql(selection.batchUuid, { perRow });
  if (selection.uuids.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`a.uuid IN (${Prisma.join(selection.uuids.map((uuid) => Prisma.sql`${uuid}::uuid`))})`;
}

interface BatchResult {
  reasons: Array<{ reason: Reason | null; n: bigint }>;
  changed: number;
  uuids: string[] | null;
  /** Rows changed by someone else after the statement's snapshot: judged again by a new statement. */
  moved: number[];
}

/**
 * One batch (`chunk`: ids, still to match `where`) in one statement, whatever the rule reads. The batch's rows are locked in id order (no
 * deadlock with other bulk runs) by the first CTE, which follows each row to its newest version
 * (READ COMMITTED); the rule and the filter are judged in the same statement, and the UPDATE checks
 * the rule again on the locked row. A rule that reads other tables (promoted or not) sees them as of
 * the statement's snapshot, which is only right for rows nobody changed since that snapshot: every
 * change of the catalog entry bumps its asset's version (promote, withdraw, replace source, a
 * content change), so a row whose locked version differs from its snapshot version is not judged
 * here but returned as `moved`, and judged again by a new statement with a fresh snapshot. In the
 * common case nothing raced and a batch is one round trip.
 */
async function runBatch(
  db: Db,
  transition: Transition,
  chunk: number[],
  where: Prisma.Sql,
  ctx: Omit<WriteContext, "ids">,
): Promise<BatchResult | null> {
  const [row] = await db.$queryRaw<
    Array<{
      n: bigint;
      reasons: Array<{ reason: Reason | null; n: number }> | null;
      changed: bigint;
      uuids: string[] | null;
      moved: number[];
    }>
  >`
    WITH seen AS MATERIALIZED (SELECT a.id, a.version FROM assets a WHERE a.id = ANY(${chunk}::int[])),
    locked AS MATERIALIZED (
      SELECT a.id, a.version, ${refusalSql(transition, ctx.options)} AS reason
      FROM assets a WHERE a.id = ANY(${chunk}::int[]) AND ${where} ORDER BY a.id FOR UPDATE OF a),
    batch AS (SELECT l.id, l.reason, l.version IS DISTINCT FROM s.version AS moved FROM locked l LEFT JOIN seen s ON s.id = l.id),
    ${changeAndAudit(transition, { ...ctx, ids: Prisma.sql`SELECT id FROM batch WHERE reason IS NULL AND NOT moved` })}
    SELECT (SELECT count(*) FROM batch) AS n,
      (SELECT json_agg(json_build_object('reason', reason, 'n', n)) FROM (SELECT reason, count(*) AS n FROM batch WHERE NOT moved GROUP BY reason) r) AS reasons,
      (SELECT count(*) FROM audit) AS changed,
      -- The uuids only when the report can carry them; a 100,000-row change sends just its count.
      CASE WHEN (SELECT count(*) FROM audit) <= ${MAX_SELECTED_UUIDS} THEN ARRAY(SELECT uuid FROM audit) END AS uuids,
      ARRAY(SELECT id FROM batch WHERE moved ORDER BY id) AS moved`;
  if (!row || Number(row.n) === 0) return null;
  return {
    reasons: (row.reasons ?? []).map((entry) => ({ reason: entry.reason, n: BigInt(entry.n) })),
    changed: Number(row.changed),
    uuids: row.uuids,
    moved: row.moved,
  };
}

const DEADLOCK_ATTEMPTS = 3;

/**
 * A batch is one statement, so a deadlock PostgreSQL broke by aborting it changed nothing and the
 * batch can simply run again. Locking in id order rules deadlocks out between bulk runs; the
 * duplicate-group triggers can still meet another writer of the same group (docs/architecture.md).
 */
async function againOnDeadlock<T>(work: () => Promise<T>, context: Record<string, unknown>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const deadlock = /\b40P01\b|deadlock detected/.test(error instanceof Error ? error.message : String(error));
      if (attempt >= DEADLOCK_ATTEMPTS || !deadlock) throw error;
      log.warn({ ...context, attempt }, "bulk batch deadlocked; running it again");
    }
  }
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

  const batchWhere = selectionSql(selection, actor.role, { perRow: true });
  const runChunk = (chunk: number[]) =>
    againOnDeadlock(() => runBatch(db, transition, chunk, batchWhere, { eligible, actor, batchUuid, options }), {
      transition,
      batchUuid,
    });

  const record = (batch: BatchResult | null) => {
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

  // Batches over disjoint rows run side by side, one per database core. Rows that moved under a
  // batch go round again, in a new statement, until none is left.
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(BULK_CONCURRENCY, chunks.length) }, async () => {
      while (next < chunks.length) {
        let chunk: number[] = chunks[next++]!;
        while (chunk.length > 0) {
          const batch = await runChunk(chunk);
          record(batch);
          chunk = batch?.moved ?? [];
        }
      }
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
