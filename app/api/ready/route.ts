import { getDb } from "@/lib/db";
import { checkReadiness } from "@/lib/health";
import { log } from "@/lib/log";

// Readiness: 200 when the database answers and every migration is applied, else 503 with why.
export async function GET(): Promise<Response> {
  const readiness = await getDb()
    .then(checkReadiness)
    .catch(() => ({ ready: false, database: "unreachable" as const, pendingMigrations: [] }));
  if (!readiness.ready) log.warn(readiness, "not ready");
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
