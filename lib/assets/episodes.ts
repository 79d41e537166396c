import "server-only";
import type { Db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write";
import { visibleAssets } from "@/lib/assets/scope";
import { seesDeletedAssets, type ActingViewer } from "@/lib/assets/visibility";
import { KnownError } from "@/lib/errors";

export interface EpisodeRef {
  seriesTitle: string;
  seasonNumber: number;
  episodeNumber: number;
  title: string;
}

/** Links an asset to an episode, creating the episode when the series has no such one yet. */
export async function linkEpisode(db: Db, actor: ActingViewer, assetUuid: string, ref: EpisodeRef) {
  return db.$transaction(async (tx) => {
    const [asset] = await tx.$queryRaw<
      Array<{ id: number; is_deleted: boolean }>
    >`SELECT id, is_deleted FROM assets WHERE uuid = ${assetUuid}::uuid FOR UPDATE`;
    if (!asset || (asset.is_deleted && !seesDeletedAssets(actor.role)))
      throw new KnownError("not_found", "That asset no longer exists.");
    if (asset.is_deleted) throw new KnownError("conflict", "It is deleted; restore it first.");
    const episode = await tx.episode.upsert({
      where: {
        seriesTitle_seasonNumber_episodeNumber: {
          seriesTitle: ref.seriesTitle,
          seasonNumber: ref.seasonNumber,
          episodeNumber: ref.episodeNumber,
        },
      },
      update: {},
      create: ref,
      select: { id: true, uuid: true, title: true },
    });
    const existing = await tx.episodeAsset.findUnique({
      where: { episodeId_assetId: { episodeId: episode.id, assetId: asset.id } },
    });
    if (existing) return { episodeUuid: episode.uuid, changed: false };
    await tx.episodeAsset.create({ data: { episodeId: episode.id, assetId: asset.id } });
    await writeAudit(tx, actor, [
      {
        action: "asset.link_episode",
        targetType: "asset",
        targetUuid: assetUuid,
        after: {
          episodeUuid: episode.uuid,
          seriesTitle: ref.seriesTitle,
          seasonNumber: ref.seasonNumber,
          episodeNumber: ref.episodeNumber,
          title: episode.title,
        },
      },
    ]);
    return { episodeUuid: episode.uuid, changed: true };
  });
}

export async function unlinkEpisode(db: Db, actor: ActingViewer, assetUuid: string, episodeUuid: string) {
  return db.$transaction(async (tx) => {
    const links = await tx.episodeAsset.findMany({
      where: { asset: { uuid: assetUuid, ...visibleAssets(actor.role) }, episode: { uuid: episodeUuid } },
      select: {
        episodeId: true,
        assetId: true,
        episode: { select: { seriesTitle: true, seasonNumber: true, episodeNumber: true } },
      },
    });
    const link = links[0];
    if (!link) throw new KnownError("not_found", "That asset is not linked to that episode.");
    await tx.episodeAsset.delete({
      where: { episodeId_assetId: { episodeId: link.episodeId, assetId: link.assetId } },
    });
    await writeAudit(tx, actor, [
      {
        action: "asset.unlink_episode",
        targetType: "asset",
        targetUuid: assetUuid,
        before: { episodeUuid, ...link.episode },
      },
    ]);
  });
}
