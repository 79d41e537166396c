import { requireRole } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { getRunSummary } from "@/lib/ingest/run-report";
import { parseUuid } from "@/lib/uuid";

// A scan run's progress and counts: what the run page polls while the run is going.

type Context = { params: Promise<{ uuid: string }> };

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  try {
    await requireRole("assets.read");
    const uuid = parseUuid((await params).uuid);
    if (!uuid) throw new KnownError("not_found", "No scan run has that id.");
    return Response.json(await getRunSummary(await getDb(), uuid), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, { route: "scan-run" });
  }
}
