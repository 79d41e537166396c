import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleAssets } from "@/lib/assets/scope";
import { assetStatus, type AssetStatus } from "@/lib/assets/status";
import type { Viewer } from "@/lib/assets/visibility";
import { probeColumnsOf, type FullProbe, type ProbeColumns } from "@/lib/ingest/full-probe";

// Read models for pages. They select uuids, never integer ids, so nothing inward leaks out.

const assetFields = {
  uuid: true,
  uri: true,
  size: true,
  durationMs: true,
  videoCodec: true,
  audioCodec: true,
  container: true,
  hashSha256: true,
  discoveredAt: true,
  canonical: true,
  isDeleted: true,
  deletedAt: true,
  updatedAt: true,
  version: true,
  deleteReason: true,
  fileMtime: true,
  missingSince: true,
  probeError: true,
  probe: true,
  qcVerdict: true,
  loudnessLufs: true,
  title: true,
  description: true,
  tags: true,
  notesCount: true,
  catalogAsset: { select: { uuid: true } },
  providerRefs: { select: { provider: true } },
} satisfies Prisma.AssetSelect;

type AssetRow = Prisma.AssetGetPayload<{ select: typeof assetFields }>;

type AssetSummary = Omit<AssetRow, "catalogAsset" | "providerRefs" | "probe"> & {
  probe: FullProbe | null;
  streams: ProbeColumns;
  status: AssetStatus;
  catalogUuid: string | null;
  providers: string[];
};

function toSummary({ catalogAsset, providerRefs, probe, ...asset }: AssetRow): AssetSummary {
  // The figures from the stored probe by the writer's own rule (probeColumnsOf), not re-read column by column.
  const full = probe as FullProbe | null;
  return {
    ...asset,
    probe: full,
    streams: probeColumnsOf(full),
    status: assetStatus({ ...asset, promoted: catalogAsset !== null }),
    catalogUuid: catalogAsset?.uuid ?? null,
    providers: [...new Set(providerRefs.map((ref) => ref.provider))].sort(),
  };
}

/** The detail page's asset, or null when there is none this viewer may see; "same content" lists only assets they may see. */
export async function findAssetByUuid(db: Db, uuid: string, viewer: Viewer) {
  const asset = await db.asset.findFirst({
    where: { uuid, ...visibleAssets(viewer) },
    select: {
      ...assetFields,
      hasDuplicate: true,
      deletedBy: { select: { uuid: true, email: true } },
      catalogAsset: {
        select: {
          uuid: true,
          title: true,
          durationMs: true,
          tags: true,
          filePath: true,
          createdAt: true,
          createdBy: { select: { email: true } },
        },
      },
      providerRefs: {
        orderBy: [{ provider: "asc" }, { providerKey: "asc" }],
        select: { uuid: true, provider: true, providerKey: true, raw: true, updatedAt: true },
      },
      episodes: {
        orderBy: { createdAt: "asc" },
        select: {
          episode: { select: { uuid: true, seriesTitle: true, seasonNumber: true, episodeNumber: true, title: true } },
        },
      },
    },
  });
  if (!asset) return null;
  const [duplicates, history] = await Promise.all([
    // The kept flag (lib/assets/duplicates.ts) says whether any other asset holds the hash at all.
    asset.hashSha256 && asset.hasDuplicate
      ? db.asset.findMany({
          where: { hashSha256: asset.hashSha256, uuid: { not: uuid }, ...visibleAssets(viewer) },
          orderBy: { discoveredAt: "asc" },
          select: { uuid: true, uri: true, isDeleted: true },
        })
      : Promise.resolve([]),
    db.auditEvent.findMany({
      where: { targetUuid: uuid },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: 100,
      select: { uuid: true, at: true, action: true, actorEmail: true, before: true, after: true, batchUuid: true },
    }),
  ]);
  const { catalogAsset, providerRefs, episodes, deletedBy, ...fields } = asset;
  return {
    ...toSummary({ ...fields, catalogAsset, providerRefs }),
    deletedBy,
    catalogAsset,
    providerRefs,
    episodes: episodes.map((link) => link.episode),
    duplicates,
    history,
  };
}

export type AssetDetail = NonNullable<Awaited<ReturnType<typeof findAssetByUuid>>>;
