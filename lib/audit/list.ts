import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AuditListQuery } from "@/lib/audit/list-params";
import { keysetPage, readCursors, type Key, type KeysetPage, type SortColumn } from "@/lib/table/keyset";

// The audit log's one query: filters → WHERE, keyset pages over (at, uuid).

const AT: SortColumn = { sql: "e.at", cast: "timestamptz", nullable: false, unique: false, uuid: "e.uuid" };

export interface AuditListRow {
  uuid: string;
  at: Date;
  actorEmail: string | null;
  /** The API token the change was made with, if any. */
  apiTokenUuid: string | null;
  action: string;
  targetType: string;
  targetUuid: string;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
  batchUuid: string | null;
  key: Key;
}

function auditWhere(query: AuditListQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.actor) conditions.push(Prisma.sql`lower(e.actor_email) = ${query.actor.toLowerCase()}`);
  if (query.action) conditions.push(Prisma.sql`e.action = ${query.action}`);
  if (query.target) conditions.push(Prisma.sql`e.target_uuid = ${query.target}::uuid`);
  if (query.batch) conditions.push(Prisma.sql`e.batch_uuid = ${query.batch}::uuid`);
  if (query.from) conditions.push(Prisma.sql`e.at >= ${query.from}::date::timestamptz`);
  if (query.to) conditions.push(Prisma.sql`e.at < (${query.to}::date + 1)::timestamptz`);
  return Prisma.join(conditions, " AND ");
}

export async function listAuditEvents(
  db: Db,
  query: AuditListQuery,
): Promise<KeysetPage<AuditListRow> & { cursorIgnored: boolean }> {
  const { cursor, ignored } = readCursors(query, AT);
  const where = auditWhere(query);
  const page = await keysetPage(AT, query.dir, cursor, query.per, async (condition, orderBy, limit) => {
    const rows = await db.$queryRaw<Array<Omit<AuditListRow, "key"> & { sortValue: string }>>`
      SELECT e.uuid::text AS uuid, e.at, e.actor_email AS "actorEmail", e.api_token_uuid::text AS "apiTokenUuid", e.action, e.target_type AS "targetType",
             e.target_uuid::text AS "targetUuid", e.before, e.after, e.batch_uuid::text AS "batchUuid", e.at::text AS "sortValue"
      FROM audit_events e
      WHERE ${where} AND ${condition}
      ORDER BY ${orderBy}
      LIMIT ${limit}`;
    return rows.map(({ sortValue, ...row }) => ({ ...row, key: { v: sortValue, u: row.uuid } }));
  });
  return { ...page, cursorIgnored: ignored };
}
