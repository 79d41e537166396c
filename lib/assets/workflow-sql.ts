import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ActingViewer } from "@/lib/assets/visibility";
import { RULES } from "@/lib/assets/rules";
import { episodeLabelSql } from "@/lib/assets/sql";
import type { Transition } from "@/lib/assets/transitions";
import { auditInsertSql } from "@/lib/audit/sql";

// The SQL the workflow engine (workflow.ts) writes with: for each transition, the statement that
// changes the eligible rows of a batch and inserts their audit rows from its own RETURNING, so audit
// rows exist exactly for the rows changed.

/** What a change records beyond the transition itself. */
export interface ChangeOptions {
  /** Why: the delete's reason, or the purge's (its tombstone also keeps the delete's). */
  deleteReason?: string | null;
  tags?: string[];
  /** When this change undoes an earlier batch, its uuid (recorded in the audit rows). */
  undoOf?: string;
  /** Approve only: why assets that failed QC may be approved (recorded in their audit rows). */
  qcOverride?: string | null;
}

export interface WriteContext {
  /** SQL yielding the ids of the batch's rows. */
  ids: Prisma.Sql;
  /** The rule's own check, true for the rows that may change. */
  eligible: Prisma.Sql;
  actor: ActingViewer;
  batchUuid: string | null;
  options: ChangeOptions;
}

// Unchanged since = the batch has an audit row for the asset and no later audit row names it. For a
// whole selection, as an EXISTS: PostgreSQL walks the batch's own audit rows (batch_uuid index) and
// probes (target_uuid, id) for a later one. For the few thousand rows of one batch of the engine
// (`perRow`), the same truth read per asset: its latest audit row is the batch's, one probe of
// (target_uuid, id) backwards. (Planned as a join, a batch just written, its audit rows not yet in
// the statistics and estimated at one, was walked whole for each 5,000-row batch of its undo.)
export const unchangedSinceSql = (batchUuid: string, { perRow = false } = {}) =>
  perRow
    ? Prisma.sql`(SELECT l.batch_uuid FROM audit_events l WHERE l.target_uuid = a.uuid AND l.target_type = 'asset'
        ORDER BY l.id DESC LIMIT 1) = ${batchUuid}::uuid`
    : Prisma.sql`
  EXISTS (SELECT 1 FROM audit_events e WHERE e.target_uuid = a.uuid AND e.target_type = 'asset' AND e.batch_uuid = ${batchUuid}::uuid
    AND NOT EXISTS (SELECT 1 FROM audit_events l WHERE l.target_uuid = e.target_uuid AND l.target_type = 'asset' AND l.id > e.id))`;

const EPISODE_TITLE = Prisma.sql`(SELECT ${episodeLabelSql} || ' – ' || e.title
  FROM episode_assets ea JOIN episodes e ON e.id = ea.episode_id WHERE ea.asset_id = a.id ORDER BY e.id LIMIT 1)`;
const FILE_TITLE = Prisma.sql`regexp_replace(regexp_replace(a.uri, '^.*[/\\\\]', ''), '\\.[^.]*$', '')`;

/** The change's CTEs followed by `audit`: one audit row per row of `changed`, in the same statement. */
export function changeAndAudit(transition: Transition, ctx: WriteContext): Prisma.Sql {
  const { ctes, before, after } = writeSql(transition, ctx);
  const undo = ctx.options.undoOf
    ? Prisma.sql` || jsonb_build_object('undoOf', ${ctx.options.undoOf}::text)`
    : Prisma.empty;
  const insert = auditInsertSql(ctx.actor, {
    action: RULES[transition].action,
    targetType: "asset",
    from: Prisma.sql`changed`,
    targetUuid: Prisma.sql`asset_uuid`,
    before,
    after: Prisma.sql`${after}${undo}`,
    batchUuid: ctx.batchUuid,
  });
  return Prisma.sql`${ctes},
    audit AS (${insert}
      RETURNING target_uuid::text AS uuid)`;
}

/** The CTEs that make the change (one of them `changed`, one row per asset with `asset_uuid`), and the audit before/after. */
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
      // An approval over a failed QC records the verdict and the override's reason.
      const override = ctx.options.qcOverride
        ? Prisma.sql` || CASE WHEN qc_verdict = 'fail' THEN jsonb_build_object('qcVerdict', 'fail', 'qcOverride', ${ctx.options.qcOverride}::text) ELSE '{}'::jsonb END`
        : Prisma.empty;
      return {
        ctes: Prisma.sql`
        changed AS (
          UPDATE assets a SET canonical = ${canonical}::boolean, ${bump}
          WHERE a.id IN (${ids}) AND ${eligible} RETURNING a.uuid AS asset_uuid, a.qc_verdict)`,
        before: Prisma.sql`jsonb_build_object('canonical', ${!canonical}::boolean)`,
        after: Prisma.sql`jsonb_build_object('canonical', ${canonical}::boolean)${override}`,
      };
    }
    case "promote": {
      // The entry's title is the asset's editorial title, else its episode's, else its file name;
      // its tags are the promote's, or the asset's own when the promote names none. The asset row is
      // updated first (the row the rule was judged on, locked), then its entry inserted from it. The
      // entry's uuid is made with the row, so the audit reads `changed` alone: joining the insert's
      // RETURNING back to the update's (both estimated at one row) was a nested loop, 25,000,000
      // comparisons for a batch of 5,000. The insert runs to completion although nothing reads it.
      const tags = ctx.options.tags ?? [];
      return {
        ctes: Prisma.sql`
        changed AS (
          UPDATE assets a SET ${bump} WHERE a.id IN (${ids}) AND ${eligible}
          RETURNING a.id, a.uuid AS asset_uuid, uuid_v7() AS catalog_uuid, a.uri, a.hash_sha256, a.duration_ms,
            COALESCE(NULLIF(btrim(a.title), ''), ${EPISODE_TITLE}, ${FILE_TITLE}) AS title,
            CASE WHEN cardinality(${tags}::text[]) > 0 THEN ${tags}::text[] ELSE COALESCE(a.tags, '{}') END AS tags),
        inserted AS (
          INSERT INTO catalog_assets (uuid, title, duration_ms, file_path, source_sha256, tags, source_asset_id, created_by_id)
          SELECT catalog_uuid, title, duration_ms, uri, hash_sha256, tags, id, ${ctx.actor.id}::int FROM changed)`,
        before: Prisma.sql`jsonb_build_object('catalogUuid', NULL)`,
        after: Prisma.sql`jsonb_build_object('catalogUuid', catalog_uuid, 'tags', tags)`,
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
    case "purge":
      // Its provider refs and episode links go with the row (ON DELETE CASCADE); its scan-run items
      // keep their path and lose the link. The audit row is the tombstone: what the file was, when
      // and why it was deleted, and by whom (this row's actor) and why it was purged.
      return {
        ctes: Prisma.sql`
        changed AS (
          DELETE FROM assets a WHERE a.id IN (${ids}) AND ${eligible}
          RETURNING a.uuid AS asset_uuid, a.uri, a.hash_sha256, a.size, a.deleted_at, a.delete_reason,
            (SELECT u.email FROM users u WHERE u.id = a.deleted_by_id) AS deleted_by)`,
        before: Prisma.sql`jsonb_build_object('isDeleted', TRUE, 'uri', uri, 'hashSha256', hash_sha256, 'size', size,
          'deletedAt', deleted_at, 'deletedBy', deleted_by, 'deleteReason', delete_reason)`,
        after: Prisma.sql`jsonb_build_object('purged', TRUE, 'reason', ${ctx.options.deleteReason ?? null}::text)`,
      };
  }
}
