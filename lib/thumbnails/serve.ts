import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db";
import { problem } from "@/lib/api/problem";
import { loadMediaRoots } from "@/lib/assets/media-roots";
import { visibleAssets } from "@/lib/assets/scope";
import type { Viewer } from "@/lib/assets/visibility";
import { KnownError } from "@/lib/errors";
import { log } from "@/lib/log";
import { stripCues, stripVtt } from "@/lib/thumbnails/layout";
import { queueThumbnails } from "@/lib/thumbnails/jobs";
import { resolveMediaInput } from "@/lib/media/resolve-input";
import { hasPictures, THUMBNAIL_ASSET_SELECT } from "@/lib/thumbnails/make";
import { POSTER_FILE, STRIP_FILE } from "@/lib/thumbnails/render";
import { markUsed, thumbnailState } from "@/lib/thumbnails/store";

// The answers of GET /api/v1/assets/{uuid}/poster.jpg, strip.jpg and strip.vtt. The rules are the
// media route's: any role that may read the asset, a deleted one only for trash.manage, and only
// while its file lies inside the media roots. Pictures not made yet are queued and answered with
// 404 `thumbnail_pending` and Retry-After; pictures of an earlier version of the file count as
// not made. The ETag is the file's fingerprint (its sha256), so a changed file shows a new picture.

export type ThumbnailKind = "poster" | "strip" | "vtt";

/** Seconds a browser keeps a picture before asking again (with If-None-Match). */
const MAX_AGE_SECONDS = 60;
/** When to ask again for pictures being made. */
const RETRY_AFTER_SECONDS = 5;

export const stripUrl = (uuid: string) => `/api/v1/assets/${uuid}/strip.jpg`;

export async function thumbnailResponse(db: Db, viewer: Viewer, uuid: string, kind: ThumbnailKind, request: Request) {
  const asset = await db.asset.findFirst({ where: { uuid, ...visibleAssets(viewer) }, select: THUMBNAIL_ASSET_SELECT });
  if (!asset) throw new KnownError("not_found", "No asset has this uuid.");
  if (!hasPictures(asset))
    return problem("not_found", "This asset has no pictures: it has no probed video stream with a duration.");
  if (!(await resolveMediaInput(db, asset, await loadMediaRoots(db)).catch(() => null))) {
    log.warn({ assetUuid: asset.uuid }, "thumbnail source not readable or outside the media roots");
    return problem(
      "not_found",
      "The asset's file cannot be read here: it is missing, unreadable, or outside every source's folders.",
    );
  }
  const state = await thumbnailState(asset.uuid, asset);
  if (state.kind === "failed") return problem("not_found", `No pictures could be made from this file. ${state.reason}`);
  if (state.kind === "missing") return pending(asset.uuid);
  await markUsed(state.dir);
  const etag = `"${state.meta.fingerprint.replace(/[^\w.:-]/g, "")}-${kind}"`;
  const headers = new Headers({ "cache-control": `private, max-age=${MAX_AGE_SECONDS}`, etag });
  if (matches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  if (kind === "vtt") {
    headers.set("content-type", "text/vtt; charset=utf-8");
    const vtt = stripVtt(stripUrl(asset.uuid), stripCues(state.meta, state.meta.durationMs));
    return new Response(vtt, { headers });
  }
  // Evicted between the check and the read: as good as never made.
  const bytes = await readFile(path.join(state.dir, kind === "poster" ? POSTER_FILE : STRIP_FILE)).catch(() => null);
  if (!bytes) return pending(asset.uuid);
  headers.set("content-type", "image/jpeg");
  return new Response(new Uint8Array(bytes), { headers });
}

async function pending(uuid: string): Promise<Response> {
  await queueThumbnails([uuid]);
  return problem("thumbnail_pending", "The pictures of this asset are being made; ask again in a few seconds.", {
    headers: { "retry-after": String(RETRY_AFTER_SECONDS) },
  });
}

function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .some((candidate) => candidate.trim().replace(/^W\//, "") === etag || candidate.trim() === "*");
}
