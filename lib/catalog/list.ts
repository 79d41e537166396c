import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CatalogHealth } from "@/lib/catalog/health";
import { catalogHealthSql } from "@/lib/catalog/health-sql";
import type { CatalogListQuery, CatalogSort } from "@/lib/catalog/list-params";
import { keysetPage, readCursors, type Key, type KeysetPage, type SortColumn } from "@/lib/table/keyset";

const SORT_COLUMNS: Record<CatalogSort, SortColumn> = {
  promoted: { sql: "c.created_at", cast: "timestamptz", nullable: false, unique: false, uuid: "c.uuid" },
  title: { sql: "c.title", cast: "text", nullable: false, unique: false, uuid: "c.uuid" },
  duration: { sql: "c.duration_ms", cast: "integer", nullable: false, unique: false, uuid: "c.uuid" },
};

export interface CatalogListRow {
  uuid: string;
  title: string;
  durationMs: number;
  tags: string[];
  filePath: string;
  createdAt: Date;
  createdByEmail: string | null;
  sourceAssetUuid: string | null;
  health: CatalogHealth | null;
  key: Key;
}

function catalogWhere(query: CatalogListQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    conditions.push(Prisma.sql`(c.title ILIKE ${pattern} OR c.file_path ILIKE ${pattern})`);
  }
  if (query.tag) conditions.push(Prisma.sql`c.tags && ${query.tag}::text[]`);
  if (query.health === "any") conditions.push(Prisma.sql`(${catalogHealthSql}) IS NOT NULL`);
  else if (query.health) conditions.push(Prisma.sql`(${catalogHealthSql}) = ${query.health}`);
  return Prisma.join(conditions, " AND ");
}

export async function listCatalogEntries(
  db: Db,
  query: CatalogListQuery,
): Promise<KeysetPage<CatalogListRow> & { cursorIgnored: boolean }> {
  const column = SORT_COLUMNS[query.sort];
  const { cursor, ignored } = readCursors(query, column);
  const where = catalogWhere(query);
  const page = await keysetPage(column, query.dir, cursor, query.per, async (condition, orderBy, limit) => {
    const rows = await db.$queryRaw<Array<Omit<CatalogListRow, "key"> & { sortValue: string }>>`
      SELECT c.uuid::text AS uuid, c.title, c.duration_ms AS "durationMs", c.tags, c.file_path AS "filePath", c.created_at AS "createdAt",
             u.email AS "createdByEmail", a.uuid::text AS "sourceAssetUuid", ${catalogHealthSql} AS health,
             ${Prisma.raw(column.sql)}::text AS "sortValue"
      FROM catalog_assets c
      LEFT JOIN users u ON u.id = c.created_by_id
      LEFT JOIN assets a ON a.id = c.source_asset_id
      WHERE ${where} AND ${condition}
      ORDER BY ${orderBy}
      LIMIT ${limit}`;
    return rows.map(({ sortValue, ...row }) => ({ ...row, key: { v: sortValue, u: row.uuid } }));
  });
  return { ...page, cursorIgnored: ignored };
}

/** Catalog entries with each health problem, for the dashboard. */
export async function countCatalogHealth(db: Db): Promise<Record<CatalogHealth, number>> {
  const rows = await db.$queryRaw<Array<{ health: CatalogHealth; n: bigint }>>`
    SELECT health, count(*) AS n FROM (
      SELECT ${catalogHealthSql} AS health FROM catalog_assets c LEFT JOIN assets a ON a.id = c.source_asset_id) h
    WHERE health IS NOT NULL GROUP BY health`;
  const counts: Record<CatalogHealth, number> = { missing: 0, probe_failed: 0, changed: 0 };
  for (const row of rows) counts[row.health] = Number(row.n);
  return counts;
}
