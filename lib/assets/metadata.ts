import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { metadataRefusal, metadataRefusalSql } from "@/lib/assets/rules";
import { TAGS_MAX, tagsSchema } from "@/lib/assets/tags";
import type { Reason } from "@/lib/assets/transitions";
import { seesDeletedAssets, type ActingViewer } from "@/lib/assets/visibility";
import { DEFAULT_BATCH_SIZE, MAX_SELECTED_UUIDS, selectionSql, type Selection } from "@/lib/assets/workflow";
import { writeAudit } from "@/lib/audit/write";
import { auditInsertSql } from "@/lib/audit/sql";
import { KnownError } from "@/lib/errors";
import { log } from "@/lib/log";

// An asset's editorial metadata — title, description, tags — edited one asset at a time (with the
// version the form was read at) or, for tags, added and removed over a selection in bulk. These
// fields describe the asset and are not its content: an edit never revokes approval, and who may
// make it is metadataRefusal (rules.ts). Each change writes `asset.metadata` audit rows with the
// changed fields before and after, in the change's own transaction or statement.

export interface MetadataEdit {
  uuid: string;
  /** The version the form was read at; omitted (API, CLI), the edit applies to the asset as it is. */
  version?: number;
  /** Only the fields given change (null clears a title or description). */
  title?: string | null;
  description?: string | null;
  /** Normalised here by tagsSchema (lib/assets/tags.ts), whoever sends them. */
  tags?: string[];
}

export interface MetadataEditResult {
  changed: Array<"title" | "description" | "tags">;
  version: number;
}

const FIELDS = ["title", "description", "tags"] as const;

const notFound = () => new KnownError("not_found", "That asset no longer exists.");
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function editAssetMetadata(db: Db, actor: ActingViewer, input: MetadataEdit): Promise<MetadataEditResult> {
  const edit = { ...input, tags: input.tags === undefined ? undefined : normalisedTags(input.tags) };
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<Array<{ id: number }>>`
      SELECT id FROM assets WHERE uuid = ${edit.uuid}::uuid FOR UPDATE`;
    if (!locked) throw notFound();
    const asset = await tx.asset.findUniqueOrThrow({
      where: { id: locked.id },
      select: { version: true, canonical: true, isDeleted: true, title: true, description: true, tags: true },
    });
    // Visibility first, so a hidden asset tells nothing; then the version, then the rule.
    if (asset.isDeleted && !seesDeletedAssets(actor.role)) throw notFound();
    if (edit.version !== undefined && asset.version !== edit.version)
      throw new KnownError(
        "conflict",
        `Someone changed this asset after you opened it (it is now at version ${asset.version}). Nothing was saved: reload to see their change, then edit again.`,
      );
    const refusal = metadataRefusal(actor.role, asset);
    if (refusal) throw refusal;

    const changed = FIELDS.filter((field) => edit[field] !== undefined && !same(asset[field], edit[field]));
    if (changed.length === 0) return { changed, version: asset.version };
    const data = Object.fromEntries(changed.map((field) => [field, edit[field]]));
    await tx.asset.update({ where: { id: locked.id }, data: { ...data, version: { increment: 1 } } });
    await writeAudit(tx, actor, [
      {
        action: "asset.metadata",
        targetType: "asset",
        targetUuid: edit.uuid,
        before: Object.fromEntries(changed.map((field) => [field, asset[field]])),
        after: data as Prisma.InputJsonObject,
      },
    ]);
    return { changed, version: asset.version + 1 };
  });
}

function normalisedTags(tags: string[]): string[] {
  const parsed = tagsSchema.safeParse(tags);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues.map((issue) => issue.message).join(" ");
  throw new KnownError("invalid", message, { tags: [message] });
}

export interface TagChange {
  add: string[];
  remove: string[];
}

export interface BulkTagReport {
  batchUuid: string;
  /** Assets of the selection this viewer may reach. */
  matched: number;
  changed: number;
  /** Assets that already had the tags added and none of those removed. */
  unchanged: number;
  /** Assets refused, by reason (deleted; approved, for operators; too many tags). */
  skipped: Partial<Record<Reason, number>>;
  /** Uuids of the changed assets, when there are at most 1,000 of them. */
  changedUuids: string[];
}

/**
 * Adds and removes tags on every asset of the selection this viewer may change, in batches of
 * DEFAULT_BATCH_SIZE assets in id order. Each batch is one statement: it locks its rows, computes
 * each asset's new tags (normalised, de-duplicated, sorted like tagsSchema), writes those that
 * differ and inserts their audit rows (one batch uuid for the whole request) from the same RETURNING.
 */
export async function bulkTags(
  db: Db,
  actor: ActingViewer,
  selection: Selection,
  change: TagChange,
  { batchSize = DEFAULT_BATCH_SIZE }: { batchSize?: number } = {},
): Promise<BulkTagReport> {
  change = { add: normalisedTags(change.add), remove: normalisedTags(change.remove) };
  if (change.add.length === 0 && change.remove.length === 0)
    throw new KnownError("invalid", "Name at least one tag to add or remove.", { tags: ["Name a tag."] });
  const overlap = change.add.filter((tag) => change.remove.includes(tag));
  if (overlap.length > 0)
    throw new KnownError("invalid", `A tag cannot be added and removed at once: ${overlap.join(", ")}.`);
  const batchUuid = randomUUID();
  const report: BulkTagReport = { batchUuid, matched: 0, changed: 0, unchanged: 0, skipped: {}, changedUuids: [] };
  const where = selectionSql(selection, actor.role);
  const ids = (await db.$queryRaw<Array<{ id: number }>>`SELECT a.id FROM assets a WHERE ${where} ORDER BY a.id`).map(
    (row) => row.id,
  );
  const audit = auditInsertSql(actor, {
    action: "asset.metadata",
    targetType: "asset",
    from: Prisma.sql`changed`,
    targetUuid: Prisma.sql`asset_uuid`,
    before: Prisma.sql`jsonb_build_object('tags', before)`,
    after: Prisma.sql`jsonb_build_object('tags', after)`,
    batchUuid,
  });
  for (let start = 0; start < ids.length; start += batchSize) {
    const chunk = ids.slice(start, start + batchSize);
    // FOR UPDATE reads each row's newest version once its lock is had, so the tags computed are
    // those of the row as it is written; the filter is checked again on that version.
    const [row] = await db.$queryRaw<
      Array<{
        n: bigint;
        unchanged: bigint;
        reasons: Array<{ reason: Reason; n: number }> | null;
        uuids: string[];
      }>
    >`
      WITH batch AS (
        SELECT a.id, a.uuid, COALESCE(a.tags, '{}') AS before, ${metadataRefusalSql(actor.role)} AS refusal
        FROM assets a WHERE a.id = ANY(${chunk}::int[]) AND ${where} ORDER BY a.id FOR UPDATE OF a),
      computed AS (
        SELECT b.*, ARRAY(
            SELECT t FROM (SELECT DISTINCT unnest(b.before || ${change.add}::text[]) AS t) u
            WHERE t <> ALL(${change.remove}::text[]) ORDER BY t COLLATE "C") AS after
        FROM batch b),
      judged AS (
        SELECT c.*, COALESCE(c.refusal, CASE WHEN cardinality(c.after) > ${TAGS_MAX} AND cardinality(c.after) > cardinality(c.before)
          THEN 'too_many_tags' END) AS reason
        FROM computed c),
      changed AS (
        UPDATE assets a SET tags = j.after, version = a.version + 1, updated_at = now()
        FROM judged j WHERE a.id = j.id AND j.reason IS NULL AND j.after <> j.before
        RETURNING a.uuid AS asset_uuid, j.before, j.after),
      audit AS (${audit} RETURNING target_uuid::text AS uuid)
      SELECT (SELECT count(*) FROM batch) AS n,
        (SELECT count(*) FROM judged WHERE reason IS NULL AND after = before) AS unchanged,
        (SELECT json_agg(json_build_object('reason', reason, 'n', n))
           FROM (SELECT reason, count(*) AS n FROM judged WHERE reason IS NOT NULL GROUP BY reason) r) AS reasons,
        ARRAY(SELECT uuid FROM audit) AS uuids`;
    if (!row) continue;
    report.matched += Number(row.n);
    report.unchanged += Number(row.unchanged);
    report.changed += row.uuids.length;
    if (report.changedUuids.length + row.uuids.length <= MAX_SELECTED_UUIDS) report.changedUuids.push(...row.uuids);
    for (const { reason, n } of row.reasons ?? []) report.skipped[reason] = (report.skipped[reason] ?? 0) + n;
  }
  if (report.changedUuids.length < report.changed) report.changedUuids = [];
  if (report.changed > 0)
    log.info(
      { action: "asset.metadata", actor: actor.uuid ?? actor.email, batchUuid, changed: report.changed, ...change },
      "tags changed",
    );
  return report;
}
