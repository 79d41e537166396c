import { describe, expect, it } from "vitest";
import { countStatuses } from "@/lib/testing/counts";
import { getDb } from "@/lib/db";
import { generateSyntheticAssets } from "@/lib/seed/synthetic";
import { duplicateDrift } from "@/lib/assets/duplicates";
import { trashOrderDrift } from "@/lib/assets/trash";

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

  it("loads in bulk without losing an index or a trigger: the same definitions after the fill as before", async () => {
    const db = await getDb();
    const schema = () => db.$queryRaw<Array<{ definition: string }>>`
      SELECT indexdef AS definition FROM pg_indexes WHERE tablename IN ('assets', 'provider_refs', 'catalog_assets')
      UNION ALL SELECT tgname || ' ' || tgenabled::text FROM pg_trigger
      WHERE NOT tgisinternal AND tgrelid IN ('assets'::regclass, 'provider_refs'::regclass, 'catalog_assets'::regclass)
      ORDER BY 1`;
    const before = await schema();
    // More rows than the table holds: the fill takes the bulk path (indexes dropped and built again).
    await generateSyntheticAssets(db, { count: (await db.asset.count()) + 100 });
    expect(await schema()).toEqual(before);
    expect(before.length).toBeGreaterThan(20);
    // With the duplicate triggers off during the load, the groups were recomputed after it.
    expect(await duplicateDrift(db)).toEqual({ groups: 0, flags: 0 });
    expect(await db.asset.count({ where: { hasDuplicate: true } })).toBeGreaterThan(0);
    // The trash's order (asset_trash) was rebuilt too: one row per deleted asset, with its date.
    expect(await trashOrderDrift(db)).toBe(0);
    expect(await db.assetTrash.count()).toBe(await db.asset.count({ where: { isDeleted: true } }));
  });

  it("can run again on the same database without uri collisions", async () => {
    const db = await getDb();
    const before = await db.asset.count();
    await generateSyntheticAssets(db, { count: 300 });
    expect(await db.asset.count()).toBe(before + 300);
    // A top-up keeps the triggers on: they file the new deleted rows in the trash's order.
    expect(await trashOrderDrift(db)).toBe(0);
  });

  it("rejects a count that is not a positive whole number", async () => {
    await expect(generateSyntheticAssets(await getDb(), { count: 0 })).rejects.toThrow(/positive whole number/);
  });
});
