import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// "Has duplicates": another asset, deleted ones included, holds the same sha256. The database keeps
// it (migration 20261202163244_duplicate_groups): triggers on assets count each hash's assets in
// asset_hash_groups and set assets.has_duplicate on a group's members when it crosses between one
// and two, so scans, imports, edits, re-probes, purges, merges and fills stay exact without asking.
// Deleted copies count because the trash is where a copy waits for its purge: the flag says which
// bytes the desk holds twice, in any state.

/** The filter's condition over `assets a`: a column of the row, walked through its partial indexes. */
export const hasDuplicateSql = Prisma.sql`a.has_duplicate`;

/**
 * The triggers that keep the groups. A bulk load may disable them
 * (`ALTER TABLE assets DISABLE TRIGGER <name>` for each, or `DISABLE TRIGGER USER`) and must then
 * call rebuildDuplicateGroups.
 */
export const DUPLICATE_TRIGGERS = [
  "assets_hash_groups_insert",
  "assets_hash_groups_delete",
  "assets_hash_groups_rehash",
  "assets_hash_groups_truncate",
] as const;

/**
 * Recomputes every group and every flag from the assets alone, set-based, holding off writers
 * meanwhile. For after a bulk load with the triggers disabled; the migration's backfill is the same
 * function (asset_hash_groups_rebuild).
 */
export async function rebuildDuplicateGroups(db: Db | Prisma.TransactionClient): Promise<void> {
  await db.$executeRaw`SELECT asset_hash_groups_rebuild()`;
}

export interface DuplicateDrift {
  /** Hashes whose stored count differs from the assets (missing or extra groups included). */
  groups: number;
  /** Assets whose flag differs from "another asset has the same hash". */
  flags: number;
}

/** How far the kept groups and flags are from a recount from scratch; all zero when exact. */
export async function duplicateDrift(db: Db | Prisma.TransactionClient): Promise<DuplicateDrift> {
  const [row] = await db.$queryRaw<[{ groups: number; flags: number }]>`
    WITH truth AS (
      SELECT hash_sha256, count(*)::int AS members FROM assets WHERE hash_sha256 IS NOT NULL GROUP BY hash_sha256)
    SELECT
      (SELECT count(*)::int FROM truth t FULL JOIN asset_hash_groups g ON g.hash_sha256 = t.hash_sha256
        WHERE t.members IS DISTINCT FROM g.members) AS groups,
      (SELECT count(*)::int FROM assets a LEFT JOIN truth t ON t.hash_sha256 = a.hash_sha256
        WHERE a.has_duplicate <> COALESCE(t.members >= 2, FALSE)) AS flags`;
  return row;
}
