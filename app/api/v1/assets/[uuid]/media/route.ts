import { assetMediaEndpoint } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/handler";
import { problem } from "@/lib/api/problem";
import { openMediaFile } from "@/lib/assets/media-file";
import { parseRange } from "@/lib/media/byte-range";
import { proxyProviderMedia } from "@/lib/media/provider-proxy";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { log } from "@/lib/log";
import { loadPreview } from "@/lib/preview/preview";

// The file behind a direct preview, streamed with HTTP Range support so the browser can seek
// without downloading everything (from its Plex or Jellyfin server when only that can reach it). Only formats browsers play as they are are served here; the
// others play through the preview playlist (remux, transcode).

const serveMedia = (body: boolean) =>
  apiRoute(assetMediaEndpoint, async ({ actor, params, request }) => {
    const preview = await loadPreview(await getDb(), params.uuid, actor!.role);
    if (!preview) throw new KnownError("not_found", "No asset has this uuid.");
    const { plan, input } = preview;
    if (plan.mode === "none" && !preview.unreachable) return problem("unsupported_media", plan.why);
    if (plan.mode === "remux" || plan.mode === "transcode") {
      return problem("unsupported_media", `Browsers cannot play this file as it is; its preview is ${plan.why}.`);
    }
    // A Plex- or Jellyfin-only asset: the bytes come through the desk from that server.
    if (input?.kind === "provider" && plan.mode === "direct") return proxyProviderMedia(input, request, request.signal);
    // Only files inside a source's folders are served (lib/assets/media-roots.ts). The answer and
    // the log name the asset, never its path: a path is what an attacker would be probing for.
    const file = input?.kind === "file" ? await openMediaFile(input.path, preview.roots) : null;
    if (!file || plan.mode !== "direct") {
      log.warn({ assetUuid: preview.uuid }, "media file not readable or outside the media roots");
      return problem(
        "not_found",
        "The asset's file cannot be read here: it is missing, unreadable, or outside every source's folders.",
      );
    }

    const headers = new Headers({ "Accept-Ranges": "bytes", "Cache-Control": "private, no-store" });
    const range = parseRange(request.headers.get("range"), file.size);
    if (range.kind === "unsatisfiable") {
      await file.close();
      headers.set("Content-Range", `bytes */${file.size}`);
      return problem("range_not_satisfiable", `The requested range is outside the file (${file.size} bytes).`, {
        headers,
      });
    }
    const { start, end } = range.kind === "partial" ? range : { start: 0, end: file.size - 1 };
    headers.set("Content-Type", plan.mimeType);
    headers.set("Content-Length", String(end - start + 1));
    if (range.kind === "partial") headers.set("Content-Range", `bytes ${start}-${end}/${file.size}`);
    const status = range.kind === "partial" ? 206 : 200;

    if (!body || end < start) {
      await file.close();
      return new Response(null, { status, headers });
    }
    return new Response(file.stream(start, end), { status, headers });
  });

export const GET = serveMedia(true);

/** The same answer without the bytes: players and download tools ask for the size first. */
export const HEAD = serveMedia(false);
