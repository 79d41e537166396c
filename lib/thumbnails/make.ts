import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadMediaRoots } from "@/lib/assets/media-roots";
import { log } from "@/lib/log";
import { resolveMediaInput } from "@/lib/media/resolve-input";
import { stripLayout } from "@/lib/thumbnails/layout";
import { renderThumbnails, ThumbnailError } from "@/lib/thumbnails/render";
import { enforceThumbnailCap, storeFailure, storeThumbnails, thumbnailState } from "@/lib/thumbnails/store";

// Making an asset's poster and strip: only for a probed asset with video and a duration, only when
// the cache does not already hold pictures of this very file, and only from a file the desk may
// read (the media roots, as the media route) or from the Plex/Jellyfin server that lists it.

/** How long one ffmpeg run may take before it is killed. */
export const RENDER_TIMEOUT_MS = 120_000;

/** The asset columns thumbnails depend on. */
export const THUMBNAIL_ASSET_SELECT = {
  id: true,
  uuid: true,
  uri: true,
  size: true,
  fileMtime: true,
  hashSha256: true,
  durationMs: true,
  videoCodec: true,
  probeError: true,
} as const;

// Whether pictures can be taken from an asset at all: probed without error, with video and a
// duration. One rule in the two forms its callers need (a loaded row; SQL over `assets a`).
export const picturesSql = Prisma.sql`(a.video_codec IS NOT NULL AND a.probe_error IS NULL AND a.duration_ms > 0)`;

export function hasPictures(asset: {
  videoCodec: string | null;
  durationMs: number | null;
  probeError: string | null;
}) {
  return asset.videoCodec !== null && asset.probeError === null && (asset.durationMs ?? 0) > 0;
}

export type MakeOutcome = "made" | "current" | "no_video" | "unknown" | "unreachable" | "failed";

/** Makes the asset's pictures unless the cache holds pictures of its current file. */
export async function makeThumbnails(
  db: Db,
  uuid: string,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<MakeOutcome> {
  const asset = await db.asset.findUnique({ where: { uuid }, select: THUMBNAIL_ASSET_SELECT });
  if (!asset) return "unknown";
  if (!hasPictures(asset)) return "no_video";
  if ((await thumbnailState(uuid, asset)).kind === "ready") return "current";
  const input = await resolveMediaInput(db, asset, await loadMediaRoots(db)).catch(() => null);
  if (!input) {
    await storeFailure(uuid, asset, "The file cannot be read here: it is missing, or outside every source's folders.");
    return "unreachable";
  }
  const durationMs = asset.durationMs!;
  const layout = stripLayout(durationMs);
  const started = performance.now();
  try {
    await storeThumbnails(uuid, { ...asset, durationMs }, layout, (dir) =>
      renderThumbnails(input, durationMs, layout, dir, {
        timeoutMs: options.timeoutMs ?? RENDER_TIMEOUT_MS,
        signal: options.signal,
        videoCodec: asset.videoCodec,
      }),
    );
  } catch (error) {
    if (!(error instanceof ThumbnailError) || error.code === "setup") throw error;
    await storeFailure(uuid, asset, error.message);
    log.warn({ assetUuid: uuid, reason: error.message }, "thumbnails not made");
    return "failed";
  }
  log.info({ assetUuid: uuid, tiles: layout.tiles, ms: Math.round(performance.now() - started) }, "thumbnails made");
  await enforceThumbnailCap({ keep: uuid });
  return "made";
}
