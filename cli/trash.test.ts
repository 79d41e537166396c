import { afterEach, describe, expect, it, vi } from "vitest";
import { runTrashCommand } from "@/cli/trash";
import { getDb } from "@/lib/db";
import { createAsset } from "@/lib/seed/factories";

// `asset-desk trash` in process, on this file's own test database: the trash page's purge of
// "deleted more than N days ago" and its retention setting, through the same functions.

afterEach(() => vi.restoreAllMocks());

const DAY = 24 * 60 * 60 * 1000;

async function deletedAsset(daysAgo: number) {
  const db = await getDb();
  const asset = await createAsset(db, { uri: `/media/cli-trash/${daysAgo}-${Math.random()}.mkv` });
  await db.asset.update({
    where: { uuid: asset.uuid },
    data: { isDeleted: true, deletedAt: new Date(Date.now() - daysAgo * DAY), deleteReason: "test" },
  });
  return asset.uuid;
}

describe("asset-desk trash", () => {
  it("purges what was deleted more than N days ago, after a dry run that changes nothing", async () => {
    const db = await getDb();
    const old = await deletedAsset(45);
    const recent = await deletedAsset(5);
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));

    expect(await runTrashCommand(["purge"], { "older-than": "30", "dry-run": true, json: true })).toBe(0);
    expect(JSON.parse(printed[0]!)).toMatchObject({ transition: "purge", willChange: 1 });
    expect(await db.asset.count({ where: { uuid: { in: [old, recent] } } })).toBe(2);

    expect(await runTrashCommand(["purge"], { "older-than": "30" })).toBe(0);
    expect(printed[1]).toMatch(/^Purged 1; tombstones in the audit log \(batch [0-9a-f-]{36}\)\.$/);
    expect((await db.asset.findMany({ where: { uuid: { in: [old, recent] } } })).map((a) => a.uuid)).toEqual([recent]);
    const tombstone = await db.auditEvent.findFirstOrThrow({ where: { targetUuid: old, action: "asset.purge" } });
    expect(tombstone.actorEmail).toMatch(/^cli:/);
  });

  it("shows and sets the retention, audited, and refuses a bad number of days", async () => {
    const db = await getDb();
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));
    expect(await runTrashCommand(["retention"], {})).toBe(0);
    expect(await runTrashCommand(["retention"], { days: "30" })).toBe(0);
    expect(await runTrashCommand(["retention"], { off: true })).toBe(0);
    expect(printed).toEqual([
      "Trash retention is off.",
      "Deleted assets are purged after 30 days, daily.",
      "Trash retention is off.",
    ]);
    expect(await db.auditEvent.count({ where: { action: "settings.trash_retention" } })).toBe(2);
    await expect(runTrashCommand(["retention"], { days: "-1" })).rejects.toThrow(/whole number of days/);
    await expect(runTrashCommand(["purge"], {})).rejects.toThrow(/--older-than/);
    await expect(runTrashCommand(["empty"], {})).rejects.toThrow(/usage/);
  });
});
