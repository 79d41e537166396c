import { apiRoute } from "@/lib/api/handler";
import { remapResultJson, remapSourceEndpoint } from "@/lib/api/identity-endpoints";
import { getDb } from "@/lib/db";
import { applyRemap, previewRemap } from "@/lib/ingest/remap";

// POST /api/v1/sources/{uuid}/remap: the REST twin of the source page's "Re-map paths".
export const POST = apiRoute(remapSourceEndpoint, async ({ actor, params, body }) => {
  const db = await getDb();
  const input = { from: body.from, to: body.to };
  return body.dryRun
    ? remapResultJson(
        { ...(await previewRemap(db, params.uuid, input)), batchUuid: null, remapped: 0, skipped: 0 },
        true,
      )
    : remapResultJson(await applyRemap(db, actor!, params.uuid, input), false);
});
