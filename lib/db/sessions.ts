import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { SqlSession } from "@/lib/db/migrate";

/** A migration session over one PostgreSQL connection; close it when done. */
export async function openPgSession(connectionString: string): Promise<SqlSession & { close(): Promise<void> }> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}

export function pgliteSession(db: PGlite): SqlSession {
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
  };
}

/** One statement with parameters, or a parameterless script of several (the job queue sends both). */
export async function pgliteExecute(db: PGlite, text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
  if (values && values.length > 0) return db.query(text, values);
  const results = await db.exec(text);
  return results.at(-1) ?? { rows: [] };
}
