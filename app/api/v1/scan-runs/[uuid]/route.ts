import { apiRoute } from "@/lib/api/handler";
import { getScanRunEndpoint } from "@/lib/api/endpoints";
import { getDb } from "@/lib/db";
import { getRunSummary } from "@/lib/ingest/run-report";

// A scan run's progress and counts: what the run page polls while the run is going.
export const GET = apiRoute(getScanRunEndpoint, async ({ params }) => getRunSummary(await getDb(), params.uuid));
