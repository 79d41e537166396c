import { browserPlayback } from "@/lib/assets/media";
import { findMediaSource, openMediaFile, parseRange } from "@/lib/assets/media-file";
import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { errorResponse, jsonError } from "@/lib/http";
import { log } from "@/lib/log";
import { parseUuid } from "@/lib/uuid";

// The file behind the detail page's media preview, streamed with HTTP Range support so the
// browser can seek without downloading everything. Only formats browsers play are served.

type Context = { params: Promise<{ uuid: string }> };

export function GET(request: Request, context: Context): Promise<Response> {
  return serveMedia(request, context, { body: true });
}

/** The same answer without the bytes: players and download tools ask for the size first. */
export function HEAD(request: Request, context: Context): Promise<Response> {
  return serveMedia(request, context, { body: false });
}

async function serveMedia(request: Request, { params }: Context, { body }: { body: boolean }): Promise<Response> {
  let assetUuid: string | null = null;
  try {
    await requireRole("assets.read");
    assetUuid = parseUuid((await params).uuid);
    const asset = assetUuid ? await findMediaSource(await getDb(), assetUuid) : null;
    if (!asset) throw new KnownError("not_found", "No asset has this uuid.");

    const playback = browserPlayback(asset);
    if (!playback.playable) return jsonError(415, playback.reason);

    const file = await openMediaFile(asset.uri);
    if (!file) {
      log.warn({ assetUuid: asset.uuid, uri: asset.uri }, "media file not readable");
      return jsonError(404, `The file is not readable at ${asset.uri}`);
    }

    const headers = new Headers({ "Accept-Ranges": "bytes", "Cache-Control": "private, no-store" });
    const range = parseRange(request.headers.get("range"), file.size);
    if (range.kind === "unsatisfiable") {
      await file.close();
      headers.set("Content-Range", `bytes */${file.size}`);
      return jsonError(416, `The requested range is outside the file (${file.size} bytes).`, headers);
    }
    const { start, end } = range.kind === "partial" ? range : { start: 0, end: file.size - 1 };
    headers.set("Content-Type", playback.mimeType);
    headers.set("Content-Length", String(end - start + 1));
    if (range.kind === "partial") headers.set("Content-Range", `bytes ${start}-${end}/${file.size}`);
    const status = range.kind === "partial" ? 206 : 200;

    if (!body || end < start) {
      await file.close();
      return new Response(null, { status, headers });
    }
    return new Response(file.stream(start, end), { status, headers });
  } catch (error) {
    return errorResponse(error, { route: "GET /api/v1/assets/[uuid]/media", assetUuid });
  }
}
