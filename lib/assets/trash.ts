import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assetWhere } from "@/lib/assets/list";
import { deletedAssets } from "@/lib/assets/scope";
import { trashAssetFilter, type TrashListQuery, type TrashSort } from "@/lib/assets/trash-params";
import { keysetPage, readCursors, type Key, type KeysetPage, type SortColumn } from "@/lib/table/keyset";

// The trash's one query: the asset filter's WHERE (status "deleted"), who deleted each asset and
// why, in keyset pages over (deleted_at, uuid) or the unique uri.
//
// The deletion order is asset_trash's index, not one on assets: the database keeps asset_trash from
// assets.deleted_at (triggers, migration hot_status_changes), so a delete or restore changes no
// indexed column of assets and PostgreSQL updates the row in place (docs/architecture.md, "Bulk
// writes"). assets.deleted_at stays the truth; asset_trash holds exactly the deleted assets.

const SORT_COLUMNS: Record<TrashSort, SortColumn> = {
  // Nullable: a row marked deleted by hand may lack the date; it sorts last.
  deleted: { sql: "t.deleted_at", cast: "timestamptz", nullable: true, unique: false, uuid: "t.uuid" },
  file: { sql: "a.uri", cast: "text", nullable: false, unique: true, uuid: "a.uuid" },
};

export interface TrashRow {
  uuid: string;
  uri: string;
  deletedAt: Date | null;
  deletedByEmail: string | null;
  deleteReason: string | null;
  key: Key;
}

export async function listTrash(
  db: Db,
  query: TrashListQuery,
): Promise<KeysetPage<TrashRow> & { cursorIgnored: boolean }> {
  const column = SORT_COLUMNS[query.sort];
  const { cursor, ignored } = readCursors(query, column);
  const where = assetWhere(trashAssetFilter(query));
  const page = await keysetPage(column, query.dir, cursor, query.per, async (condition, orderBy, limit) => {
    const rows = await db.$queryRaw<Array<Omit<TrashRow, "key"> & { sortValue: string | null }>>`
      SELECT a.uuid::text AS uuid, a.uri, a.deleted_at AS "deletedAt", u.email AS "deletedByEmail", a.delete_reason AS "deleteReason",
             ${Prisma.raw(column.sql)}::text AS "sortValue"
      FROM assets a
      JOIN asset_trash t ON t.asset_id = a.id
      LEFT JOIN users u ON u.id = a.deleted_by_id
      WHERE ${where} AND ${condition}
      ORDER BY ${orderBy}
      LIMIT ${limit}`;
    return rows.map(({ sortValue, ...row }) => ({ ...row, key: { v: sortValue, u: row.uuid } }));
  });
  return { ...page, cursorIgnored: ignored };
}

/** Emails of the users who deleted something still in the trash, for the filter's suggestions. */
export async function trashDeleters(db: Db): Promise<string[]> {
  const users = await db.user.findMany({
    where: { deletedAssets: { some: deletedAssets } },
    orderBy: { email: "asc" },
    select: { email: true },
    take: 200,
  });
  return users.map((user) => user.email);
}

/**
 * Recomputes asset_trash from the assets alone (asset_trash_rebuild), holding off writers meanwhile:
 * for after a bulk load with the user triggers of assets disabled.
 */
export async function rebuildTrashOrder(db: Db | Prisma.TransactionClient): Promise<void> {
  await db.$executeRaw`SELECT asset_trash_rebuild()`;
}

/** Assets whose trash row is missing, extra or carries another date than the asset; zero when exact. */
export async function trashOrderDrift(db: Db | Prisma.TransactionClient): Promise<number> {
  const [{ n }] = await db.$queryRaw<[{ n: number }]>`
    SELECT count(*)::int AS n
    FROM (SELECT id, deleted_at FROM assets WHERE is_deleted) a
    FULL JOIN asset_trash t ON t.asset_id = a.id
    WHERE a.id IS NULL OR t.asset_id IS NULL OR a.deleted_at IS DISTINCT FROM t.deleted_at`;
  return n;
}
