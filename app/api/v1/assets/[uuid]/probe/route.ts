import { apiRoute } from "@/lib/api/handler";
import { reprobeAssetEndpoint, reprobeReportJson } from "@/lib/api/probe-endpoints";
import { reprobeAsset } from "@/lib/assets/reprobe";
import { getDb } from "@/lib/db";

// POST /api/v1/assets/{uuid}/probe: the REST twin of the detail page's "Probe again".
export const POST = apiRoute(reprobeAssetEndpoint, async ({ actor, params }) =>
  reprobeReportJson(await reprobeAsset(await getDb(), actor!, params.uuid)),
);
