import { assetStripEndpoint } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/handler";
import { getDb } from "@/lib/db";
import { thumbnailResponse } from "@/lib/thumbnails/serve";

export const GET = apiRoute(assetStripEndpoint, async ({ actor, params, request }) =>
  thumbnailResponse(await getDb(), actor!.role, params.uuid, "strip", request),
);
