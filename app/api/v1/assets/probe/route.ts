import { filterQuery } from "@/lib/api/bulk-route";
import { apiRoute } from "@/lib/api/handler";
import { probeRunJson, requestReprobeEndpoint } from "@/lib/api/probe-endpoints";
import { requestReprobe } from "@/lib/assets/probe-runs";
import { getDb } from "@/lib/db";

// POST /api/v1/assets/probe: the REST twin of the desk's bulk "Probe again".
export const POST = apiRoute(requestReprobeEndpoint, async ({ actor, body }) => {
  const run = await requestReprobe(
    await getDb(),
    actor!,
    "uuids" in body ? { kind: "uuids", uuids: body.uuids } : { kind: "filter", query: filterQuery(body.filter) },
  );
  return Response.json(probeRunJson(run), { status: 202, headers: { "cache-control": "no-store" } });
});
