import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { queryWithin } from "@/lib/db/statement-timeout";
import { Prisma } from "@/lib/generated/prisma/client";

// queryWithin on this file's own PostgreSQL database: the answer when quick, null when PostgreSQL
// cancelled the statement, and the timeout gone with its transaction.

describe("queryWithin", () => {
  it("answers a quick query and gives up on a slow one, leaving the connection's timeout as it was", async () => {
    const db = await getDb();
    expect(await queryWithin<{ n: number }>(db, 10_000, Prisma.sql`SELECT 1::int AS n`)).toEqual([{ n: 1 }]);
    expect(await queryWithin(db, 20, Prisma.sql`SELECT pg_sleep(5)`)).toBeNull();
    // Every connection of the pool: none keeps the 20 ms.
    const settings = await Promise.all(
      Array.from({ length: 4 }, () => db.$queryRaw<[{ t: string }]>`SELECT current_setting('statement_timeout') AS t`),
    );
    expect(settings.map(([row]) => row.t)).toEqual(["0", "0", "0", "0"]);
  });

  it("passes on any other error", async () => {
    await expect(queryWithin(await getDb(), 10_000, Prisma.sql`SELECT 1/0`)).rejects.toThrow(/division by zero/);
  });
});
