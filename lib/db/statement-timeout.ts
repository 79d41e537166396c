import "server-only";
import type { Db } from "@/lib/db";
import { isStatementTimeout } from "@/lib/db/unavailable";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Runs one query that PostgreSQL cancels after `timeoutMs` (statement_timeout, set for its
 * transaction only); null when it was cancelled. For answers worth having only when they are quick.
 */
export async function queryWithin<T>(db: Db, timeoutMs: number, sql: Prisma.Sql): Promise<T[] | null> {
  try {
    const [, rows] = await db.$transaction([
      db.$queryRaw`SELECT set_config('statement_timeout', ${String(Math.max(1, Math.round(timeoutMs)))}, true)`,
      db.$queryRaw<T[]>(sql),
    ]);
    return rows;
  } catch (error) {
    if (isStatementTimeout(error)) return null;
    throw error;
  }
}
