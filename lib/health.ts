import "server-only";
import type { Db } from "@/lib/db";
import { readMigrations } from "@/lib/db/migrate";

// What a load balancer or orchestrator asks before sending traffic: is the database reachable, and
// is its schema the one this build expects (every migration of prisma/migrations applied)?

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  pendingMigrations: string[];
}

const TIMEOUT_MS = 3_000;

export async function checkReadiness(db: Db): Promise<Readiness> {
  let applied: string[];
  try {
    const rows = await withTimeout(
      db.$queryRaw<
        { migration_name: string }[]
      >`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    applied = rows.map((row) => row.migration_name);
  } catch {
    return { ready: false, database: "unreachable", pendingMigrations: [] };
  }
  const pendingMigrations = (await readMigrations()).map((m) => m.name).filter((name) => !applied.includes(name));
  return { ready: pendingMigrations.length === 0, database: "ok", pendingMigrations };
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), TIMEOUT_MS).unref()),
  ]);
}
