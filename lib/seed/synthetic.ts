import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";

// Large synthetic sets for benchmarks: rows are generated inside PostgreSQL (generate_series)
// in bounded batches, one transaction each, so a million assets take minutes, not hours.
// The mix mirrors the demo: ~40 % approved, half of those promoted, 5 % deleted, 3 % unprobed,
// 0.5 % duplicate hashes, three providers.

export interface SyntheticOptions {
  count: number;
  batchSize?: number;
  onBatch?: (done: number, total: number) => void;
}

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

export async function generateSyntheticAssets(db: Db, { count, batchSize = 50_000, onBatch }: SyntheticOptions) {
  if (!Number.isInteger(count) || count < 1) throw new Error("count must be a positive whole number");
  // A fresh tag per run keeps uris unique when the generator runs again on the same database.
  const tag = randomBytes(4).toString("hex");
  for (let start = 1; start <= count; start += batchSize) {
    const end = Math.min(count, start + batchSize - 1);
    await db.$executeRawUnsafe(BATCH_SQL, tag, start, end);
    onBatch?.(end, count);
  }
  return { tag, count };
}
