import { editAssetMetadataEndpoint, metadataResultJson } from "@/lib/api/editorial-endpoints";
import { getAssetEndpoint } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/handler";
import { assetDetailJson } from "@/lib/api/views";
import { editAssetMetadata } from "@/lib/assets/metadata";
import { findAssetByUuid } from "@/lib/assets/queries";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";

// GET /api/v1/assets/{uuid}: the detail page's read model (a deleted asset is unknown below trash.manage).
// PATCH: its editorial metadata (title, description, tags), as the detail page's form saves it.

export const GET = apiRoute(getAssetEndpoint, async ({ actor, params }) => {
  const asset = await findAssetByUuid(await getDb(), params.uuid, actor!.role);
  if (!asset) throw new KnownError("not_found", "No asset has that uuid.");
  return assetDetailJson(asset);
});

export const PATCH = apiRoute(editAssetMetadataEndpoint, async ({ actor, params, body }) =>
  metadataResultJson(params.uuid, await editAssetMetadata(await getDb(), actor!, { uuid: params.uuid, ...body })),
);
