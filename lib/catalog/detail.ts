import "server-only";
import type { Db } from "@/lib/db";
import type { CatalogHealth } from "@/lib/catalog/health";
import { catalogHealthSql } from "@/lib/catalog/health-sql";

// One catalog entry for its page and GET /api/v1/catalog/{uuid}: uuids only, with its health
// (the rule in lib/catalog/health.ts) and its history (the audit rows that target it).

export interface CatalogEntryDetail {
  uuid: string;
  title: string;
  tags: string[];
  durationMs: number;
  filePath: string;
  sourceSha256: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdByEmail: string | null;
  sourceAssetUuid: string | null;
  health: CatalogHealth | null;
  history: Array<{
    uuid: string;
    at: Date;
    action: string;
    actorEmail: string | null;
    before: unknown;
    after: unknown;
    batchUuid: string | null;
  }>;
}

export async function findCatalogEntry(db: Db, uuid: string): Promise<CatalogEntryDetail | null> {
  const [entry] = await db.$queryRaw<Array<Omit<CatalogEntryDetail, "history">>>`
    SELECT c.uuid::text AS uuid, c.title, c.tags, c.duration_ms AS "durationMs", c.file_path AS "filePath",
           c.source_sha256 AS "sourceSha256", c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt",
           u.email AS "createdByEmail", a.uuid::text AS "sourceAssetUuid", ${catalogHealthSql} AS health
    FROM catalog_assets c
    LEFT JOIN users u ON u.id = c.created_by_id
    LEFT JOIN assets a ON a.id = c.source_asset_id
    WHERE c.uuid = ${uuid}::uuid`;
  if (!entry) return null;
  const history = await db.auditEvent.findMany({
    where: { targetUuid: uuid, targetType: "catalog_asset" },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: 100,
    select: { uuid: true, at: true, action: true, actorEmail: true, before: true, after: true, batchUuid: true },
  });
  return { ...entry, history };
}
