import { describe, expect, it } from "vitest";
import { countStatuses } from "@/lib/testing/counts";
import { getDb } from "@/lib/db";
import { generateSyntheticAssets } from "@/lib/seed/synthetic";

describe("synthetic generator", () => {
  it("inserts the requested count in batches, with every status and consistent rows", async () => {
    const db = await getDb();
    const batches: number[] = [];
    await generateSyntheticAssets(db, { count: 2_500, batchSize: 1_000, onBatch: (done) => batches.push(done) });
    expect(batches).toEqual([1_000, 2_000, 2_500]);
    expect(await db.asset.count()).toBe(2_500);

    const counts = await countStatuses(db);
    for (const status of ["pending", "approved", "promoted", "deleted"] as const)
      expect(counts[status], status).toBeGreaterThan(0);
    expect(
      await db.catalogAsset.count({ where: { sourceAsset: { OR: [{ canonical: false }, { isDeleted: true }] } } }),
    ).toBe(0);
    expect(await db.asset.count({ where: { isDeleted: true, deletedAt: null } })).toBe(0);
    expect(await db.providerRef.count()).toBe(2_500);
  });

  it("can run again on the same database without uri collisions", async () => {
    const db = await getDb();
    const before = await db.asset.count();
    await generateSyntheticAssets(db, { count: 300 });
    expect(await db.asset.count()).toBe(before + 300);
  });

  it("rejects a count that is not a positive whole number", async () => {
    await expect(generateSyntheticAssets(await getDb(), { count: 0 })).rejects.toThrow(/positive whole number/);
  });
});
