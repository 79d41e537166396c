import "server-only";
import { hasDuplicateSql } from "@/lib/assets/duplicates";
import { deletedAssetSql, liveAssetSql } from "@/lib/assets/scope";
import { episodeLabelSql, missingFormatSql, promotedColumnSql, promotedSql } from "@/lib/assets/sql";
import type { Db } from "@/lib/db";
import { queryWithin } from "@/lib/db/statement-timeout";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AssetFilter, AssetListQuery, AssetSort, AssetTab } from "@/lib/assets/list-params";
import { assetStatus, type AssetStatus } from "@/lib/assets/status";
import { probeColumnsJsonSql, probeFilterConditions } from "@/lib/assets/probe-filters";
import type { ProbeColumns } from "@/lib/ingest/full-probe";
import { keysetPage, readCursors, type Key, type KeysetPage, type SortColumn } from "@/lib/table/keyset";

// The asset table's one query: filters → WHERE, sort → keyset page. The page, the status tabs, the
// benchmark, the CSV export and bulk selections by filter all build their WHERE here.

export const SORT_COLUMNS: Record<AssetSort, SortColumn> = {
  discovered: { sql: "a.discovered_at", cast: "timestamptz", nullable: false, unique: false, uuid: "a.uuid" },
  size: { sql: "a.size", cast: "bigint", nullable: false, unique: false, uuid: "a.uuid" },
  duration: { sql: "a.duration_ms", cast: "integer", nullable: true, unique: false, uuid: "a.uuid" },
  uri: { sql: "a.uri", cast: "text", nullable: false, unique: true, uuid: "a.uuid" },
  container: { sql: "a.container", cast: "text", nullable: true, unique: false, uuid: "a.uuid" },
  loudness: { sql: "a.loudness_lufs", cast: "float8", nullable: true, unique: false, uuid: "a.uuid" },
};

const MIB = 1024 * 1024;

/** The condition of one status tab; "all" is every asset that is not deleted. */
export function statusCondition(tab: AssetTab): Prisma.Sql {
  switch (tab) {
    case "all":
      return liveAssetSql;
    case "deleted":
      return deletedAssetSql;
    case "pending":
      return Prisma.sql`${liveAssetSql} AND NOT a.canonical`;
    case "approved":
      return Prisma.sql`${liveAssetSql} AND a.canonical AND NOT ${promotedSql}`;
    case "promoted":
      return Prisma.sql`${liveAssetSql} AND ${promotedSql}`;
  }
}

/** Escapes LIKE wildcards so a search for "50%_off" finds that text. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Every filter except the status tab, as SQL over `assets a`. */
export function filterConditions(filter: Partial<Omit<AssetFilter, "status">>): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  // File path or editorial title; each has its trigram index, so the planner ORs two index scans.
  if (filter.q) {
    const pattern = likePattern(filter.q);
    conditions.push(Prisma.sql`(a.uri ILIKE ${pattern} OR a.title ILIKE ${pattern})`);
  }
  // Any of the tags (the GIN index on tags answers &&).
  if (filter.tag) conditions.push(Prisma.sql`a.tags && ${filter.tag}::text[]`);
  // The maintained count (lib/assets/notes.ts), indexed: no count per row.
  if (filter.notes === "1") conditions.push(Prisma.sql`a.notes_count > 0`);
  if (filter.provider) {
    // Compared as enum values (not as text, nor as an array the drivers would have to encode) so
    // the planner reads the column's statistics: a 70× misestimate made the tab counts scan.
    const providers = Prisma.join(filter.provider.map((provider) => Prisma.sql`${provider}::provider`));
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM provider_refs p WHERE p.asset_id = a.id AND p.provider IN (${providers}))`,
    );
  }
  if (filter.container) conditions.push(Prisma.sql`a.container = ANY(${filter.container})`);
  if (filter.vcodec) conditions.push(Prisma.sql`a.video_codec = ANY(${filter.vcodec})`);
  if (filter.acodec) conditions.push(Prisma.sql`a.audio_codec = ANY(${filter.acodec})`);
  if (filter.dur_min !== undefined) conditions.push(Prisma.sql`a.duration_ms >= ${Math.round(filter.dur_min * 1000)}`);
  if (filter.dur_max !== undefined) conditions.push(Prisma.sql`a.duration_ms <= ${Math.round(filter.dur_max * 1000)}`);
  if (filter.size_min !== undefined)
    conditions.push(Prisma.sql`a.size >= ${BigInt(Math.round(filter.size_min * MIB))}`);
  if (filter.size_max !== undefined)
    conditions.push(Prisma.sql`a.size <= ${BigInt(Math.round(filter.size_max * MIB))}`);
  if (filter.from) conditions.push(Prisma.sql`a.discovered_at >= ${filter.from}::date::timestamptz`);
  if (filter.to) conditions.push(Prisma.sql`a.discovered_at < (${filter.to}::date + 1)::timestamptz`);
  if (filter.unprobed) conditions.push(Prisma.sql`(a.duration_ms IS NULL OR ${missingFormatSql})`);
  // Kept by the database (lib/assets/duplicates.ts); each sort has a partial index over the flagged rows.
  if (filter.dupes) conditions.push(hasDuplicateSql);
  if (filter.episode === "linked")
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM episode_assets ea WHERE ea.asset_id = a.id)`);
  if (filter.episode === "unlinked")
    conditions.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM episode_assets ea WHERE ea.asset_id = a.id)`);
  if (filter.issue === "missing") conditions.push(Prisma.sql`a.missing_since IS NOT NULL`);
  if (filter.issue === "probe_failed") conditions.push(Prisma.sql`a.probe_error IS NOT NULL`);
  if (filter.qc === "not_checked") conditions.push(Prisma.sql`a.qc_verdict IS NULL`);
  else if (filter.qc) conditions.push(Prisma.sql`a.qc_verdict = ${filter.qc}::qc_verdict`);
  if (filter.deleted_by)
    conditions.push(
      Prisma.sql`a.deleted_by_id IN (SELECT u.id FROM users u WHERE lower(u.email) = ${filter.deleted_by.toLowerCase()})`,
    );
  // Deletion dates are read through the trash's own order (asset_trash, kept from a.deleted_at):
  // no index of assets holds deleted_at (lib/assets/trash.ts), and a range walks that index instead.
  if (filter.deleted_from || filter.deleted_to) {
    const from = filter.deleted_from
      ? Prisma.sql`t.deleted_at >= ${filter.deleted_from}::date::timestamptz`
      : Prisma.sql`TRUE`;
    const to = filter.deleted_to
      ? Prisma.sql`t.deleted_at < (${filter.deleted_to}::date + 1)::timestamptz`
      : Prisma.sql`TRUE`;
    conditions.push(Prisma.sql`a.id IN (SELECT t.asset_id FROM asset_trash t WHERE ${from} AND ${to})`);
  }
  conditions.push(...probeFilterConditions(filter));
  return conditions;
}

/** The WHERE of a filter (status tab included): what the table shows and a selection covers. */
export function assetWhere(filter: AssetFilter): Prisma.Sql {
  return Prisma.join([statusCondition(filter.status), ...filterConditions(filter)], " AND ");
}

export interface AssetListRow {
  uuid: string;
  uri: string;
  size: bigint;
  durationMs: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  container: string | null;
  hashSha256: string | null;
  discoveredAt: Date;
  status: AssetStatus;
  providers: string[];
  episode: string | null;
  /** When a scan last failed to find the file (null while it is there). */
  missingSince: Date | null;
  /** Why ffprobe or hashing failed on the file. */
  probeError: string | null;
  /** The full probe's filter figures (all null before the file's full probe). */
  streams: ProbeColumns;
  /** The current file's QC verdict (null: not checked) and integrated loudness (LUFS). */
  qcVerdict: "pass" | "warn" | "fail" | null;
  loudnessLufs: number | null;
  /** Editorial metadata (lib/assets/metadata.ts) and the size of the notes thread. */
  title: string | null;
  tags: string[];
  notesCount: number;
  key: Key;
}

interface RawRow {
  uuid: string;
  uri: string;
  size: bigint;
  duration_ms: number | null;
  video_codec: string | null;
  audio_codec: string | null;
  container: string | null;
  hash_sha256: string | null;
  discovered_at: Date;
  canonical: boolean;
  is_deleted: boolean;
  promoted: boolean;
  providers: string[];
  episode: string | null;
  missing_since: Date | null;
  probe_error: string | null;
  streams: ProbeColumns;
  qc_verdict: "pass" | "warn" | "fail" | null;
  loudness_lufs: number | null;
  title: string | null;
  tags: string[] | null;
  notes_count: number;
  sort_value: string | null;
}

export async function listAssets(
  db: Db,
  query: Omit<AssetListQuery, "per"> & { per: number },
): Promise<KeysetPage<AssetListRow> & { cursorIgnored: boolean }> {
  const column = SORT_COLUMNS[query.sort];
  const { cursor, ignored } = readCursors(query, column);
  const where = assetWhere(query);
  const page = await keysetPage(column, query.dir, cursor, query.per, async (condition, orderBy, limit) => {
    // The page's ids first, then its columns: a filter the indexes cannot order (a search matching
    // 44,591 of 10,000,000) sorts narrow rows, not every matching row with all its columns (the wide
    // sort took 290 ms of a 340 ms page there; docs/benchmarks.md).
    const rows = await db.$queryRaw<RawRow[]>`
      SELECT a.uuid::text AS uuid, a.uri, a.size, a.duration_ms, a.video_codec, a.audio_codec, a.container,
             a.hash_sha256, a.discovered_at, a.canonical, a.is_deleted, a.missing_since, a.probe_error,
             a.qc_verdict::text AS qc_verdict, a.loudness_lufs, a.title, a.tags, a.notes_count,
             ${promotedColumnSql} AS promoted, ${probeColumnsJsonSql} AS streams,
             ARRAY(SELECT DISTINCT p.provider::text FROM provider_refs p WHERE p.asset_id = a.id ORDER BY 1) AS providers,
             (SELECT ${episodeLabelSql}
                FROM episode_assets ea JOIN episodes e ON e.id = ea.episode_id
               WHERE ea.asset_id = a.id ORDER BY e.series_title, e.season_number, e.episode_number LIMIT 1) AS episode,
             ${Prisma.raw(column.sql)}::text AS sort_value
      FROM (SELECT a.id FROM assets a WHERE ${where} AND ${condition} ORDER BY ${orderBy} LIMIT ${limit}) page
      JOIN assets a ON a.id = page.id
      ORDER BY ${orderBy}`;
    return rows.map((row) => ({
      uuid: row.uuid,
      uri: row.uri,
      size: row.size,
      durationMs: row.duration_ms,
      videoCodec: row.video_codec,
      audioCodec: row.audio_codec,
      container: row.container,
      hashSha256: row.hash_sha256,
      discoveredAt: row.discovered_at,
      status: assetStatus({ isDeleted: row.is_deleted, canonical: row.canonical, promoted: row.promoted }),
      providers: row.providers,
      episode: row.episode,
      missingSince: row.missing_since,
      probeError: row.probe_error,
      streams: row.streams,
      qcVerdict: row.qc_verdict,
      loudnessLufs: row.loudness_lufs,
      title: row.title,
      tags: row.tags ?? [],
      notesCount: row.notes_count,
      key: { v: row.sort_value, u: row.uuid },
    }));
  });
  return { ...page, cursorIgnored: ignored };
}

/**
 * Counts are estimated from the planner instead of counted when the count would read more than this
 * many rows: the matching rows, or the rows any step of its plan reads before a filter drops them
 * (the deleted copies among 50,000 flagged duplicates were counted by reading all 50,000 rows).
 */
export const EXACT_COUNT_LIMIT = 10_000;
/**
 * A small estimate can still hide a long scan (5 % deleted among 100,000 mkv files). The planner's
 * cost of the count says so up front: above this many cost units the estimate is shown instead.
 * (Measured on 1M assets: counts costed over 30,000 took 75–200 ms; see docs/benchmarks.md.)
 */
export const EXACT_COUNT_MAX_COST = 25_000;

export interface TabCount {
  count: number;
  estimated: boolean;
}

interface PlanNode {
  "Plan Rows": number;
  "Total Cost": number;
  Plans?: PlanNode[];
}

/** The most rows any step of the plan is estimated to produce (a scan before its filter, a join's input). */
function mostRowsRead(node: PlanNode): number {
  return Math.max(node["Plan Rows"], ...(node.Plans ?? []).map(mostRowsRead));
}

/**
 * How many assets each status tab holds under the current filters. The plan cannot see every long
 * count (a trigram index hands the heap every row holding the search's trigrams; a partial index's
 * filter drops rows the plan does not count), so the counts the plans let through are made in one
 * statement that may run ASSET_DESK_COUNT_TIMEOUT_MS; past it every tab shows its estimate.
 */
export async function countAssetTabs(
  db: Db,
  filter: Partial<Omit<AssetFilter, "status">>,
  tabs: readonly AssetTab[],
): Promise<Record<AssetTab, TabCount>> {
  const filters = filterConditions(filter);
  // Each tab's plan: how many rows it matches, and what reading them all (counting) would cost.
  const plans = await Promise.all(
    tabs.map(async (tab) => {
      const where = Prisma.join([statusCondition(tab), ...filters], " AND ");
      const [plan] = await db.$queryRaw<Array<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>>`
        EXPLAIN (FORMAT JSON) SELECT 1 FROM assets a WHERE ${where}`;
      const scan = plan?.["QUERY PLAN"][0]?.Plan;
      const cheap =
        scan !== undefined && mostRowsRead(scan) <= EXACT_COUNT_LIMIT && scan["Total Cost"] <= EXACT_COUNT_MAX_COST;
      return { tab, estimate: Math.round(scan?.["Plan Rows"] ?? 0), cheap };
    }),
  );
  const counts = new Map(plans.map(({ tab, estimate }) => [tab, { count: estimate, estimated: true }]));
  const counted = plans.filter(({ cheap }) => cheap).map(({ tab }) => tab);
  if (counted.length > 0) {
    // One pass over the rows of every tab counted: count(*) FILTER per tab.
    const anyTab = Prisma.join(
      counted.map((tab) => Prisma.sql`(${statusCondition(tab)})`),
      " OR ",
    );
    const columns = Prisma.join(
      counted.map((tab, k) => Prisma.sql`count(*) FILTER (WHERE ${statusCondition(tab)}) AS ${Prisma.raw(`t${k}`)}`),
      ", ",
    );
    const [row] =
      (await queryWithin<Record<string, bigint>>(
        db,
        env.ASSET_DESK_COUNT_TIMEOUT_MS,
        Prisma.sql`SELECT ${columns} FROM assets a WHERE ${Prisma.join([Prisma.sql`(${anyTab})`, ...filters], " AND ")}`,
      )) ?? [];
    if (row) counted.forEach((tab, k) => counts.set(tab, { count: Number(row[`t${k}`] ?? 0), estimated: false }));
  }
  return Object.fromEntries(counts) as Record<AssetTab, TabCount>;
}
