import "server-only";
import type { Db } from "@/lib/db";

export async function listAuditEvents(db: Db, limit = 100) {
  return db.auditEvent.findMany({
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
    select: { uuid: true, at: true, action: true, actorEmail: true, targetType: true, targetUuid: true, batchUuid: true },
  });
}
