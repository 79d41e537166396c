import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { RULES } from "@/lib/assets/rules";
import { visibleAssetSql } from "@/lib/assets/scope";
import { REASONS } from "@/lib/assets/transitions";
import type { ActingViewer, Viewer } from "@/lib/assets/visibility";
import { writeAudit, type AuditEntry } from "@/lib/audit/write";
import { catalogEntryNotFound, staleCatalogEntry } from "@/lib/catalog/edit";
import { KnownError } from "@/lib/errors";

// "Replace source": a catalog entry is pointed at another asset (a better copy, the same episode
// from another source). The entry keeps its uuid, title and tags — what scheduling refers to — and
// takes the new asset's file path, duration and hash (so catalog health judges the new file). The
// old asset stays approved but is no longer promoted. One batch uuid covers the change's audit rows
// (the entry's, and one for each asset whose status changed), so the audit page can undo it.
//
// The new asset must be one a promote would accept (RULES.promote: live, approved, a duration, not
// in the catalog already) whose file the last scan found and ffprobe could read.

type Tx = Prisma.TransactionClient | Db;

export interface SourceFile {
  /** Null when the entry's asset was removed. */
  assetUuid: string | null;
  filePath: string;
  durationMs: number;
  sha256: string | null;
}

export interface ReplacePreflight {
  entry: { uuid: string; title: string; version: number };
  current: SourceFile;
  next: SourceFile;
  /** Why the asset cannot take the entry's source, in an editor's words; null when it can. */
  refusal: string | null;
}

export interface ReplaceResult {
  batchUuid: string;
  version: number;
  previous: SourceFile;
  current: SourceFile;
}

type Refusal = "deleted" | "already_promoted" | "not_approved" | "missing_duration" | "missing" | "probe_failed";

const REFUSALS: Record<Refusal, string> = {
  deleted: REASONS.deleted,
  already_promoted: "It is already the source of another catalog entry; an asset backs at most one entry.",
  not_approved: "It is not approved; only an approved asset can back a catalog entry.",
  missing_duration: REASONS.missing_duration,
  missing: "Its file is missing: the last scan did not find it.",
  probe_failed: "ffprobe could not read its file; probe it again first.",
};

// Over `a`: the promote rule, then what catalog health would flag at once (lib/catalog/health-sql.ts).
const refusalSql = Prisma.sql`COALESCE(${RULES.promote.reason},
  CASE WHEN a.missing_since IS NOT NULL THEN 'missing' WHEN a.probe_error IS NOT NULL THEN 'probe_failed' END)`;

interface Entry {
  id: number;
  uuid: string;
  title: string;
  version: number;
  sourceAssetId: number | null;
  current: SourceFile;
}

interface Candidate {
  id: number;
  file: SourceFile;
  reason: Refusal | null;
}

async function readEntry(tx: Tx, uuid: string, lock: boolean): Promise<Entry> {
  const [row] = await tx.$queryRaw<
    Array<Omit<Entry, "current"> & { filePath: string; durationMs: number; sha256: string | null; assetUuid: string }>
  >`
    SELECT c.id, c.uuid::text AS uuid, c.title, c.version, c.source_asset_id AS "sourceAssetId", c.file_path AS "filePath",
           c.duration_ms AS "durationMs", c.source_sha256 AS sha256, a.uuid::text AS "assetUuid"
    FROM catalog_assets c LEFT JOIN assets a ON a.id = c.source_asset_id
    WHERE c.uuid = ${uuid}::uuid ${lock ? Prisma.sql`FOR UPDATE OF c` : Prisma.empty}`;
  if (!row) throw catalogEntryNotFound();
  const { filePath, durationMs, sha256, assetUuid, ...entry } = row;
  return { ...entry, current: { assetUuid, filePath, durationMs, sha256 } };
}

/** The asset by uuid as this viewer may reach it (below trash.manage a deleted one does not exist), with its refusal. */
async function readCandidate(tx: Tx, viewer: Viewer, assetUuid: string): Promise<Candidate> {
  const [row] = await tx.$queryRaw<
    Array<{
      id: number;
      uuid: string;
      uri: string;
      durationMs: number | null;
      sha256: string | null;
      reason: Refusal | null;
    }>
  >`
    SELECT a.id, a.uuid::text AS uuid, a.uri, a.duration_ms AS "durationMs", a.hash_sha256 AS sha256, ${refusalSql} AS reason
    FROM assets a WHERE a.uuid = ${assetUuid}::uuid AND ${visibleAssetSql(viewer)}`;
  if (!row) {
    const message = "No asset has that uuid.";
    throw new KnownError("not_found", message, { assetUuid: [message] });
  }
  return {
    id: row.id,
    reason: row.reason,
    file: { assetUuid: row.uuid, filePath: row.uri, durationMs: row.durationMs ?? 0, sha256: row.sha256 },
  };
}

function refusalOf(entry: Entry, candidate: Candidate, undo: boolean): string | null {
  const subject = undo ? "The earlier source asset cannot be put back" : "That asset cannot replace the source";
  if (candidate.id === entry.sourceAssetId) return `${subject}: it already is this entry's source.`;
  return candidate.reason ? `${subject}: ${REFUSALS[candidate.reason]}` : null;
}

/** What a replacement would change (old and new file, duration, hash), and whether it may happen; changes nothing. */
export async function previewReplaceSource(
  db: Db,
  viewer: Viewer,
  catalogUuid: string,
  assetUuid: string,
): Promise<ReplacePreflight> {
  const entry = await readEntry(db, catalogUuid, false);
  const candidate = await readCandidate(db, viewer, assetUuid);
  return {
    entry: { uuid: entry.uuid, title: entry.title, version: entry.version },
    current: entry.current,
    next: candidate.file,
    refusal: refusalOf(entry, candidate, false),
  };
}

export interface ReplaceSource {
  catalogUuid: string;
  assetUuid: string;
  /** The entry's version the caller saw; a newer one refuses the change. Omitted: the entry as it is now. */
  version?: number;
}

/** Points the entry at another asset, in one transaction with its audit rows; refusals in an editor's words. */
export async function replaceCatalogSource(
  db: Db,
  actor: ActingViewer,
  change: ReplaceSource,
  options: { undoOf?: string } = {},
): Promise<ReplaceResult> {
  // Locks in the workflow engine's order, assets before catalog rows, so a promote or withdraw of
  // either asset running at the same time waits instead of deadlocking.
  const seen = await readEntry(db, change.catalogUuid, false);
  const { id: newId } = await readCandidate(db, actor.role, change.assetUuid);
  try {
    return await db.$transaction(async (tx) => {
      const ids = [newId, ...(seen.sourceAssetId === null ? [] : [seen.sourceAssetId])].sort((a, b) => a - b);
      await tx.$queryRaw`SELECT id FROM assets WHERE id = ANY(${ids}::int[]) ORDER BY id FOR UPDATE`;
      const entry = await readEntry(tx, change.catalogUuid, true);
      if (change.version !== undefined && entry.version !== change.version) throw staleCatalogEntry(entry.version);
      if (entry.sourceAssetId !== seen.sourceAssetId)
        throw new KnownError("conflict", "The catalog entry's source changed while this ran; reload and try again.");
      if (options.undoOf) await checkUnchangedSince(tx, entry.uuid, options.undoOf);
      // A new statement, so a promote that committed while we waited for the locks is seen.
      const candidate = await readCandidate(tx, actor.role, change.assetUuid);
      const refusal = refusalOf(entry, candidate, options.undoOf !== undefined);
      if (refusal) throw new KnownError("conflict", refusal, { assetUuid: [refusal] });

      const next = candidate.file;
      await tx.catalogAsset.update({
        where: { id: entry.id },
        data: {
          sourceAssetId: candidate.id,
          filePath: next.filePath,
          durationMs: next.durationMs,
          sourceSha256: next.sha256,
          version: { increment: 1 },
        },
      });
      // Both assets changed status (promoted ↔ approved), as a promote or withdraw bumps them.
      await tx.$executeRaw`UPDATE assets SET version = version + 1, updated_at = now() WHERE id = ANY(${ids}::int[])`;

      const batchUuid = randomUUID();
      const undo = options.undoOf ? { undoOf: options.undoOf } : {};
      const previous = entry.current;
      const rows: AuditEntry[] = [
        {
          action: "catalog.replace_source",
          targetType: "catalog_asset",
          targetUuid: entry.uuid,
          before: { assetUuid: previous.assetUuid, filePath: previous.filePath },
          after: { assetUuid: next.assetUuid, filePath: next.filePath, ...undo },
          batchUuid,
        },
        {
          action: "catalog.replace_source",
          targetType: "asset",
          targetUuid: next.assetUuid!,
          before: { catalogUuid: null },
          after: { catalogUuid: entry.uuid, ...undo },
          batchUuid,
        },
      ];
      if (previous.assetUuid)
        rows.push({
          action: "catalog.replace_source",
          targetType: "asset",
          targetUuid: previous.assetUuid,
          before: { catalogUuid: entry.uuid },
          after: { catalogUuid: null, ...undo },
          batchUuid,
        });
      await writeAudit(tx, actor, rows);
      return { batchUuid, version: entry.version + 1, previous, current: next };
    });
  } catch (error) {
    // A promote of the same asset that won the race: the unique source_asset_id decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new KnownError("conflict", `That asset cannot replace the source: ${REFUSALS.already_promoted}`);
    throw error;
  }
}

/** Refuses when any change to the entry was recorded after the batch (an edit, another replacement). */
async function checkUnchangedSince(tx: Tx, catalogUuid: string, batchUuid: string): Promise<void> {
  const [latest] = await tx.$queryRaw<Array<{ batchUuid: string | null }>>`
    SELECT batch_uuid::text AS "batchUuid" FROM audit_events
    WHERE target_uuid = ${catalogUuid}::uuid AND target_type = 'catalog_asset' ORDER BY id DESC LIMIT 1`;
  if (latest?.batchUuid !== batchUuid)
    throw new KnownError(
      "conflict",
      "The catalog entry has changed since (edited, or its source replaced again); nothing was undone.",
    );
}

/**
 * Undoes a replacement by its batch: the earlier asset becomes the source again, if nothing has
 * changed the entry since and that asset may still back it; else the refusal says why.
 */
export async function undoReplaceSource(
  db: Db,
  actor: ActingViewer,
  batchUuid: string,
): Promise<ReplaceResult & { undoOf: string }> {
  const [change] = await db.$queryRaw<Array<{ catalogUuid: string; assetUuid: string | null; undone: boolean }>>`
    SELECT e.target_uuid::text AS "catalogUuid", e.before ->> 'assetUuid' AS "assetUuid",
           EXISTS (SELECT 1 FROM audit_events u WHERE u.target_uuid = e.target_uuid AND u.after ->> 'undoOf' = ${batchUuid}) AS undone
    FROM audit_events e
    WHERE e.batch_uuid = ${batchUuid}::uuid AND e.action = 'catalog.replace_source' AND e.target_type = 'catalog_asset'`;
  if (!change) throw new KnownError("not_found", "No source replacement has that batch id.");
  if (change.undone) throw new KnownError("conflict", "This source replacement was already undone.");
  if (!change.assetUuid)
    throw new KnownError("conflict", "The entry had no source asset before this change, so there is none to put back.");
  const result = await replaceCatalogSource(
    db,
    actor,
    { catalogUuid: change.catalogUuid, assetUuid: change.assetUuid },
    { undoOf: batchUuid },
  ).catch((error: unknown) => {
    // The earlier asset was purged, or is deleted and hidden from this role.
    if (error instanceof KnownError && error.kind === "not_found" && error.fieldErrors?.assetUuid)
      throw new KnownError("conflict", "The earlier source asset no longer exists; nothing was undone.");
    throw error;
  });
  return { ...result, undoOf: batchUuid };
}

/**
 * Assets that could replace the entry's source and share an episode with its current asset (the
 * same programme from another copy), at most ten.
 */
export async function replacementCandidates(db: Db, catalogUuid: string): Promise<SourceFile[]> {
  const rows = await db.$queryRaw<Array<{ uuid: string; uri: string; durationMs: number; sha256: string | null }>>`
    SELECT DISTINCT a.id, a.uuid::text AS uuid, a.uri, a.duration_ms AS "durationMs", a.hash_sha256 AS sha256
    FROM catalog_assets c
    JOIN episode_assets mine ON mine.asset_id = c.source_asset_id
    JOIN episode_assets other ON other.episode_id = mine.episode_id AND other.asset_id <> mine.asset_id
    JOIN assets a ON a.id = other.asset_id
    WHERE c.uuid = ${catalogUuid}::uuid AND (${refusalSql}) IS NULL
    ORDER BY a.id LIMIT 10`;
  return rows.map((row) => ({
    assetUuid: row.uuid,
    filePath: row.uri,
    durationMs: row.durationMs,
    sha256: row.sha256,
  }));
}
