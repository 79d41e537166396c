import { apiRoute } from "@/lib/api/handler";
import { getProbeRunEndpoint, probeRunJson } from "@/lib/api/probe-endpoints";
import { probeRunByUuid } from "@/lib/assets/probe-runs";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";

// A probe run's progress: what the desk and scripts poll while it goes.
export const GET = apiRoute(getProbeRunEndpoint, async ({ params }) => {
  const run = await probeRunByUuid(await getDb(), params.uuid);
  if (!run) throw new KnownError("not_found", "No such probe run.");
  return probeRunJson(run);
});
