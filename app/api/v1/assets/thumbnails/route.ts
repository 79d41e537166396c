import { filterQuery } from "@/lib/api/bulk-route";
import { requestThumbnailsEndpoint } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/handler";
import { getDb } from "@/lib/db";
import { requestThumbnails } from "@/lib/thumbnails/jobs";

// POST /api/v1/assets/thumbnails: the REST twin of the desk's "Make thumbnails" for a selection.
export const POST = apiRoute(requestThumbnailsEndpoint, async ({ actor, body }) => {
  const report = await requestThumbnails(
    await getDb(),
    actor!,
    "uuids" in body ? { kind: "uuids", uuids: body.uuids } : { kind: "filter", query: filterQuery(body.filter) },
  );
  return Response.json(report, { status: 202, headers: { "cache-control": "no-store" } });
});
