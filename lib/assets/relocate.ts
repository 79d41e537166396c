import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AuditActor } from "@/lib/audit/write";
import { auditInsertSql } from "@/lib/audit/sql";

// The one home of "an asset's file is now at another path" (a move found by a scan, a resolved
// move, a re-map of a source's paths and its undo): the asset keeps its uuid, approval, episode
// links, QC result and catalog entry; its uri changes, its filesystem provider ref is re-keyed to the
// new path, and its catalog entry's file_path follows when it named the old path (the catalog
// points at where the promoted bytes are; an entry already pointing elsewhere is left for catalog
// health to flag). One statement, its audit rows from its own RETURNING.

export interface Relocation {
  id: number;
  /** The path the asset must still be at; a row that moved meanwhile is left alone. */
  from: string;
  to: string;
}

export interface RelocateOptions {
  action: "asset.moved" | "asset.remapped";
  /** Also clear missing_since (the file was found at its new path). */
  found: boolean;
  /** Extra keys of each audit row's `after` (the scan run, who resolved it, an undo's batch). */
  after?: Record<string, string | null>;
  batchUuid?: string | null;
}

export interface Relocated {
  id: number;
  uuid: string;
  from: string;
  to: string;
}

/**
 * Moves the assets to their new paths and audits each move. A row whose new path another asset
 * holds, or that is no longer at `from`, is skipped: callers compare what came back with what they asked.
 */
export async function relocateAssets(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  rows: Relocation[],
  options: RelocateOptions,
): Promise<Relocated[]> {
  if (rows.length === 0) return [];
  const extra = JSON.stringify(options.after ?? {});
  const missing = options.found ? Prisma.sql`NULL::timestamptz` : Prisma.sql`o.missing_since`;
  const audit = auditInsertSql(actor, {
    action: options.action,
    targetType: "asset",
    from: Prisma.sql`moved`,
    targetUuid: Prisma.sql`uuid`,
    before: Prisma.sql`jsonb_build_object('uri', old_uri) || CASE WHEN ${options.found}::boolean AND old_missing IS NOT NULL
      THEN jsonb_build_object('missingSince', old_missing) ELSE '{}'::jsonb END`,
    after: Prisma.sql`jsonb_build_object('uri', new_uri) || CASE WHEN ${options.found}::boolean AND old_missing IS NOT NULL
      THEN jsonb_build_object('missingSince', NULL) ELSE '{}'::jsonb END || ${extra}::jsonb`,
    batchUuid: options.batchUuid ?? null,
  });
  return tx.$queryRaw<Relocated[]>`
    WITH v AS (
      SELECT * FROM unnest(${rows.map((r) => r.id)}::int[], ${rows.map((r) => r.from)}::text[], ${rows.map((r) => r.to)}::text[])
        AS v(id, old_uri, new_uri)
    ), o AS (
      SELECT a.id, a.missing_since FROM assets a JOIN v ON v.id = a.id AND a.uri = v.old_uri
      WHERE NOT EXISTS (SELECT 1 FROM assets x WHERE x.uri = v.new_uri)
      ORDER BY a.id FOR UPDATE OF a
    ), moved AS (
      UPDATE assets a SET uri = v.new_uri, missing_since = ${missing}, version = a.version + 1, updated_at = now()
      FROM v, o WHERE a.id = v.id AND o.id = v.id
      RETURNING a.id, a.uuid, v.old_uri, v.new_uri, o.missing_since AS old_missing
    ), refs AS (
      UPDATE provider_refs r SET provider_key = m.new_uri,
        raw = CASE WHEN jsonb_typeof(r.raw) = 'object' THEN r.raw || jsonb_build_object('path', m.new_uri) ELSE r.raw END,
        updated_at = now()
      FROM moved m WHERE r.asset_id = m.id AND r.provider = 'filesystem' AND r.provider_key = m.old_uri
        AND NOT EXISTS (SELECT 1 FROM provider_refs x WHERE x.asset_id = m.id AND x.provider = 'filesystem' AND x.provider_key = m.new_uri)
    ), catalog AS (
      UPDATE catalog_assets c SET file_path = m.new_uri FROM moved m WHERE c.source_asset_id = m.id AND c.file_path = m.old_uri
    ), audit AS (${audit})
    SELECT id, uuid::text AS uuid, old_uri AS "from", new_uri AS "to" FROM moved`;
}
