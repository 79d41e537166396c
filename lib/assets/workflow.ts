import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assetWhere } from "@/lib/assets/list";
import { visibleAssetSql } from "@/lib/assets/scope";
import type { ActingViewer, Viewer } from "@/lib/assets/visibility";
import type { AssetFilter } from "@/lib/assets/list-params";
import { REASONS, type Reason, type Transition } from "@/lib/assets/transitions";
import { RULES } from "@/lib/assets/rules";
import { KnownError } from "@/lib/errors";
import { log } from "@/lib/log";

// One engine for every workflow transition, single or bulk. A selection (some uuids, or a filter
// the server evaluates) is walked in id order in bounded batches; each batch is one transaction that
// locks its rows, re-reads them (a fresh snapshot, so a concurrent promote or delete is seen), writes
// the change for the eligible ones and their audit rows in the same statement, and reports the rest
// with the reason. Integer ids never leave this module. A selection only ever reaches the assets
// its viewer may see (lib/assets/visibility.ts): below trash.manage, deleted ones are not in it at
// all, so a deleted uuid is refused as unknown and a filter with status=deleted counts nothing.

export type Selection =
  | { kind: "uuids"; uuids: string[] }
  | { kind: "filter"; filter: AssetFilter }
  /** The assets an earlier bulk batch changed and nothing has changed since. */
  | { kind: "unchanged-since"; batchUuid: string };

export const MAX_SELECTED_UUIDS = 1000;
export const DEFAULT_BATCH_SIZE = 5000;
/** Batches run at once when they are single statements (the machine this was tuned on has 2 cores). */
const BULK_CONCURRENCY = 2;

export interface TransitionOptions {
  /** Bulk work gets a batch uuid (undo works by batch); a single change has none. */
  bulk: boolean;
  deleteReason?: string | null;
  tags?: string[];
  batchSize?: number;
  /** When this change undoes an earlier batch, its uuid (recorded in the audit rows). */
  undoOf?: string;
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

// Correlated on the asset, so each batch of the walk judges only the assets it reaches: one index
// probe each. (As a list of the batch's audit rows, every batch re-read the whole batch: minutes
// for the undo of 100,000.) Unchanged since = the asset's latest audit row belongs to the batch.
const UNCHANGED_SINCE = (batchUuid: string) => Prisma.sql`
  (SELECT l.batch_uuid FROM audit_events l WHERE l.target_uuid = a.uuid AND l.target_type = 'asset' ORDER BY l.id DESC LIMIT 1) = ${batchUuid}::uuid`;

function selectionSql(selection: Selection, viewer: Viewer): Prisma.Sql {
  return Prisma.sql`(${selectedSql(selection)}) AND ${visibleAssetSql(viewer)}`;
}

function selectedSql(selection: Selection): Prisma.Sql {
  if (selection.kind === "filter") return assetWhere(selection.filter);
  if (selection.kind === "unchanged-since") return UNCHANGED_SINCE(selection.batchUuid);
  if (selection.uuids.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`a.uuid IN (${Prisma.join(selection.uuids.map((uuid) => Prisma.sql`${uuid}::uuid`))})`;
}

const EPISODE_TITLE = Prisma.sql`(SELECT e.series_title || ' S' || lpad(e.season_number::text, 2, '0') || 'E' || lpad(e.episode_number::text, 2, '0') || ' – ' || e.title
  FROM episode_assets ea JOIN episodes e ON e.id = ea.episode_id WHERE ea.asset_id = a.id ORDER BY e.id LIMIT 1)`;
const FILE_TITLE = Prisma.sql`regexp_replace(regexp_replace(a.uri, '^.*[/\\\\]', ''), '\\.[^.]*$', '')`;

interface WriteContext {
  ids: Prisma.Sql;
  eligible: Prisma.Sql;
  actor: ActingViewer;
  batchUuid: string | null;
  options: TransitionOptions;
}

/** The change's CTEs followed by `audit`: one audit row per row of `changed`, in the same statement. */
function changeAndAudit(transition: Transition, ctx: WriteContext): Prisma.Sql {
  const { ctes, before, after } = writeSql(transition, ctx);
  const undo = ctx.options.undoOf
    ? Prisma.sql` || jsonb_build_object('undoOf', ${ctx.options.undoOf}::text)`
    : Prisma.empty;
  return Prisma.sql`${ctes},
    audit AS (
      INSERT INTO audit_events (action, target_type, target_uuid, before, after, batch_uuid, actor_id, actor_uuid, actor_email, api_token_uuid)
      SELECT ${RULES[transition].action}::text, 'asset', asset_uuid, ${before}, ${after}${undo}, ${ctx.batchUuid}::uuid, ${ctx.actor.id}::int, ${ctx.actor.uuid}::uuid, ${ctx.actor.email}::text, ${ctx.actor.apiTokenUuid ?? null}::uuid
      FROM changed
      RETURNING target_uuid::text AS uuid)`;
}

/** The CTEs that make the change (the last one is `changed`, one row per asset with `asset_uuid`), and the audit before/after. */
function writeSql(
  transition: Transition,
  ctx: WriteContext,
): { ctes: Prisma.Sql; before: Prisma.Sql; after: Prisma.Sql } {
  const { ids, eligible } = ctx;
  const bump = Prisma.sql`version = a.version + 1, updated_at = now()`;
  switch (transition) {
    case "approve":
    case "revoke": {
      const canonical = transition === "approve";
      return {
        ctes: Prisma.sql`
        changed AS (
          UPDATE assets a SET canonical = ${canonical}::boolean, ${bump}
          WHERE a.id IN (${ids}) AND ${eligible} RETURNING a.uuid AS asset_uuid)`,
        before: Prisma.sql`jsonb_build_object('canonical', ${!canonical}::boolean)`,
        after: Prisma.sql`jsonb_build_object('canonical', ${canonical}::boolean)`,
      };
    }
    case "promote": {
      const tags = ctx.options.tags ?? [];
      return {
        ctes: Prisma.sql`
        candidates AS (
          SELECT a.id, a.uri, a.duration_ms, COALESCE(${EPISODE_TITLE}, ${FILE_TITLE}) AS title
          FROM assets a WHERE a.id IN (${ids}) AND ${eligible}),
        inserted AS (
          INSERT INTO catalog_assets (title, duration_ms, file_path, tags, source_asset_id, created_by_id)
          SELECT title, duration_ms, uri, ${tags}::text[], id, ${ctx.actor.id}::int FROM candidates
          ON CONFLICT (source_asset_id) DO NOTHING
          RETURNING uuid AS catalog_uuid, source_asset_id),
        changed AS (
          UPDATE assets a SET ${bump} FROM inserted i WHERE a.id = i.source_asset_id
          RETURNING a.uuid AS asset_uuid, i.catalog_uuid)`,
        before: Prisma.sql`jsonb_build_object('catalogUuid', NULL)`,
        after: Prisma.sql`jsonb_build_object('catalogUuid', catalog_uuid, 'tags', ${tags}::text[])`,
      };
    }
    case "withdraw":
      return {
        ctes: Prisma.sql`
        removed AS (
          DELETE FROM catalog_assets c USING assets a
          WHERE c.source_asset_id = a.id AND a.id IN (${ids}) AND ${eligible}
          RETURNING a.id, c.uuid AS catalog_uuid, c.title, c.tags),
        changed AS (
          UPDATE assets a SET ${bump} FROM removed r WHERE a.id = r.id
          RETURNING a.uuid AS asset_uuid, r.catalog_uuid, r.title, r.tags)`,
        before: Prisma.sql`jsonb_build_object('catalogUuid', catalog_uuid, 'title', title, 'tags', tags)`,
        after: Prisma.sql`jsonb_build_object('catalogUuid', NULL)`,
      };
    case "delete": {
      const reason = ctx.options.deleteReason ?? null;
      return {
        ctes: Prisma.sql`
        changed AS (
          UPDATE assets a SET is_deleted = TRUE, deleted_at = now(), deleted_by_id = ${ctx.actor.id}::int, delete_reason = ${reason}::text, ${bump}
          WHERE a.id IN (${ids}) AND ${eligible} RETURNING a.uuid AS asset_uuid)`,
        before: Prisma.sql`jsonb_build_object('isDeleted', FALSE)`,
        after: Prisma.sql`jsonb_build_object('isDeleted', TRUE, 'deleteReason', ${reason}::text)`,
      };
    }
    case "restore":
      return {
        ctes: Prisma.sql`
        previous AS (
          SELECT a.id, a.delete_reason, a.deleted_at FROM assets a WHERE a.id IN (${ids}) AND ${eligible}),
        changed AS (
          UPDATE assets a SET is_deleted = FALSE, deleted_at = NULL, deleted_by_id = NULL, delete_reason = NULL, ${bump}
          FROM previous p WHERE a.id = p.id
          RETURNING a.uuid AS asset_uuid, p.delete_reason, p.deleted_at)`,
        before: Prisma.sql`jsonb_build_object('isDeleted', TRUE, 'deleteReason', delete_reason, 'deletedAt', deleted_at)`,
        after: Prisma.sql`jsonb_build_object('isDeleted', FALSE)`,
      };
  }
}

/**
 * One batch in one statement, for rules that read only the asset's own row (approve, restore). The
 * batch is locked in id order (no deadlock with other bulk runs) and the UPDATE re-checks the rule
 * on the newest version of each locked row (READ COMMITTED follows the row's update chain), so the
 * separate statements and the interactive transaction of the general path are not needed. Rules
 * that read other tables (promoted or not) cannot use this: a subquery keeps the statement's snapshot.
 */
async function ownRowBatch(db: Db, transition: Transition, where: Prisma.Sql, ctx: Omit<WriteContext, "ids">) {
  const rule = RULES[transition];
  const [row] = await db.$queryRaw<
    Array<{
      n: bigint;
      reasons: Array<{ reason: Reason | null; n: number }> | null;
      changed: bigint;
      uuids: string[] | null;
    }>
  >`
    WITH batch AS (
      SELECT a.id, ${rule.reason} AS reason FROM assets a WHERE ${where} ORDER BY a.id FOR UPDATE OF a),
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
  const eligible = Prisma.sql`(${rule.reason}) IS NULL`;
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
          SELECT ${rule.reason} AS reason, count(*) AS n FROM assets a WHERE a.id IN (${ids}) GROUP BY 1`;
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
}

/** What a bulk transition would do, from the same rules, without changing anything. */
export async function previewTransition(
  db: Db,
  viewer: Viewer,
  transition: Transition,
  selection: Selection,
): Promise<Preflight> {
  const rule = RULES[transition];
  const rows = await db.$queryRaw<Array<{ reason: Reason | null; n: bigint }>>`
    SELECT ${rule.reason} AS reason, count(*) AS n FROM assets a WHERE ${selectionSql(selection, viewer)} GROUP BY 1`;
  const preflight: Preflight = { transition, total: 0, willChange: 0, alreadyDone: 0, skipped: {} };
  for (const { reason, n } of rows) {
    const count = Number(n);
    preflight.total += count;
    if (reason === null) preflight.willChange += count;
    else if (rule.alreadyDone.includes(reason)) preflight.alreadyDone += count;
    else preflight.skipped[reason] = count;
  }
  return preflight;
}

const INVERSE: Partial<Record<Transition, Transition>> = { approve: "revoke", promote: "withdraw", delete: "restore" };

export interface UndoReport extends TransitionReport {
  undoOf: string;
  /** Assets of the batch changed again since, so left as they are. */
  changedSince: number;
}

/** The transition a bulk batch applied (or, with "inverse", the one that undoes it). */
export async function batchTransition(db: Db, batchUuid: string, which: "applied" | "inverse"): Promise<Transition> {
  const events = await db.auditEvent.groupBy({ by: ["action"], where: { batchUuid, targetType: "asset" } });
  if (events.length === 0) throw new KnownError("not_found", "No bulk change has that batch id.");
  const applied = (Object.keys(RULES) as Transition[]).find((name) => RULES[name].action === events[0]!.action);
  const inverse = applied ? INVERSE[applied] : undefined;
  if (!applied || !inverse || events.length > 1)
    throw new KnownError("invalid", "Only a bulk approve, promote or delete can be undone.");
  return which === "applied" ? applied : inverse;
}

/**
 * Reverts a bulk approve, promote or delete as a unit: every asset of the batch that nothing has
 * changed since goes back; the others are counted and reported, never silently skipped.
 */
export async function undoBatch(db: Db, actor: ActingViewer, batchUuid: string): Promise<UndoReport> {
  const inverse = await batchTransition(db, batchUuid, "inverse");
  // Rows an earlier undo of this batch wrote (found through the batch's own assets, by index).
  const [earlier] = await db.$queryRaw<Array<{ undone: bigint; remaining: bigint }>>`
    SELECT
      (SELECT count(*) FROM audit_events e JOIN audit_events u ON u.target_uuid = e.target_uuid AND u.id > e.id
        WHERE e.batch_uuid = ${batchUuid}::uuid AND u.after ->> 'undoOf' = ${batchUuid}) AS undone,
      (SELECT count(*) FROM assets a WHERE ${selectionSql({ kind: "unchanged-since", batchUuid }, actor.role)}) AS remaining`;
  const undone = Number(earlier?.undone ?? 0);
  // An undo that was cut off (a dropped connection, a timeout) can be run again: it resumes with
  // what is left. Only a complete one is refused.
  if (undone > 0 && Number(earlier?.remaining ?? 0) === 0)
    throw new KnownError("conflict", "This bulk change was already undone.");

  const total = await db.auditEvent.count({ where: { batchUuid, targetType: "asset" } });
  const report = await applyTransition(
    db,
    actor,
    inverse,
    { kind: "unchanged-since", batchUuid },
    { bulk: true, undoOf: batchUuid },
  );
  const accounted =
    undone + report.changed + report.alreadyDone + Object.values(report.skipped).reduce((sum, n) => sum + n, 0);
  return { ...report, undoOf: batchUuid, changedSince: total - accounted };
}
