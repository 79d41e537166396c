import { PrismaPg } from "@prisma/adapter-pg";
import { expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { checkReadiness } from "@/lib/health";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";

it("is live without asking the database, and ready when every migration is applied", async () => {
  expect((await health()).status).toBe(200);
  const response = await ready();
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ready: true, database: "ok", pendingMigrations: [] });
});

it("is not ready while a migration is pending, and says which", async () => {
  const db = await getDb();
  const [last] = await db.$queryRaw<
    { migration_name: string }[]
  >`SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
  await db.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${last!.migration_name}`;
  try {
    const response = await ready();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ready: false, database: "ok", pendingMigrations: [last!.migration_name] });
  } finally {
    await db.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${last!.migration_name}`;
  }
});

it("is not ready when the database cannot be reached", async () => {
  const unreachable = new PrismaClient({
    adapter: new PrismaPg({ connectionString: "postgres://postgres@127.0.0.1:9/none", connectionTimeoutMillis: 1000 }),
  });
  try {
    expect(await checkReadiness(unreachable)).toEqual({ ready: false, database: "unreachable", pendingMigrations: [] });
  } finally {
    await unreachable.$disconnect();
  }
});
