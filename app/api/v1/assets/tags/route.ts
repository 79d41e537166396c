import { filterQuery } from "@/lib/api/bulk-route";
import { bulkTagReportJson, bulkTagsEndpoint } from "@/lib/api/editorial-endpoints";
import { apiRoute } from "@/lib/api/handler";
import { bulkTags } from "@/lib/assets/metadata";
import { toSelection } from "@/lib/assets/selection";
import { getDb } from "@/lib/db";

// POST /api/v1/assets/tags: the REST twin of the bulk bar's "Add tags" and "Remove tags".
export const POST = apiRoute(bulkTagsEndpoint, async ({ actor, body }) => {
  const selection = toSelection(
    "uuids" in body ? { kind: "uuids", uuids: body.uuids } : { kind: "filter", query: filterQuery(body.filter) },
  );
  const report = await bulkTags(await getDb(), actor!, selection, { add: body.add ?? [], remove: body.remove ?? [] });
  return bulkTagReportJson(report);
});
