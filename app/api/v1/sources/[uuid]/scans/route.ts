import { apiRoute } from "@/lib/api/handler";
import { startScanEndpoint } from "@/lib/api/endpoints";
import { getDb } from "@/lib/db";
import { getRunSummary } from "@/lib/ingest/run-report";
import { startScan } from "@/lib/jobs/queue";

export const POST = apiRoute(startScanEndpoint, async ({ actor, params }) => {
  const run = await startScan(actor!, params.uuid, "api");
  return Response.json(await getRunSummary(await getDb(), run.uuid), { status: 202 });
});
