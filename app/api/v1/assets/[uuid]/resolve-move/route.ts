import { apiRoute } from "@/lib/api/handler";
import { resolveMoveEndpoint } from "@/lib/api/identity-endpoints";
import { getDb } from "@/lib/db";
import { resolveMove } from "@/lib/ingest/resolve-move";

// POST /api/v1/assets/{uuid}/resolve-move: the REST twin of the run page's "This is it".
export const POST = apiRoute(resolveMoveEndpoint, async ({ actor, params, body }) =>
  resolveMove(await getDb(), actor!, { assetUuid: params.uuid, intoUuid: body.into }),
);
