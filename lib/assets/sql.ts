import { Prisma } from "@/lib/generated/prisma/client";

// Facts about an asset (row `a` of `assets`) that more than one query asks, each written once in
// SQL. The soft-delete condition has its own home (scope.ts); these are what the table shows and
// the workflow rules read.

/** In the broadcast catalog: as a condition (WHERE, CASE). */
export const promotedSql = Prisma.sql`EXISTS (SELECT 1 FROM catalog_assets c WHERE c.source_asset_id = a.id)`;
// The same fact as a column of a SELECT list. An EXISTS there lets PostgreSQL hash the whole catalog
// first (it costs the subplan for every matching row, not the LIMIT's 51); a scalar subquery is
// looked up once per row shown (source_asset_id is unique, so at most one row).
export const promotedColumnSql = Prisma.sql`(SELECT TRUE FROM catalog_assets c WHERE c.source_asset_id = a.id) IS NOT NULL`;

/** ffprobe's figures are missing: no container, or neither a video nor an audio codec. */
export const missingFormatSql = Prisma.sql`(a.container IS NULL OR (a.video_codec IS NULL AND a.audio_codec IS NULL))`;

/** An episode (row `e` of `episodes`) as the desk names it: "Series S01E02". */
export const episodeLabelSql = Prisma.sql`e.series_title || ' S' || lpad(e.season_number::text, 2, '0') || 'E' || lpad(e.episode_number::text, 2, '0')`;
