import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkEpisode } from "@/lib/assets/episodes";
import { batchUndo } from "@/lib/assets/undo";
import type { ActingViewer } from "@/lib/assets/visibility";
import { applyTransition } from "@/lib/assets/workflow";
import { getDb } from "@/lib/db";
import { applyRemap, previewRemap, remapInputSchema } from "@/lib/ingest/remap";
import { createAsset } from "@/lib/seed/factories";
import { makeClip } from "@/lib/testing/thumbnail-fixtures";
import { createFolderSource, type FolderSource } from "@/lib/testing/folder-source";

// A whole share remounted under another path: real clips scanned, their folder moved on disk, the
// source re-mapped. The assets keep uuid, approval, episode and catalog entry; the source follows;
// the rescan finds everything where it is; conflicts are counted first and skipped; undo restores.

let base: string;
let share: string;
let remounted: string;
let sourceUuid: string;
let actor: ActingViewer;
let scan: FolderSource["scan"];
const input = () => remapInputSchema.parse({ from: share, to: remounted });

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), "asset-desk-remap-"));
  share = path.join(base, "mnt/share");
  remounted = path.join(base, "srv/media");
  await mkdir(path.join(share, "news"), { recursive: true });
  await mkdir(path.dirname(remounted), { recursive: true });
  await makeClip(path.join(share, "promo.mp4"), { seconds: 1 });
  await makeClip(path.join(share, "news/bulletin.mp4"), { seconds: 2 });
  ({ actor, sourceUuid, scan } = await createFolderSource("Share", [share]));
  await scan();
}, 120_000);

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const assetAt = async (file: string) =>
  (await getDb()).asset.findUnique({ where: { uri: file }, include: { catalogAsset: true, episodes: true } });

describe("a share remounted under another path", () => {
  let promo: NonNullable<Awaited<ReturnType<typeof assetAt>>>;
  let batchUuid: string;

  beforeAll(async () => {
    const db = await getDb();
    const { uuid } = (await assetAt(path.join(share, "promo.mp4")))!;
    for (const transition of ["approve", "promote"] as const)
      await applyTransition(db, actor, transition, { kind: "uuids", uuids: [uuid] }, { bulk: false });
    await linkEpisode(db, actor, uuid, { seriesTitle: "Remap", seasonNumber: 1, episodeNumber: 1, title: "Promo" });
    promo = (await assetAt(path.join(share, "promo.mp4")))!;
    await rename(share, remounted);
  });

  it("is previewed first: how many, examples old → new, the source's folders, and nothing changed", async () => {
    const db = await getDb();
    const plan = await previewRemap(db, sourceUuid, input());
    expect(plan).toMatchObject({
      assets: 2,
      conflicts: 0,
      conflictExamples: [],
      folders: { before: [share], after: [remounted] },
    });
    expect(plan.examples).toEqual([
      expect.objectContaining({
        from: path.join(share, "news/bulletin.mp4"),
        to: path.join(remounted, "news/bulletin.mp4"),
      }),
      { uuid: promo.uuid, from: promo.uri, to: path.join(remounted, "promo.mp4") },
    ]);
    expect(await assetAt(promo.uri)).not.toBeNull();
  });

  it("keeps uuid, approval, episode and catalog entry; the source follows and the rescan finds everything", async () => {
    const db = await getDb();
    const result = await applyRemap(db, actor, sourceUuid, input());
    expect(result).toMatchObject({ remapped: 2, skipped: 0, batchUuid: expect.any(String) });
    batchUuid = result.batchUuid!;
    const moved = await assetAt(path.join(remounted, "promo.mp4"));
    expect(moved).toMatchObject({ uuid: promo.uuid, canonical: true });
    expect(moved!.catalogAsset).toMatchObject({ uuid: promo.catalogAsset!.uuid, filePath: moved!.uri });
    expect(moved!.episodes.map((e) => e.episodeId)).toEqual(promo.episodes.map((e) => e.episodeId));
    expect((await db.source.findUniqueOrThrow({ where: { uuid: sourceUuid } })).roots).toEqual([remounted]);
    const events = await db.auditEvent.findMany({ where: { batchUuid }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["asset.remapped", "asset.remapped", "source.update"]);
    expect(events.find((e) => e.targetUuid === promo.uuid)).toMatchObject({
      before: { uri: promo.uri },
      after: { uri: moved!.uri },
    });
    expect((await scan()).counts).toMatchObject({ new: 0, changed: 0, missing: 0, failed: 0, unchanged: 2 });
  });

  it("is undone as one batch by an admin: paths and folders back, an asset changed since left and counted", async () => {
    const db = await getDb();
    const { capability, undo: undoRemap } = await batchUndo(db, batchUuid);
    expect(capability).toBe("sources.remap");
    const bulletin = (await assetAt(path.join(remounted, "news/bulletin.mp4")))!;
    await applyTransition(db, actor, "approve", { kind: "uuids", uuids: [bulletin.uuid] }, { bulk: false });
    const undo = await undoRemap(actor);
    expect(undo).toMatchObject({ undoOf: batchUuid, changed: 1, changedSince: 1, skipped: {} });
    expect(await assetAt(promo.uri)).toMatchObject({ uuid: promo.uuid, canonical: true });
    expect(await assetAt(path.join(remounted, "news/bulletin.mp4"))).toMatchObject({ uuid: bulletin.uuid });
    expect((await db.source.findUniqueOrThrow({ where: { uuid: sourceUuid } })).roots).toEqual([share]);
    expect((await db.catalogAsset.findFirstOrThrow({ where: { uuid: promo.catalogAsset!.uuid } })).filePath).toBe(
      promo.uri,
    );
    await expect(undoRemap(actor)).rejects.toThrow(/already undone/);
  });
});

describe("conflicts and refusals", () => {
  it("counts a new path another asset holds in the pre-flight, and skips it when applied", async () => {
    const db = await getDb();
    // After the undo above: the source's folder is `share` again, one asset there, one under `remounted`.
    const taken = await createAsset(db, { uri: path.join(remounted, "promo.mp4") });
    const plan = await previewRemap(db, sourceUuid, input());
    expect(plan).toMatchObject({
      assets: 1,
      conflicts: 1,
      examples: [],
      conflictExamples: [{ from: path.join(share, "promo.mp4"), to: taken.uri, takenBy: taken.uuid }],
    });
    const result = await applyRemap(db, actor, sourceUuid, input());
    expect(result).toMatchObject({ remapped: 0, skipped: 1 });
    expect(await assetAt(path.join(share, "promo.mp4"))).not.toBeNull();
    expect((await db.source.findUniqueOrThrow({ where: { uuid: sourceUuid } })).roots).toEqual([remounted]);
  });

  it("refuses a new folder that does not exist, a target outside the source, and bad input, changing nothing", async () => {
    const db = await getDb();
    const elsewhere = path.join(base, "not-mounted");
    await expect(
      applyRemap(db, actor, sourceUuid, remapInputSchema.parse({ from: remounted, to: elsewhere })),
    ).rejects.toThrow(/Folder not found on the server/);
    await expect(
      applyRemap(db, actor, sourceUuid, remapInputSchema.parse({ from: path.join(remounted, "news"), to: elsewhere })),
    ).rejects.toThrow(/outside this source's folders/);
    expect(remapInputSchema.safeParse({ from: "relative/path", to: "/x" }).success).toBe(false);
    expect(remapInputSchema.safeParse({ from: "/x/", to: "/x" }).success).toBe(false);
    expect((await db.source.findUniqueOrThrow({ where: { uuid: sourceUuid } })).roots).toEqual([remounted]);
  });
});
