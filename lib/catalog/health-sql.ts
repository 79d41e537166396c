import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * SQL: the catalog entry's health problem (see lib/catalog/health.ts), or NULL when it is fine.
 * Needs `c` (catalog_assets) and `LEFT JOIN assets a` on its source asset.
 */
export const catalogHealthSql = Prisma.sql`CASE
  WHEN a.id IS NULL OR a.missing_since IS NOT NULL THEN 'missing'
  WHEN a.probe_error IS NOT NULL THEN 'probe_failed'
  WHEN a.uri <> c.file_path OR a.hash_sha256 IS DISTINCT FROM c.source_sha256 THEN 'changed' END`;
