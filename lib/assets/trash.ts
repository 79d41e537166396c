import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assetWhere } from "@/lib/assets/list";
import { deletedAssets } from "@/lib/assets/scope";
import { trashAssetFilter, type TrashListQuery, type TrashSort } from "@/lib/assets/trash-params";
import { keysetPage, readCursors, type Key, type KeysetPage, type SortColumn } from "@/lib/table/keyset";

// The trash's one query: the asset filter's WHERE (status "deleted"), who deleted each asset and
// why, in keyset pages over (deleted_at, uuid) or the unique uri.

const SORT_COLUMNS: Record<TrashSort, SortColumn> = {
  // Nullable: a row marked deleted by hand may lack the date; it sorts last.
  deleted: { sql: "a.deleted_at", cast: "timestamptz", nullable: true, unique: false, uuid: "a.uuid" },
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
