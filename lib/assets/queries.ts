import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assetStatus, type AssetStatus } from "@/lib/assets/status";

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
  catalogAsset: { select: { uuid: true } },
  providerRefs: { select: { provider: true } },
} satisfies Prisma.AssetSelect;

type AssetRow = Prisma.AssetGetPayload<{ select: typeof assetFields }>;

type AssetSummary = Omit<AssetRow, "catalogAsset" | "providerRefs"> & {
  status: AssetStatus;
  catalogUuid: string | null;
  providers: string[];
};

function toSummary({ catalogAsset, providerRefs, ...asset }: AssetRow): AssetSummary {
  return {
    ...asset,
    status: assetStatus({ ...asset, promoted: catalogAsset !== null }),
    catalogUuid: catalogAsset?.uuid ?? null,
    providers: [...new Set(providerRefs.map((ref) => ref.provider))].sort(),
  };
}

export async function findAssetByUuid(db: Db, uuid: string) {
  const asset = await db.asset.findUnique({
    where: { uuid },
    select: {
      ...assetFields,
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
    asset.hashSha256
      ? db.asset.findMany({
          where: { hashSha256: asset.hashSha256, uuid: { not: uuid } },
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
