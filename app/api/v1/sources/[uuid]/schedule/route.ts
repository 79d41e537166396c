import { setSourceScheduleEndpoint, sourceScheduleJson } from "@/lib/api/automation-endpoints";
import { apiRoute } from "@/lib/api/handler";
import { getDb } from "@/lib/db";
import { setSourceSchedule } from "@/lib/ingest/sources";

// PUT /api/v1/sources/{uuid}/schedule: the REST twin of the source form's "Scheduled scans".
export const PUT = apiRoute(setSourceScheduleEndpoint, async ({ actor, params, body }) =>
  sourceScheduleJson(await setSourceSchedule(await getDb(), actor!, params.uuid, body)),
);
