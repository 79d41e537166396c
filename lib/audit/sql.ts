import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AuditAction } from "@/lib/audit/actions";
import type { AuditActor, AuditEntry } from "@/lib/audit/write";

// Audit rows written from SQL, for changes made in SQL over many rows at once (a bulk transition, a
// scan's batch): one row per row of `from`, so the statement or transaction that makes the change
// records exactly the rows it changed. Single changes go through writeAudit (write.ts) instead.

export interface AuditRowsSql {
  action: AuditAction;
  targetType: AuditEntry["targetType"];
  /** The rows to record: a CTE's name, or `unnest(…) AS t(…)`. */
  from: Prisma.Sql;
  /** SQL over `from`'s columns. */
  targetUuid: Prisma.Sql;
  before?: Prisma.Sql;
  after: Prisma.Sql;
  batchUuid?: string | null;
}

/** `INSERT INTO audit_events … SELECT … FROM rows.from`; the caller may append a RETURNING. */
export function auditInsertSql(actor: AuditActor, rows: AuditRowsSql): Prisma.Sql {
  const before = rows.before ?? Prisma.sql`NULL::jsonb`;
  return Prisma.sql`
    INSERT INTO audit_events (action, target_type, target_uuid, before, after, batch_uuid, actor_id, actor_uuid, actor_email, api_token_uuid)
    SELECT ${rows.action}::text, ${rows.targetType}::text, ${rows.targetUuid}, ${before}, ${rows.after}, ${rows.batchUuid ?? null}::uuid,
      ${actor.id}::int, ${actor.uuid}::uuid, ${actor.email}::text, ${actor.apiTokenUuid ?? null}::uuid
    FROM ${rows.from}`;
}
