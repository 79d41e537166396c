import { assetPreviewPlaylistEndpoint } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/handler";
import { problem } from "@/lib/api/problem";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { hasCapacity, RETRY_AFTER_SECONDS } from "@/lib/preview/encoder";
import { loadPreview, renditionOf } from "@/lib/preview/preview";
import { mediaPlaylist } from "@/lib/preview/segments";

// The HLS playlist of a remux or transcode preview: every segment listed up front (VOD), each made
// on demand by the segment route.
export const GET = apiRoute(assetPreviewPlaylistEndpoint, async ({ actor, params, request }) => {
  const preview = await loadPreview(await getDb(), params.uuid, actor!.role);
  if (!preview) throw new KnownError("not_found", "No asset has this uuid.");
  const { plan } = preview;
  if (plan.mode === "none") return problem("unsupported_media", plan.why);
  if (plan.mode === "direct") {
    return problem("unsupported_media", "This asset plays as it is from its media route; it has no preview playlist.");
  }
  const rendition = await renditionOf(preview, request.signal);
  if (!hasCapacity(rendition)) {
    return problem("preview_busy", "Every preview transcoder of this server is busy; the player tries again shortly.", {
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
    });
  }
  const body = mediaPlaylist(rendition.map, (index) => `${preview.identity}-${index}.ts`);
  return new Response(body, {
    headers: { "Content-Type": "application/vnd.apple.mpegurl", "Cache-Control": "private, no-store" },
  });
});
