// Whether a catalog entry can still be played as promoted: one home for the rule the catalog table,
// its filter, the dashboard and the API all read (as SQL in health-sql.ts; this file is plain data,
// so the browser shows the same labels).
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
