import { describe, expect, it } from "vitest";
import { listAssets } from "@/lib/assets/list";
import { ASSET_LIST_DEFAULTS } from "@/lib/assets/list-params";
import { findAssetByUuid } from "@/lib/assets/queries";
import { listTrash } from "@/lib/assets/trash";
import { TRASH_LIST_DEFAULTS } from "@/lib/assets/trash-params";
import { countStatuses } from "@/lib/testing/counts";
import { getDb } from "@/lib/db";
import { createAsset, createUser } from "@/lib/seed/factories";

describe("asset read models", () => {
  it("derives each status from the stored flags and the catalog entry", async () => {
    const db = await getDb();
    const before = await countStatuses(db);
    const pending = await createAsset(db);
    const approved = await createAsset(db, { canonical: true });
    const promoted = await createAsset(db, { canonical: true });
    await db.catalogAsset.create({
      data: {
        title: "Promoted",
        durationMs: 1000,
        filePath: promoted.uri,
        sourceAsset: { connect: { uuid: promoted.uuid } },
      },
    });
    const deleted = await createAsset(db, { isDeleted: true, deletedAt: new Date() });

    const after = await countStatuses(db);
    expect(after).toEqual({
      pending: before.pending + 1,
      approved: before.approved + 1,
      promoted: before.promoted + 1,
      deleted: before.deleted + 1,
    });
    const statuses = await Promise.all(
      [pending, approved, promoted, deleted].map(async (a) => (await findAssetByUuid(db, a.uuid, "admin"))?.status),
    );
    expect(statuses).toEqual(["pending", "approved", "promoted", "deleted"]);
  });

  it("keeps deleted assets out of the default list and in the trash, with who and why", async () => {
    const db = await getDb();
    const editor = await createUser(db, { role: "editor" });
    const live = await createAsset(db, { discoveredAt: new Date(Date.now() + 60_000) });
    const gone = await createAsset(db, {
      discoveredAt: new Date(Date.now() + 120_000),
      isDeleted: true,
      deletedAt: new Date(),
      deleteReason: "Corrupt file",
    });
    await db.asset.update({ where: { uuid: gone.uuid }, data: { deletedBy: { connect: { uuid: editor.uuid } } } });

    const recent = (await listAssets(db, { ...ASSET_LIST_DEFAULTS, per: 10 })).rows.map((asset) => asset.uuid);
    expect(recent).toContain(live.uuid);
    expect(recent).not.toContain(gone.uuid);
    const trash = (await listTrash(db, { ...TRASH_LIST_DEFAULTS, per: 25 })).rows;
    expect(trash.find((asset) => asset.uuid === gone.uuid)).toMatchObject({
      deleteReason: "Corrupt file",
      deletedByEmail: editor.email,
    });
  });

  it("returns the detail view by uuid with provider refs, episodes, duplicates and history — and no integer ids", async () => {
    const db = await getDb();
    const asset = await createAsset(db);
    const copy = await createAsset(db, { hashSha256: asset.hashSha256 });
    const episode = await db.episode.create({
      data: { seriesTitle: "Test Series", seasonNumber: 1, episodeNumber: 2, title: "Pilot" },
    });
    await db.asset.update({
      where: { uuid: asset.uuid },
      data: {
        providerRefs: {
          create: { provider: "plex", providerKey: "4242", raw: { ratingKey: "4242" }, episodeId: episode.id },
        },
        episodes: { create: { episodeId: episode.id } },
      },
    });
    await db.auditEvent.create({
      data: { action: "asset.approve", targetType: "asset", targetUuid: asset.uuid, actorEmail: "e@x" },
    });

    const detail = await findAssetByUuid(db, asset.uuid, "operator");
    expect(detail).toMatchObject({
      uuid: asset.uuid,
      uri: asset.uri,
      providerRefs: [{ provider: "plex", providerKey: "4242", raw: { ratingKey: "4242" } }],
      episodes: [{ seriesTitle: "Test Series", seasonNumber: 1, episodeNumber: 2, title: "Pilot" }],
      duplicates: [{ uuid: copy.uuid }],
      history: [{ action: "asset.approve", actorEmail: "e@x" }],
    });
    const keys = JSON.stringify(detail, (_key, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
    );
    expect(keys).not.toMatch(/"id":|"[a-zA-Z]+Id":/);
  });

  it("returns what the library scans recorded: the file's modification time, since when it is missing, why probing failed", async () => {
    const db = await getDb();
    const fileMtime = new Date("2026-03-01T12:00:00.123Z");
    const missingSince = new Date("2026-04-02T09:30:00Z");
    const asset = await createAsset(db, { fileMtime, missingSince, probeError: "moov atom not found" });
    expect(await findAssetByUuid(db, asset.uuid, "operator")).toMatchObject({
      fileMtime,
      missingSince,
      probeError: "moov atom not found",
    });
  });

  it("finds nothing for an unknown uuid", async () => {
    expect(await findAssetByUuid(await getDb(), "00000000-0000-4000-8000-000000000000", "admin")).toBeNull();
  });

  it("shows a deleted asset, and deleted copies under same content, only to trash.manage", async () => {
    const db = await getDb();
    const live = await createAsset(db);
    const deleted = await createAsset(db, {
      hashSha256: live.hashSha256,
      isDeleted: true,
      deletedAt: new Date(),
      deleteReason: "Rights expired",
    });
    for (const role of ["operator", "editor"] as const) {
      expect(await findAssetByUuid(db, deleted.uuid, role)).toBeNull();
      expect((await findAssetByUuid(db, live.uuid, role))?.duplicates).toEqual([]);
    }
    expect(await findAssetByUuid(db, deleted.uuid, "admin")).toMatchObject({
      status: "deleted",
      deleteReason: "Rights expired",
    });
    expect((await findAssetByUuid(db, live.uuid, "admin"))?.duplicates).toEqual([
      { uuid: deleted.uuid, uri: deleted.uri, isDeleted: true },
    ]);
  });
});
