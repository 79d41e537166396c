import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { assetPreviewSegmentEndpoint } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/handler";
import { problem } from "@/lib/api/problem";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { PreviewBusy, PreviewFailed, RETRY_AFTER_SECONDS, segmentPath } from "@/lib/preview/encoder";
import { loadPreview, renditionOf } from "@/lib/preview/preview";

// One segment of a preview playlist, from the cache or from the ffmpeg making it (lib/preview/encoder.ts).
export const GET = apiRoute(assetPreviewSegmentEndpoint, async ({ actor, params, request }) => {
  const preview = await loadPreview(await getDb(), params.uuid, actor!.role);
  if (!preview) throw new KnownError("not_found", "No asset has this uuid.");
  if (preview.plan.mode !== "remux" && preview.plan.mode !== "transcode") {
    return problem("unsupported_media", preview.plan.why);
  }
  const [identity, index] = params.segment.replace(/\.ts$/, "").split("-");
  if (identity !== preview.identity) {
    throw new KnownError(
      "conflict",
      "The asset's file has changed since this playlist was made; load the preview again.",
    );
  }
  const rendition = await renditionOf(preview, request.signal);
  let file: string;
  try {
    file = await segmentPath(rendition, Number(index), request.signal);
  } catch (error) {
    if (error instanceof PreviewBusy) {
      return problem("preview_busy", error.message, { headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } });
    }
    if (error instanceof PreviewFailed) return problem("unsupported_media", error.message);
    throw error;
  }
  const handle = await open(file);
  const { size } = await handle.stat();
  return new Response(Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "video/mp2t",
      "Content-Length": String(size),
      // Segment names change with the file, so a browser may keep them for a while.
      "Cache-Control": "private, max-age=3600",
    },
  });
});
