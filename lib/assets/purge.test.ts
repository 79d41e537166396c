import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkEpisode } from "@/lib/assets/episodes";
import { getTrashRetention, purgeExpiredTrash, setTrashRetention } from "@/lib/assets/retention";
import { deletedBefore } from "@/lib/assets/trash-params";
import { undoBatch } from "@/lib/assets/undo";
import type { ActingViewer } from "@/lib/assets/visibility";
import { applyTransition, previewTransition } from "@/lib/assets/workflow";
import { getDb } from "@/lib/db";
import { getRunSummary } from "@/lib/ingest/run-report";
import { createRun, executeRun } from "@/lib/ingest/runs";
import { createSource } from "@/lib/ingest/sources";
import { createAsset, createUser } from "@/lib/seed/factories";
import { makeMediaFixtures } from "@/lib/testing/media-fixtures";

// Emptying the trash: the row goes (with its provider refs and episode links), a tombstone stays
// in the audit log, nothing below trash.manage reaches it, and a file purged and seen again is new.

const DAY = 86_400_000;
let admin: ActingViewer;
let editor: ActingViewer;

async function actor(role: "admin" | "editor"): Promise<ActingViewer> {
  const db = await getDb();
  const user = await createUser(db, { role });
  const row = await db.user.findUniqueOrThrow({ where: { uuid: user.uuid } });
  return { id: row.id, uuid: row.uuid, email: row.email, role: row.role };
}

async function deleted(daysAgo = 0, overrides: Parameters<typeof createAsset>[1] = {}) {
  const db = await getDb();
  const asset = await createAsset(db, overrides);
  await applyTransition(
    db,
    editor,
    "delete",
    { kind: "uuids", uuids: [asset.uuid] },
    {
      bulk: false,
      deleteReason: "Rights expired",
    },
  );
  if (daysAgo)
    await db.asset.update({ where: { uuid: asset.uuid }, data: { deletedAt: new Date(Date.now() - daysAgo * DAY) } });
  return asset;
}

const exists = async (uuid: string) => (await (await getDb()).asset.count({ where: { uuid } })) === 1;

beforeAll(async () => {
  admin = await actor("admin");
  editor = await actor("editor");
});

describe("purge", () => {
  it("removes the row, its provider refs and episode links, and leaves a tombstone", async () => {
    const db = await getDb();
    const asset = await createAsset(db);
    const { id } = await db.asset.findUniqueOrThrow({ where: { uuid: asset.uuid } });
    await db.providerRef.create({ data: { assetId: id, provider: "plex", providerKey: `purge-${id}`, raw: {} } });
    await linkEpisode(db, admin, asset.uuid, {
      seriesTitle: "Purged",
      seasonNumber: 1,
      episodeNumber: 1,
      title: "Gone",
    });
    await applyTransition(
      db,
      editor,
      "delete",
      { kind: "uuids", uuids: [asset.uuid] },
      {
        bulk: false,
        deleteReason: "Rights expired",
      },
    );

    const report = await applyTransition(
      db,
      admin,
      "purge",
      { kind: "uuids", uuids: [asset.uuid] },
      {
        bulk: true,
        deleteReason: "Never airing again",
      },
    );
    expect(report).toMatchObject({ changed: 1, skipped: {} });
    expect(await exists(asset.uuid)).toBe(false);
    expect(await db.providerRef.count({ where: { assetId: id } })).toBe(0);
    expect(await db.episodeAsset.count({ where: { assetId: id } })).toBe(0);

    const tombstone = await db.auditEvent.findFirstOrThrow({
      where: { targetUuid: asset.uuid, action: "asset.purge" },
    });
    expect(tombstone).toMatchObject({ actorEmail: admin.email, batchUuid: report.batchUuid, targetType: "asset" });
    expect(tombstone.before).toMatchObject({
      uri: asset.uri,
      hashSha256: asset.hashSha256,
      deletedBy: editor.email,
      deleteReason: "Rights expired",
    });
    expect(tombstone.after).toEqual({ purged: true, reason: "Never airing again" });
    // The history before the purge stays too.
    expect(await db.auditEvent.count({ where: { targetUuid: asset.uuid, action: "asset.delete" } })).toBe(1);
  });

  it("takes only what is in the trash, and only for trash.manage", async () => {
    const db = await getDb();
    const live = await createAsset(db);
    const trashed = await deleted();
    const both = { kind: "uuids" as const, uuids: [live.uuid, trashed.uuid] };

    // An editor cannot see the trash: the deleted one is not part of the selection at all.
    expect(await previewTransition(db, editor.role, "purge", both)).toMatchObject({ total: 1, willChange: 0 });
    expect(await previewTransition(db, admin.role, "purge", both)).toMatchObject({
      total: 2,
      willChange: 1,
      skipped: { not_deleted: 1 },
    });
    const report = await applyTransition(db, admin, "purge", both, { bulk: true });
    expect(report).toMatchObject({ changed: 1, alreadyDone: 0, skipped: { not_deleted: 1 } });
    expect([await exists(live.uuid), await exists(trashed.uuid)]).toEqual([true, false]);
  });

  it("leaves an undo of the delete batch with nothing to restore for what was purged", async () => {
    const db = await getDb();
    const [kept, purged] = [await createAsset(db), await createAsset(db)];
    const batch = await applyTransition(
      db,
      editor,
      "delete",
      { kind: "uuids", uuids: [kept.uuid, purged.uuid] },
      {
        bulk: true,
      },
    );
    await applyTransition(db, admin, "purge", { kind: "uuids", uuids: [purged.uuid] }, { bulk: true });
    const undo = await undoBatch(db, admin, batch.batchUuid!);
    expect(undo).toMatchObject({ changed: 1 });
    expect(await db.asset.findUniqueOrThrow({ where: { uuid: kept.uuid } })).toMatchObject({ isDeleted: false });
  });
});

describe("retention", () => {
  it("is off by default, and then purges daily what was deleted more than N whole days ago", async () => {
    const db = await getDb();
    expect(await getTrashRetention(db)).toBeNull();
    const old = await deleted(45);
    expect(await purgeExpiredTrash(db)).toBeNull();
    expect(await exists(old.uuid)).toBe(true);

    await setTrashRetention(db, admin, 30);
    expect(await getTrashRetention(db)).toBe(30);
    const recent = await deleted(29);
    const edge = await deleted(31);
    const report = await purgeExpiredTrash(db);
    expect(report?.changedUuids).toEqual(expect.arrayContaining([old.uuid, edge.uuid]));
    expect(report?.changedUuids).not.toContain(recent.uuid);
    expect([await exists(old.uuid), await exists(edge.uuid), await exists(recent.uuid)]).toEqual([false, false, true]);
    const tombstone = await db.auditEvent.findFirstOrThrow({ where: { targetUuid: old.uuid, action: "asset.purge" } });
    expect(tombstone).toMatchObject({
      actorEmail: "retention",
      after: { reason: "Retention: deleted more than 30 days ago." },
    });

    // Whole UTC days: at 23:59 on 2026-12-31, 30 days back is 2026-12-01, so up to 2026-11-30 goes.
    expect(deletedBefore(30, new Date("2026-12-31T23:59:00Z"))).toBe("2026-11-30");
    expect(deletedBefore(30, new Date("2026-12-31T00:00:00Z"))).toBe("2026-11-30");

    await setTrashRetention(db, admin, null);
    const changes = await db.auditEvent.findMany({
      where: { action: "settings.trash_retention" },
      orderBy: { id: "asc" },
    });
    expect(changes.map((event) => [event.before, event.after])).toEqual([
      [{ trashRetentionDays: null }, { trashRetentionDays: 30 }],
      [{ trashRetentionDays: 30 }, { trashRetentionDays: null }],
    ]);
  });
});

describe("a purged file seen again by a scan", () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("arrives as a new asset with a new uuid", async () => {
    const db = await getDb();
    const fixtures = await mkdtemp(path.join(os.tmpdir(), "asset-desk-purge-fixtures-"));
    dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-purge-"));
    const file = path.join(dir, "clip.mp4");
    await copyFile((await makeMediaFixtures(fixtures)).mp4, file);
    await rm(fixtures, { recursive: true, force: true });
    const source = await createSource(db, admin, {
      kind: "filesystem",
      name: `Purge ${Date.now()}`,
      roots: [dir],
      url: "",
      secret: "",
      libraries: [],
      pathMaps: [],
    });
    const scan = async () => {
      const run = await createRun(db, admin, source.uuid, "cli");
      await executeRun(db, run.uuid);
      return getRunSummary(db, run.uuid, 10);
    };
    expect(await scan()).toMatchObject({ counts: { new: 1 } });
    const first = await db.asset.findUniqueOrThrow({ where: { uri: file } });
    await applyTransition(db, admin, "delete", { kind: "uuids", uuids: [first.uuid] }, { bulk: false });
    await applyTransition(db, admin, "purge", { kind: "uuids", uuids: [first.uuid] }, { bulk: false });

    expect(await scan()).toMatchObject({ counts: { new: 1 } });
    const again = await db.asset.findUniqueOrThrow({ where: { uri: file } });
    expect(again.uuid).not.toBe(first.uuid);
    expect(again).toMatchObject({ isDeleted: false, canonical: false, hashSha256: first.hashSha256 });
  });
});
