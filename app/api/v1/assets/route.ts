import { listAssetsEndpoint } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/handler";
import { assetJson, pageJson } from "@/lib/api/views";
import { listAssets } from "@/lib/assets/list";
import { assertCanListTab } from "@/lib/assets/list-params";
import { getDb } from "@/lib/db";
import { assertCursorRecognised } from "@/lib/table/ignored-cursor";

// GET /api/v1/assets: the asset table's own query, as JSON pages.

export const GET = apiRoute(listAssetsEndpoint, async ({ actor, query }) => {
  assertCanListTab(actor!.role, query.status);
  const page = await listAssets(await getDb(), query);
  assertCursorRecognised(page);
  return pageJson(page, assetJson);
});
