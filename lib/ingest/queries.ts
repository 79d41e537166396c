import "server-only";
import type { Db } from "@/lib/db";
import { liveAssets } from "@/lib/assets/scope";
import { seesDeletedAssets, type Viewer } from "@/lib/assets/visibility";
import { KnownError } from "@/lib/errors";
import type { RunItemOutcome } from "@/lib/ingest/run-report";
import { storedSchedule, type ScanSchedule } from "@/lib/ingest/schedule";
import { maskSecret, parsePathMaps } from "@/lib/ingest/sources";

/** How many live assets each provider has reported, and when it last reported one. */
export async function summarizeProviders(db: Db) {
  const rows = await db.providerRef.groupBy({
    by: ["provider"],
    where: { asset: liveAssets },
    _count: { _all: true },
    _max: { updatedAt: true },
    orderBy: { provider: "asc" },
  });
  return rows.map((row) => ({ provider: row.provider, assets: row._count._all, lastSeen: row._max.updatedAt }));
}

const RUN_FIELDS = {
  uuid: true,
  sourceName: true,
  kind: true,
  status: true,
  trigger: true,
  startedByEmail: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
  total: true,
  done: true,
  newCount: true,
  changedCount: true,
  unchangedCount: true,
  missingCount: true,
  failedCount: true,
  error: true,
} as const;

/** A source as pages show it: the secret masked, never in full. */
export interface SourceView {
  uuid: string;
  kind: "filesystem" | "plex" | "jellyfin";
  name: string;
  roots: string[];
  url: string | null;
  secretHint: string | null;
  libraries: string[];
  pathMaps: { from: string; to: string }[];
  schedule: ScanSchedule;
  nextScanAt: Date | null;
  qcAfterScan: boolean;
  createdAt: Date;
}

type SourceRow = Awaited<ReturnType<Db["source"]["findMany"]>>[number];

function sourceView(source: SourceRow): SourceView {
  return {
    uuid: source.uuid,
    kind: source.kind,
    name: source.name,
    roots: source.roots,
    url: source.url,
    secretHint: maskSecret(source.secretHint),
    libraries: source.libraries,
    pathMaps: parsePathMaps(source.pathMaps),
    schedule: storedSchedule(source),
    nextScanAt: source.nextScanAt,
    qcAfterScan: source.qcAfterScan,
    createdAt: source.createdAt,
  };
}

/** Every source with its latest run. */
export async function listSources(db: Db) {
  const sources = await db.source.findMany({
    orderBy: { name: "asc" },
    include: { runs: { orderBy: { queuedAt: "desc" }, take: 1, select: RUN_FIELDS } },
  });
  return sources.map((source) => ({ ...sourceView(source), latestRun: source.runs[0] ?? null }));
}

export async function getSource(db: Db, uuid: string): Promise<SourceView> {
  const source = await db.source.findUnique({ where: { uuid } });
  if (!source) throw new KnownError("not_found", "No source has that id.");
  return sourceView(source);
}

/** The latest runs, of one source or of all. */
export async function listRuns(db: Db, options: { sourceUuid?: string; limit?: number } = {}) {
  return db.scanRun.findMany({
    where: options.sourceUuid ? { source: { uuid: options.sourceUuid } } : {},
    orderBy: { queuedAt: "desc" },
    take: options.limit ?? 20,
    select: { ...RUN_FIELDS, source: { select: { uuid: true } } },
  });
}

export type RunListRow = Awaited<ReturnType<typeof listRuns>>[number];

/** What a run did to files, by outcome, with the asset's uuid where there is one the viewer may see (a deleted one is the trash's). */
export async function listRunItems(db: Db, runUuid: string, outcome: RunItemOutcome, viewer: Viewer, limit = 200) {
  const items = await db.scanRunItem.findMany({
    where: { run: { uuid: runUuid }, outcome },
    orderBy: { id: "asc" },
    take: limit,
    select: { path: true, error: true, asset: { select: { uuid: true, isDeleted: true } } },
  });
  const linked = (asset: { uuid: string; isDeleted: boolean } | null) =>
    asset && (!asset.isDeleted || seesDeletedAssets(viewer)) ? asset.uuid : null;
  return items.map((item) => ({ path: item.path, error: item.error, assetUuid: linked(item.asset) }));
}

/** Where the assets a run moved were before (their asset.moved audit rows of that run), by asset uuid. */
export async function movedFrom(db: Db, runUuid: string, assetUuids: string[]): Promise<Map<string, string>> {
  if (assetUuids.length === 0) return new Map();
  const rows = await db.$queryRaw<{ uuid: string; uri: string }[]>`
    SELECT e.target_uuid::text AS uuid, e.before ->> 'uri' AS uri FROM audit_events e
    WHERE e.target_uuid = ANY(${assetUuids}::uuid[]) AND e.action = 'asset.moved' AND e.after ->> 'scanRun' = ${runUuid}`;
  return new Map(rows.map((row) => [row.uuid, row.uri]));
}
