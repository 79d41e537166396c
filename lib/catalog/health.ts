import { Prisma } from "@/lib/generated/prisma/client";

// Whether a catalog entry (`c`, joined to its source asset `a`) can still be played as promoted:
// one home for the rule the catalog table, its filter, the dashboard and the API all read.
// - missing: the source asset is gone, or the last scan did not find its file;
// - probe_failed: ffprobe could not read the file at its last reading;
// - changed: the file is not the one promoted (another path, or other bytes than at promotion).
// A scan that sees an approved file's bytes change revokes and withdraws it, so "changed" mostly
// means a path edited or remapped since; the check still guards entries promoted before that rule.

export const CATALOG_HEALTH = ["missing", "probe_failed", "changed"] as const;
export type CatalogHealth = (typeof CATALOG_HEALTH)[number];

export const CATALOG_HEALTH_LABEL: Record<CatalogHealth, string> = {
  missing: "File missing",
  probe_failed: "Probe failed",
  changed: "Changed since promotion",
};

/** SQL: the entry's health problem (text), or NULL when it is fine. Needs `c` and `LEFT JOIN assets a`. */
export const catalogHealthSql = Prisma.sql`CASE
  WHEN a.id IS NULL OR a.missing_since IS NOT NULL THEN 'missing'
  WHEN a.probe_error IS NOT NULL THEN 'probe_failed'
  WHEN a.uri <> c.file_path OR a.hash_sha256 IS DISTINCT FROM c.source_sha256 THEN 'changed' END`;
