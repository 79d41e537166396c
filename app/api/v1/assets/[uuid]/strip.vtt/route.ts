import { assetStripVttEndpoint } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/handler";
import { getDb } from "@/lib/db";
import { thumbnailResponse } from "@/lib/thumbnails/serve";

export const GET = apiRoute(assetStripVttEndpoint, async ({ actor, params, request }) =>
  thumbnailResponse(await getDb(), actor!.role, params.uuid, "vtt", request),
);
