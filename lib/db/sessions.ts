import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { SqlSession } from "@/lib/db/migrate";

/** A migration session over one PostgreSQL connection; close it when done. */
export async function openPgSession(connectionString: string): Promise<SqlSession & { close(): Promise<void> }> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <T,>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}

export function pgliteSession(db: PGlite): SqlSession {
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T,>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
  };
}
