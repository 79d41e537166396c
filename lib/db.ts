import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations } from "@/lib/db/migrate";
import { openPgSession, pgliteExecute, pgliteSession } from "@/lib/db/sessions";

/**
 * The one place that decides which database the app talks to:
 * DATABASE_URL set → PostgreSQL through the pg driver adapter (migrated by `npm run db:migrate`);
 * unset → embedded PostgreSQL (PGlite) in ASSET_DESK_DATA_DIR, migrated when it opens.
 */
export type DatabaseKind = "postgres" | "embedded";
export type Db = PrismaClient;

/** How the job queue reaches the same database: its own pool on PostgreSQL, the one embedded instance otherwise. */
export type JobDatabase =
  | { kind: "postgres"; connectionString: string }
  | { kind: "embedded"; executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

interface Connection {
  prisma: PrismaClient;
  kind: DatabaseKind;
  jobs: JobDatabase;
  /** Migrations this process applied when it opened the database (embedded only). */
  applied: string[];
  close(): Promise<void>;
}

// Kept on globalThis so Next's dev reloads and repeated imports share one pool.
const holder = globalThis as unknown as { assetDeskDb?: Promise<Connection> };

async function connect(): Promise<Connection> {
  if (env.DATABASE_URL) {
    const prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_MAX }),
    });
    const jobs: JobDatabase = { kind: "postgres", connectionString: env.DATABASE_URL };
    return { prisma, kind: "postgres", jobs, applied: [], close: () => prisma.$disconnect() };
  }
  const [{ openEmbeddedPostgres }, { PrismaPGlite }] = await Promise.all([
    import("@/lib/db/embedded"),
    import("pglite-prisma-adapter"),
  ]);
  const pglite = await openEmbeddedPostgres(env.ASSET_DESK_DATA_DIR);
  const applied = await applyMigrations(pgliteSession(pglite));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    kind: "embedded",
    jobs: { kind: "embedded", executeSql: (text, values) => pgliteExecute(pglite, text, values) },
    applied,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

function connection(): Promise<Connection> {
  holder.assetDeskDb ??= connect().catch((error: unknown) => {
    holder.assetDeskDb = undefined; // let the next call retry instead of caching the failure
    throw error;
  });
  return holder.assetDeskDb;
}

export async function getDb(): Promise<Db> {
  return (await connection()).prisma;
}

export async function getJobDatabase(): Promise<JobDatabase> {
  return (await connection()).jobs;
}

export async function getDatabaseKind(): Promise<DatabaseKind> {
  return (await connection()).kind;
}

export async function closeDb(): Promise<void> {
  const current = holder.assetDeskDb;
  holder.assetDeskDb = undefined;
  if (current) await (await current).close();
}

/** Brings the schema up to date; returns the migrations applied now. */
export async function migrateDatabase(): Promise<string[]> {
  if (!env.DATABASE_URL) return (await connection()).applied;
  const session = await openPgSession(env.DATABASE_URL);
  try {
    return await applyMigrations(session, { advisoryLock: true });
  } finally {
    await session.close();
  }
}
