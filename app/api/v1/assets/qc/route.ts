import { filterQuery } from "@/lib/api/bulk-route";
import { requestQcEndpoint } from "@/lib/api/qc-endpoints";
import { apiRoute } from "@/lib/api/handler";
import { getDb } from "@/lib/db";
import { requestQc } from "@/lib/qc/jobs";

// POST /api/v1/assets/qc: the REST twin of the desk's bulk "Run QC" for a selection.
export const POST = apiRoute(requestQcEndpoint, async ({ actor, body }) => {
  const report = await requestQc(
    await getDb(),
    actor!,
    "uuids" in body ? { kind: "uuids", uuids: body.uuids } : { kind: "filter", query: filterQuery(body.filter) },
  );
  return Response.json(report, { status: 202, headers: { "cache-control": "no-store" } });
});
