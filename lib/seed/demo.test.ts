import { describe, expect, it } from "vitest";
import { countAssetsByStatus } from "@/lib/assets/queries";
import { verifyPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import { DEMO_USERS, seedDemo } from "@/lib/seed/demo";

describe("demo seed", () => {
  it("creates a desk with every state, every provider, two series, duplicates and one user per role", async () => {
    const db = await getDb();
    const result = await seedDemo(db, { password: "pa55-word" });
    expect(result.assets).toBeGreaterThanOrEqual(300);

    const counts = await countAssetsByStatus(db);
    for (const status of ["pending", "approved", "promoted", "deleted"] as const) expect(counts[status], status).toBeGreaterThan(5);

    const providers = await db.providerRef.groupBy({ by: ["provider"], _count: { _all: true } });
    expect(providers.map((row) => row.provider).sort()).toEqual(["filesystem", "jellyfin", "plex"]);
    const series = await db.episode.groupBy({ by: ["seriesTitle"] });
    expect(series).toHaveLength(2);
    const containers = await db.asset.groupBy({ by: ["container"], where: { container: { not: null } } });
    expect(containers.length).toBeGreaterThanOrEqual(4);
    const duplicates = await db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM (SELECT hash_sha256 FROM assets WHERE hash_sha256 IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d`;
    expect(Number(duplicates[0]?.n)).toBeGreaterThan(0);
    expect(await db.asset.count({ where: { durationMs: null } })).toBeGreaterThan(0);

    // Workflow invariants hold in the demo data too.
    expect(await db.catalogAsset.count({ where: { sourceAsset: { canonical: false } } })).toBe(0);
    expect(await db.asset.count({ where: { canonical: true, durationMs: null } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "asset.promote" } })).toBe(counts.promoted);

    const users = await db.user.findMany({ orderBy: { email: "asc" } });
    expect(users.map((user) => [user.email, user.role])).toEqual(
      [...DEMO_USERS].sort((a, b) => a.email.localeCompare(b.email)).map((user) => [user.email, user.role]),
    );
    expect(await verifyPassword(users[0]!.passwordHash, "pa55-word")).toBe(true);
    expect(await verifyPassword(users[0]!.passwordHash, "wrong")).toBe(false);
  });

  it("runs again without duplicating data, resetting the demo password", async () => {
    const db = await getDb();
    const assets = await db.asset.count();
    const again = await seedDemo(db, { password: "another" });
    expect(again.assets).toBe(0);
    expect(await db.asset.count()).toBe(assets);
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.local" } });
    expect(await verifyPassword(admin.passwordHash, "another")).toBe(true);
  });
});
