import { beforeAll, describe, expect, it } from "vitest";
import type { ActingViewer } from "@/lib/assets/visibility";
import { applyTransition } from "@/lib/assets/workflow";
import { countCatalogHealth, listCatalogEntries } from "@/lib/catalog/list";
import { CATALOG_LIST_DEFAULTS } from "@/lib/catalog/list-params";
import { getDb } from "@/lib/db";
import { createAsset } from "@/lib/seed/factories";

// The catalog flags entries whose file is no longer the one promoted: the table, its filter, the
// API and the dashboard read one rule (lib/catalog/health.ts).

const EDITOR: ActingViewer = { id: null, uuid: null, email: "health-test@test.local", role: "server" };
const tag = `health-${process.pid}-${Date.now()}`;

async function promoted(): Promise<{ uuid: string; id: number }> {
  const db = await getDb();
  const { uuid } = await createAsset(db, { uri: `/media/${tag}/${Math.random()}.mkv` });
  for (const step of ["approve", "promote"] as const)
    await applyTransition(db, EDITOR, step, { kind: "uuids", uuids: [uuid] }, { bulk: false, tags: [tag] });
  return db.asset.findUniqueOrThrow({ where: { uuid }, select: { uuid: true, id: true } });
}

const healthOf = async (query: Partial<typeof CATALOG_LIST_DEFAULTS> = {}) => {
  const page = await listCatalogEntries(await getDb(), { ...CATALOG_LIST_DEFAULTS, tag: [tag], per: 100, ...query });
  return Object.fromEntries(page.rows.map((row) => [row.filePath, row.health]));
};

describe("catalog health", () => {
  let fine: { id: number };
  let missing: { id: number };
  let broken: { id: number };
  let moved: { id: number };
  let changedBytes: { id: number };

  beforeAll(async () => {
    [fine, missing, broken, moved, changedBytes] = [
      await promoted(),
      await promoted(),
      await promoted(),
      await promoted(),
      await promoted(),
    ];
  });

  it("is fine right after promotion, and says what went wrong with the file since", async () => {
    const db = await getDb();
    const before = await countCatalogHealth(db);
    expect(Object.values(await healthOf())).toEqual([null, null, null, null, null]);

    await db.asset.update({ where: { id: missing.id }, data: { missingSince: new Date() } });
    await db.asset.update({
      where: { id: broken.id },
      data: { probeError: "Invalid data found when processing input" },
    });
    await db.asset.update({ where: { id: moved.id }, data: { uri: `/media/${tag}/moved.mkv` } });
    await db.asset.update({ where: { id: changedBytes.id }, data: { hashSha256: "0".repeat(64) } });

    const rows = await listCatalogEntries(db, { ...CATALOG_LIST_DEFAULTS, tag: [tag], per: 100 });
    const byAsset = new Map(
      await Promise.all(
        rows.rows.map(async (row) => {
          const asset = await db.asset.findUniqueOrThrow({
            where: { uuid: row.sourceAssetUuid! },
            select: { id: true },
          });
          return [asset.id, row.health] as const;
        }),
      ),
    );
    expect([fine, missing, broken, moved, changedBytes].map((asset) => byAsset.get(asset.id))).toEqual([
      null,
      "missing",
      "probe_failed",
      "changed",
      "changed",
    ]);

    expect(Object.keys(await healthOf({ health: "any" }))).toHaveLength(4);
    expect(Object.values(await healthOf({ health: "changed" }))).toEqual(["changed", "changed"]);
    const after = await countCatalogHealth(db);
    expect([
      after.missing - before.missing,
      after.probe_failed - before.probe_failed,
      after.changed - before.changed,
    ]).toEqual([1, 1, 2]);
  });
});
