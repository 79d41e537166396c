import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { liveAssetSql } from "@/lib/assets/scope";
import type { AuditActor } from "@/lib/audit/write";
import type { AuditAction } from "@/lib/audit/actions";
import { auditInsertSql } from "@/lib/audit/sql";
import {
  isContentChange,
  planObservation,
  type Known,
  type Observation,
  type Outcome,
  type Planned,
} from "@/lib/ingest/plan";
import { episodeKey, linkEpisodes } from "@/lib/ingest/episodes";
import { writeFullProbes } from "@/lib/ingest/probe-columns";
import { relocateAssets } from "@/lib/assets/relocate";

// Writes what a scan or import saw, one batch per transaction: new assets, content changes (with
// the approval revoked and the catalog entry withdrawn when an approved file changed), files found
// again, provider refs, episode links, the run's report rows and its counters — together with their
// audit rows, so a run that dies keeps exactly what it committed and nothing half-written.

export interface RunContext {
  runId: number;
  runUuid: string;
  sourceId: number | null;
  actor: AuditActor;
}

/** Who changes an asset's recorded file, and in which run (none for "probe again"). */
export interface ChangeContext {
  actor: AuditActor;
  runUuid: string | null;
}

interface BatchCounts {
  new: number;
  changed: number;
  unchanged: number;
  failed: number;
}

const KNOWN_COLUMNS = Prisma.sql`a.id, a.uuid::text AS uuid, a.uri, a.size, a.file_mtime AS "fileMtime", a.hash_sha256 AS "hashSha256",
  a.duration_ms AS "durationMs", a.video_codec AS "videoCodec", a.audio_codec AS "audioCodec", a.container,
  a.probe_error AS "probeError", a.canonical, a.is_deleted AS "isDeleted", a.missing_since AS "missingSince"`;

/** The assets already recorded at these uris (locked, when in a transaction, against a concurrent review). */
export async function loadKnown(
  db: Db | Prisma.TransactionClient,
  uris: string[],
  lock = false,
): Promise<Map<string, Known>> {
  if (uris.length === 0) return new Map();
  // A join, not `uri = ANY(…)`: for that form the planner picks the trigram index at a few thousand
  // assets, analysed or not (1.1 s for 250 uris at 5,000 assets, against 1.5 ms joined).
  const rows = await db.$queryRaw<Known[]>`
    SELECT ${KNOWN_COLUMNS} FROM unnest(${uris}::text[]) AS u(uri) JOIN assets a ON a.uri = u.uri
    ORDER BY a.id ${lock ? Prisma.sql`FOR UPDATE OF a` : Prisma.empty}`;
  return new Map(rows.map((row) => [row.uri, row]));
}

/** Escapes LIKE wildcards, so a folder named "50%_off" matches only itself. */
export const likePrefix = (folder: string) => `${folder.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\/+$/, "")}/%`;

/** What a filesystem scan compares the walk with: no more, since a rescan loads every asset under its folders. */
export type Recorded = Pick<Known, "id" | "uri" | "size" | "fileMtime" | "isDeleted" | "missingSince">;

/** Every asset recorded under these folders (100,000 rows for a big library: the columns the comparison needs only). */
export async function loadKnownUnder(db: Db, folders: string[]): Promise<Map<string, Recorded>> {
  const known = new Map<string, Recorded>();
  for (const folder of folders) {
    const rows = await db.$queryRaw<Recorded[]>`
      SELECT a.id, a.uri, a.size, a.file_mtime AS "fileMtime", a.is_deleted AS "isDeleted", a.missing_since AS "missingSince"
      FROM assets a WHERE a.uri LIKE ${likePrefix(folder)}`;
    for (const row of rows) known.set(row.uri, row);
  }
  return known;
}

/** The recorded hashes of these assets: the few a scan did not find, which a new file may be. */
export async function loadHashes(db: Db, ids: number[]): Promise<Map<number, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: number; hash: string | null }[]>`
    SELECT id, hash_sha256 AS hash FROM assets WHERE id = ANY(${ids}::int[])`;
  return new Map(rows.map((row) => [row.id, row.hash]));
}

export interface AppliedBatch {
  /** The assets the observations resolved to (what the run saw). */
  seen: number[];
  /** The assets whose file was just read (hashed and probed) and recorded as new or changed. */
  read: number[];
}

/** Writes one batch in one transaction. */
export async function applyObservations(db: Db, ctx: RunContext, observations: Observation[]): Promise<AppliedBatch> {
  const counts: BatchCounts = { new: 0, changed: 0, unchanged: 0, failed: 0 };
  if (observations.length === 0) return { seen: [], read: [] };
  return db.$transaction(
    async (tx) => {
      const moved = await moveFirst(tx, ctx, observations);
      const known = await loadKnown(tx, [...new Set(observations.map((o) => o.uri))], true);
      const planned = observations.map((observation) => planObservation(observation, known.get(observation.uri)));
      // The same asset at its new path: a move, unless its bytes changed as well (then that is what the run reports).
      for (const p of planned)
        if (moved.has(p.observation.uri) && (p.outcome === "unchanged" || p.outcome === "found")) p.outcome = "moved";
      // Inserted in uri order, so concurrent runs over the same files take the unique index in one order.
      const toInsert = planned.filter((p) => p.insert).sort((a, b) => (a.observation.uri < b.observation.uri ? -1 : 1));
      const inserted = await insertAssets(tx, ctx, toInsert);
      await adoptConcurrentInserts(
        tx,
        toInsert.filter((p) => !inserted.has(p.observation.uri)),
        inserted,
      );
      for (const p of planned) if (!p.known && p.insert) p.assetId = inserted.get(p.observation.uri);
      await writeReadFiles(tx, ctx, planned);
      await markFound(
        tx,
        ctx,
        planned.filter(
          (p) => p.known?.missingSince && !p.known.isDeleted && p.observation.content.kind !== "unreadable",
        ),
      );
      const episodes = await linkEpisodes(
        tx,
        planned.flatMap((p) =>
          p.assetId && p.observation.episode ? [{ assetId: p.assetId, episode: p.observation.episode }] : [],
        ),
      );
      await upsertRefs(tx, ctx, planned, episodes);
      await writeItems(tx, ctx, planned);
      for (const p of planned) counts[tallyOf(p.outcome)] += 1;
      await tx.$executeRaw`
        UPDATE scan_runs SET done = done + ${observations.length}, new_count = new_count + ${counts.new},
          changed_count = changed_count + ${counts.changed}, unchanged_count = unchanged_count + ${counts.unchanged},
          failed_count = failed_count + ${counts.failed}, heartbeat_at = now()
        WHERE id = ${ctx.runId}`;
      return {
        seen: planned.flatMap((p) => (p.assetId ? [p.assetId] : [])),
        read: planned.flatMap((p) =>
          p.assetId && p.observation.content.kind === "read" && (p.insert || p.update) ? [p.assetId] : [],
        ),
      };
    },
    { timeout: 120_000 },
  );
}

/**
 * Records what reading the files found: new values (a content change audited and, for an approved
 * file, its approval revoked) and the full probe of every file read. Scans, imports and "probe
 * again" (lib/assets/reprobe.ts) all go through here.
 */
export async function writeReadFiles(tx: Tx, ctx: ChangeContext, planned: Planned[]): Promise<void> {
  await updateAssets(
    tx,
    ctx,
    planned.filter((p) => p.update),
  );
  await revokeChanged(
    tx,
    ctx,
    planned.filter((p) => p.known?.canonical && p.update && isContentChange(p)),
  );
  await writeFullProbes(
    tx,
    planned.flatMap((p) =>
      p.assetId && p.observation.content.kind === "read" && !p.known?.isDeleted
        ? [{ id: p.assetId, probe: p.observation.content.probe }]
        : [],
    ),
  );
}

const tallyOf = (outcome: Outcome): keyof BatchCounts =>
  outcome === "revoked" || outcome === "found" || outcome === "moved" ? "changed" : outcome;

/**
 * Moves the assets the observations were matched to (by content or provider key) to the observed
 * paths, before anything else looks them up there. A move that can no longer happen (the asset
 * moved meanwhile, or another asset took the path) is dropped: the file is then seen as any other.
 */
async function moveFirst(tx: Tx, ctx: RunContext, observations: Observation[]): Promise<Set<string>> {
  const moves = observations.filter((o) => o.moveFrom);
  if (moves.length === 0) return new Set();
  const done = new Set<string>();
  for (const by of ["content", "provider_key"] as const) {
    const rows = moves.filter((o) => o.moveFrom!.by === by);
    const relocated = await relocateAssets(
      tx,
      ctx.actor,
      rows.map((o) => ({ id: o.moveFrom!.assetId, from: o.moveFrom!.uri, to: o.uri })),
      { action: "asset.moved", found: true, after: { scanRun: ctx.runUuid, by } },
    );
    for (const row of relocated) done.add(row.to);
  }
  for (const o of moves) if (!done.has(o.uri)) delete o.moveFrom;
  return done;
}

type Tx = Prisma.TransactionClient;
type AuditRow = { uuid: string; before: Prisma.JsonValue; after: Prisma.JsonValue };

async function insertAssets(tx: Tx, ctx: RunContext, rows: Planned[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const col = <T>(pick: (p: Planned) => T) => rows.map(pick);
  const created = await tx.$queryRaw<{ id: number; uuid: string; uri: string }[]>`
    INSERT INTO assets (uri, size, duration_ms, video_codec, audio_codec, container, hash_sha256, file_mtime, probe_error)
    SELECT * FROM unnest(${col((p) => p.observation.uri)}::text[], ${col((p) => String(p.values.size))}::bigint[],
      ${col((p) => p.values.durationMs)}::int[], ${col((p) => p.values.videoCodec)}::text[], ${col((p) => p.values.audioCodec)}::text[],
      ${col((p) => p.values.container)}::text[], ${col((p) => p.values.hashSha256)}::text[], ${col((p) => p.values.fileMtime)}::timestamptz[],
      ${col((p) => p.values.probeError)}::text[])
    ON CONFLICT (uri) DO NOTHING
    RETURNING id, uuid::text AS uuid, uri`;
  await tx.$executeRaw(
    auditInsertSql(ctx.actor, {
      action: "asset.discover",
      targetType: "asset",
      from: Prisma.sql`unnest(${created.map((c) => c.uuid)}::text[], ${created.map((c) => c.uri)}::text[]) AS t(u, uri)`,
      targetUuid: Prisma.sql`u::uuid`,
      after: Prisma.sql`jsonb_build_object('uri', uri, 'scanRun', ${ctx.runUuid}::text)`,
    }),
  );
  return new Map(created.map((c) => [c.uri, c.id]));
}

/** Another run inserted the same file a moment ago: this run saw an existing asset, not a new one. */
async function adoptConcurrentInserts(tx: Tx, rows: Planned[], inserted: Map<string, number>): Promise<void> {
  if (rows.length === 0) return;
  const found = await tx.$queryRaw<{ id: number; uri: string }[]>`
    SELECT a.id, a.uri FROM unnest(${rows.map((p) => p.observation.uri)}::text[]) AS u(uri) JOIN assets a ON a.uri = u.uri`;
  for (const row of found) inserted.set(row.uri, row.id);
  for (const p of rows) p.outcome = "unchanged";
}

async function updateAssets(tx: Tx, ctx: ChangeContext, rows: Planned[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(pick: (p: Planned) => T) => rows.map(pick);
  // Only a content change is a new version (and audited); a touched file with the same bytes just
  // records its new modification time, so the next rescan skips it again.
  const changed = await tx.$queryRaw<(AuditRow & { is_change: boolean })[]>`
    WITH v AS (
      SELECT * FROM unnest(${col((p) => p.known!.id)}::int[], ${col((p) => String(p.values.size))}::bigint[], ${col((p) => p.values.durationMs)}::int[],
        ${col((p) => p.values.videoCodec)}::text[], ${col((p) => p.values.audioCodec)}::text[], ${col((p) => p.values.container)}::text[],
        ${col((p) => p.values.hashSha256)}::text[], ${col((p) => p.values.fileMtime)}::timestamptz[], ${col((p) => p.values.probeError)}::text[],
        ${col((p) => p.outcome !== "unchanged")}::boolean[])
        AS v(id, size, duration_ms, video_codec, audio_codec, container, hash_sha256, file_mtime, probe_error, is_change)
    ), old AS (SELECT a.* FROM assets a JOIN v ON v.id = a.id)
    UPDATE assets a SET size = v.size, duration_ms = v.duration_ms, video_codec = v.video_codec, audio_codec = v.audio_codec,
      container = v.container, hash_sha256 = v.hash_sha256, file_mtime = v.file_mtime, probe_error = v.probe_error,
      version = a.version + CASE WHEN v.is_change THEN 1 ELSE 0 END, updated_at = CASE WHEN v.is_change THEN now() ELSE a.updated_at END
      -- A QC result vouches for the file it measured: after a content change the asset is not checked.
      , qc_verdict = CASE WHEN v.is_change THEN NULL ELSE a.qc_verdict END, loudness_lufs = CASE WHEN v.is_change THEN NULL ELSE a.loudness_lufs END
    FROM v, old o WHERE a.id = v.id AND o.id = v.id
    RETURNING a.uuid::text AS uuid, v.is_change,
      jsonb_build_object('size', o.size::text, 'hashSha256', o.hash_sha256, 'durationMs', o.duration_ms, 'videoCodec', o.video_codec,
        'audioCodec', o.audio_codec, 'container', o.container, 'probeError', o.probe_error) AS before,
      jsonb_build_object('size', v.size::text, 'hashSha256', v.hash_sha256, 'durationMs', v.duration_ms, 'videoCodec', v.video_codec,
        'audioCodec', v.audio_codec, 'container', v.container, 'probeError', v.probe_error, 'scanRun', ${ctx.runUuid}::text) AS after`;
  await auditRows(
    tx,
    ctx,
    "asset.content_change",
    changed.filter((row) => row.is_change),
  );
}

/** An approved file whose bytes changed is no longer what was approved: withdraw it from the catalog and revoke, on the record. */
async function revokeChanged(tx: Tx, ctx: ChangeContext, rows: Planned[]): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((p) => p.known!.id);
  const reason = { reason: "content_changed", scanRun: ctx.runUuid };
  const withdrawn = await tx.$queryRaw<AuditRow[]>`
    DELETE FROM catalog_assets c USING assets a WHERE c.source_asset_id = a.id AND a.id = ANY(${ids}::int[])
    RETURNING a.uuid::text AS uuid, jsonb_build_object('catalogUuid', c.uuid, 'title', c.title, 'tags', c.tags) AS before,
      jsonb_build_object('catalogUuid', NULL) || ${reason}::jsonb AS after`;
  await auditRows(tx, ctx, "asset.withdraw", withdrawn);
  const revoked = await tx.$queryRaw<AuditRow[]>`
    UPDATE assets a SET canonical = false WHERE a.id = ANY(${ids}::int[]) AND a.canonical
    RETURNING a.uuid::text AS uuid, jsonb_build_object('canonical', true) AS before, jsonb_build_object('canonical', false) || ${reason}::jsonb AS after`;
  await auditRows(tx, ctx, "asset.revoke", revoked);
  for (const p of rows) p.outcome = "revoked";
}

async function markFound(tx: Tx, ctx: RunContext, rows: Planned[]): Promise<void> {
  if (rows.length === 0) return;
  const found = await tx.$queryRaw<AuditRow[]>`
    UPDATE assets a SET missing_since = NULL WHERE a.id = ANY(${rows.map((p) => p.known!.id)}::int[]) AND a.missing_since IS NOT NULL
    RETURNING a.uuid::text AS uuid, jsonb_build_object('missingSince', NULL) AS before, jsonb_build_object('missingSince', NULL, 'scanRun', ${ctx.runUuid}::text) AS after`;
  await auditRows(tx, ctx, "asset.found", found);
  for (const p of rows) if (p.outcome === "unchanged") p.outcome = "found";
}

async function auditRows(tx: Tx, ctx: ChangeContext, action: AuditAction, rows: AuditRow[]) {
  if (rows.length === 0) return;
  await tx.$executeRaw(
    auditInsertSql(ctx.actor, {
      action,
      targetType: "asset",
      from: Prisma.sql`unnest(${rows.map((r) => r.uuid)}::text[], ${rows.map((r) => JSON.stringify(r.before))}::jsonb[], ${rows.map((r) => JSON.stringify(r.after))}::jsonb[]) AS t(u, b, f)`,
      targetUuid: Prisma.sql`u::uuid`,
      before: Prisma.sql`b`,
      after: Prisma.sql`f`,
    }),
  );
}

/** Every asset a provider reported carries its ref; a ref is rewritten only when what the provider says changed. */
async function upsertRefs(tx: Tx, ctx: RunContext, planned: Planned[], episodes: Map<string, number>): Promise<void> {
  const rows = planned.filter(
    (p) => p.assetId && p.observation.ref && (p.outcome !== "unchanged" || p.observation.ref.provider !== "filesystem"),
  );
  if (rows.length === 0) return;
  const col = <T>(pick: (p: Planned) => T) => rows.map(pick);
  await tx.$executeRaw`
    WITH v AS (
      SELECT * FROM unnest(${col((p) => p.observation.ref!.provider)}::text[], ${col((p) => p.observation.ref!.key)}::text[],
        ${col((p) => JSON.stringify(p.observation.ref!.raw))}::jsonb[], ${col((p) => p.assetId!)}::int[],
        ${col((p) => (p.observation.episode ? (episodes.get(episodeKey(p.observation.episode)) ?? null) : null))}::int[])
        AS v(provider, key, raw, asset_id, episode_id)
    )
    INSERT INTO provider_refs (provider, provider_key, raw, asset_id, episode_id, source_id)
    SELECT DISTINCT ON (v.provider, v.key, v.asset_id) v.provider::provider, v.key, v.raw, v.asset_id, v.episode_id, ${ctx.sourceId}::int
    FROM v
    ON CONFLICT (provider, provider_key, asset_id) DO UPDATE SET raw = EXCLUDED.raw, episode_id = EXCLUDED.episode_id,
      source_id = COALESCE(EXCLUDED.source_id, provider_refs.source_id), updated_at = now()
    WHERE provider_refs.raw IS DISTINCT FROM EXCLUDED.raw OR provider_refs.episode_id IS DISTINCT FROM EXCLUDED.episode_id
      OR (EXCLUDED.source_id IS NOT NULL AND provider_refs.source_id IS DISTINCT FROM EXCLUDED.source_id)`;
}

async function writeItems(tx: Tx, ctx: RunContext, planned: Planned[]): Promise<void> {
  const rows = planned.filter((p) => p.outcome !== "unchanged");
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO scan_run_items (run_id, outcome, path, asset_id, error)
    SELECT ${ctx.runId}, o, p, a, e FROM unnest(${rows.map((p) => p.outcome)}::text[], ${rows.map((p) => p.observation.uri)}::text[],
      ${rows.map((p) => p.assetId ?? null)}::int[], ${rows.map((p) => p.error ?? null)}::text[]) AS t(o, p, a, e)`;
}

/** Marks as missing the assets a completed run expected and did not see; returns how many. */
export async function markMissing(db: Db, ctx: RunContext, assetIds: number[]): Promise<number> {
  let marked = 0;
  for (let i = 0; i < assetIds.length; i += 5000) {
    const ids = assetIds.slice(i, i + 5000);
    marked += await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<
        { id: number; uuid: string; uri: string; before: Prisma.JsonValue; after: Prisma.JsonValue }[]
      >`
        UPDATE assets a SET missing_since = now() WHERE a.id = ANY(${ids}::int[]) AND a.missing_since IS NULL AND ${liveAssetSql}
        RETURNING a.id, a.uuid::text AS uuid, a.uri, jsonb_build_object('missingSince', NULL) AS before,
          jsonb_build_object('missingSince', a.missing_since, 'scanRun', ${ctx.runUuid}::text) AS after`;
      await auditRows(tx, ctx, "asset.missing", rows);
      if (rows.length > 0) {
        await tx.$executeRaw`
          INSERT INTO scan_run_items (run_id, outcome, path, asset_id)
          SELECT ${ctx.runId}, 'missing', p, a FROM unnest(${rows.map((r) => r.uri)}::text[], ${rows.map((r) => r.id)}::int[]) AS t(p, a)`;
        await tx.$executeRaw`UPDATE scan_runs SET missing_count = missing_count + ${rows.length}, heartbeat_at = now() WHERE id = ${ctx.runId}`;
      }
      return rows.length;
    });
  }
  return marked;
}

/**
 * A new file that may be one of several missing assets (or one of several copies of one): the run
 * reports it, one item per asset it may be, for a person to resolve (lib/ingest/resolve-move.ts).
 */
export async function recordPossibleMoves(
  db: Db,
  ctx: RunContext,
  possible: { uri: string; candidateIds: number[] }[],
): Promise<void> {
  const rows = possible.flatMap(({ uri, candidateIds }) => candidateIds.map((id) => ({ uri, id })));
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO scan_run_items (run_id, outcome, path, asset_id)
    SELECT ${ctx.runId}, 'possible_move', p, a FROM unnest(${rows.map((r) => r.uri)}::text[], ${rows.map((r) => r.id)}::int[]) AS t(p, a)`;
}
