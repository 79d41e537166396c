import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { rebuildDuplicateGroups } from "@/lib/assets/duplicates";
import { rebuildTrashOrder } from "@/lib/assets/trash";

// Large synthetic sets for benchmarks: rows are generated inside PostgreSQL (generate_series)
// in bounded batches, so ten million assets take minutes, not hours.
// The mix mirrors the demo: ~40 % approved, half of those promoted, 5 % deleted, 3 % unprobed,
// 0.5 % duplicate hashes, three providers.

export interface SyntheticOptions {
  count: number;
  batchSize?: number;
  onBatch?: (done: number, total: number) => void;
  /** Told when the fill moves on to a step that prints no batches (dropping or building indexes). */
  onStep?: (step: string) => void;
}

/** The tables the generator writes. */
const TABLES = ["assets", "provider_refs", "catalog_assets"];

const BATCH_SQL = `
WITH inserted AS (
  INSERT INTO assets (uri, size, duration_ms, video_codec, audio_codec, container, hash_sha256,
                      discovered_at, canonical, is_deleted, deleted_at, delete_reason)
  SELECT
    '/synthetic/' || $1::text || '/' || lpad(g::text, 9, '0') || '.' || (ARRAY['mkv','mp4','ts','avi','mov','webm'])[1 + g % 6],
    (50 + abs(hashtext(g::text || $1::text)) % 4000)::bigint * 1048576,
    CASE WHEN g % 33 = 0 THEN NULL ELSE 10000 + abs(hashtext($1::text || g::text)) % 7200000 END,
    CASE WHEN g % 33 = 0 THEN NULL ELSE (ARRAY['h264','hevc','mpeg2video','mpeg4','prores','vp9'])[1 + g % 6] END,
    CASE WHEN g % 33 = 0 THEN NULL ELSE (ARRAY['aac','eac3','ac3','mp3','pcm_s16le','opus'])[1 + (g / 6) % 6] END,
    CASE WHEN g % 33 = 0 THEN NULL ELSE (ARRAY['mkv','mp4','mpegts','avi','mov','webm'])[1 + g % 6] END,
    md5($1::text || (g - (g % 200 = 1)::int)::text) || md5((g - (g % 200 = 1)::int)::text || $1::text),
    now() - make_interval(secs => abs(hashtext('d' || g::text)) % (730 * 86400)),
    g % 10 < 4 AND g % 33 <> 0 AND g % 20 <> 0,
    g % 20 = 0,
    CASE WHEN g % 20 = 0 THEN now() - make_interval(secs => g % 86400) END,
    CASE WHEN g % 20 = 0 THEN 'synthetic cleanup' END
  FROM generate_series($2::int, $3::int) AS g
  RETURNING id, uri, canonical, duration_ms, hash_sha256
), refs AS (
  INSERT INTO provider_refs (provider, provider_key, asset_id)
  SELECT (ARRAY['filesystem','plex','jellyfin']::provider[])[1 + id % 3],
         CASE id % 3 WHEN 0 THEN uri ELSE md5(uri) END, id
  FROM inserted
)
INSERT INTO catalog_assets (title, duration_ms, file_path, source_sha256, tags, source_asset_id)
SELECT regexp_replace(uri, '^.*/', ''), duration_ms, uri, hash_sha256, ARRAY['synthetic'], id
FROM inserted WHERE canonical AND id % 2 = 0`;

/**
 * Adds `count` synthetic assets. A fill that at least doubles the table (the first fill of a bench
 * database, 10,000,000 rows) runs as one bulk load: the tables' secondary indexes are dropped, the
 * rows inserted, and the indexes built again once, sorted, which is several times faster than
 * keeping twenty-odd indexes up to date row by row. The rows are made by PostgreSQL itself
 * (`INSERT … SELECT … generate_series`): like COPY, one statement per batch with nothing per row
 * crossing the wire, and unlike COPY nothing to generate or stream on the client. User triggers on
 * the tables (kept state such as duplicate groups) are off during the load and rebuilt after it.
 * It is all one transaction: a fill that fails leaves the database as it was, indexes included.
 */
export async function generateSyntheticAssets(
  db: Db,
  { count, batchSize = 250_000, onBatch, onStep }: SyntheticOptions,
) {
  if (!Number.isInteger(count) || count < 1) throw new Error("count must be a positive whole number");
  // A fresh tag per run keeps uris unique when the generator runs again on the same database.
  const tag = randomBytes(4).toString("hex");
  const [{ existing }] = await db.$queryRaw<[{ existing: number }]>`
    SELECT CASE WHEN reltuples < 0 THEN (SELECT count(*) FROM assets) ELSE reltuples END::float8 AS existing
    FROM pg_class WHERE oid = 'assets'::regclass`;
  const bulkLoad = count >= existing;
  await db.$transaction(
    async (tx) => {
      const indexes = bulkLoad ? await dropSecondaryIndexes(tx, onStep) : [];
      for (let start = 1; start <= count; start += batchSize) {
        const end = Math.min(count, start + batchSize - 1);
        await tx.$executeRawUnsafe(BATCH_SQL, tag, start, end);
        onBatch?.(end, count);
      }
      if (!bulkLoad) return;
      // Before the indexes: the rebuild's updates are then cheap, and no index is built over rows
      // updated in its own transaction (PostgreSQL would keep such an index unused for a while).
      onStep?.("recomputing duplicate groups and the trash's order");
      await rebuildDuplicateGroups(tx);
      await rebuildTrashOrder(tx);
      // Index builds sort in memory up to this much, and use the server's parallel maintenance workers.
      await tx.$executeRawUnsafe("SET LOCAL maintenance_work_mem = '512MB'");
      for (const [i, index] of indexes.entries()) {
        onStep?.(`building index ${i + 1} of ${indexes.length}: ${index.name}`);
        await tx.$executeRawUnsafe(index.definition);
      }
      for (const table of TABLES) await tx.$executeRawUnsafe(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    },
    { timeout: 24 * 3600_000, maxWait: 60_000 },
  );
  return { tag, count };
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Drops the indexes of the generator's tables that no constraint owns (primary keys stay, so the
 * foreign keys keep being checked), and turns their user triggers off; returns the definitions.
 */
async function dropSecondaryIndexes(tx: Tx, onStep: SyntheticOptions["onStep"]) {
  const indexes = await tx.$queryRaw<Array<{ name: string; definition: string }>>`
    SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename = ANY(${TABLES}::text[])
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
    ORDER BY i.tablename, i.indexname`;
  onStep?.(`dropping ${indexes.length} indexes for the load`);
  for (const index of indexes) await tx.$executeRawUnsafe(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
  for (const table of TABLES) await tx.$executeRawUnsafe(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  return indexes;
}
