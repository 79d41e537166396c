import { getAssetEndpoint } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/handler";
import { assetDetailJson } from "@/lib/api/views";
import { findAssetByUuid } from "@/lib/assets/queries";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";

// GET /api/v1/assets/{uuid}: the detail page's read model (a deleted asset is unknown below trash.manage).

export const GET = apiRoute(getAssetEndpoint, async ({ actor, params }) => {
  const asset = await findAssetByUuid(await getDb(), params.uuid, actor!.role);
  if (!asset) throw new KnownError("not_found", "No asset has that uuid.");
  return assetDetailJson(asset);
});
