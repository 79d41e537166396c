import { copyFile, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkEpisode } from "@/lib/assets/episodes";
import type { ActingViewer } from "@/lib/assets/visibility";
import { applyTransition } from "@/lib/assets/workflow";
import { getDb } from "@/lib/db";
import { getRunSummary } from "@/lib/ingest/run-report";
import { resolveMove } from "@/lib/ingest/resolve-move";
import { makeClip } from "@/lib/testing/thumbnail-fixtures";
import { createFolderSource, type FolderSource } from "@/lib/testing/folder-source";

// Moves keep identity: real clips made by ffmpeg, renamed and moved on disk between real scans.
// An approved, promoted, episode-linked, QC-checked asset must come out of a rename or a move as
// the same asset (uuid, approval, episode, catalog entry, verdict) at its new path; two identical
// copies moved at once are reported, not guessed, and a person resolves them.

let root: string;
let actor: ActingViewer;
let scan: FolderSource["scan"];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "asset-desk-moves-"));
  await mkdir(path.join(root, "in"));
  await mkdir(path.join(root, "out"));
  // Different lengths, different bytes; "twin" is copied below, so two files share its bytes.
  await makeClip(path.join(root, "in/rename-me.mp4"), { seconds: 1 });
  await makeClip(path.join(root, "in/move-me.mp4"), { seconds: 2 });
  await makeClip(path.join(root, "in/twin-a.mp4"), { seconds: 3 });
  await copyFile(path.join(root, "in/twin-a.mp4"), path.join(root, "in/twin-b.mp4"));
  await makeClip(path.join(root, "in/later.mp4"), { seconds: 4 });
  ({ actor, scan } = await createFolderSource("Moves", [root]));
  await scan();
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const at = (file: string) => path.join(root, file);
const assetAt = async (file: string) =>
  (await getDb()).asset.findUnique({
    where: { uri: at(file) },
    include: { catalogAsset: true, episodes: true, providerRefs: true },
  });

/** Approved, promoted, linked to an episode and QC-checked: everything a move must not lose. */
async function reviewed(file: string) {
  const db = await getDb();
  const asset = (await assetAt(file))!;
  for (const transition of ["approve", "promote"] as const)
    await applyTransition(db, actor, transition, { kind: "uuids", uuids: [asset.uuid] }, { bulk: false });
  await linkEpisode(db, actor, asset.uuid, { seriesTitle: "Moves", seasonNumber: 1, episodeNumber: 1, title: file });
  await db.asset.update({ where: { id: asset.id }, data: { qcVerdict: "pass", loudnessLufs: -23 } });
  return (await assetAt(file))!;
}

async function expectSameAsset(before: NonNullable<Awaited<ReturnType<typeof assetAt>>>, file: string) {
  const after = await assetAt(file);
  expect(after).toMatchObject({
    uuid: before.uuid,
    canonical: true,
    missingSince: null,
    qcVerdict: "pass",
    hashSha256: before.hashSha256,
  });
  expect(after!.catalogAsset).toMatchObject({ uuid: before.catalogAsset!.uuid, filePath: at(file) });
  expect(after!.episodes.map((e) => e.episodeId)).toEqual(before.episodes.map((e) => e.episodeId));
  expect(after!.providerRefs.map((ref) => ref.providerKey)).toEqual([at(file)]);
  const moved = await (
    await getDb()
  ).auditEvent.findFirst({ where: { targetUuid: before.uuid, action: "asset.moved" }, orderBy: { id: "desc" } });
  expect(moved).toMatchObject({ before: { uri: before.uri }, after: { uri: at(file), by: "content" } });
}

describe("a scan after files moved", () => {
  it("keeps a renamed file's asset: same uuid, approval, episode, catalog entry and QC verdict", async () => {
    const before = await reviewed("in/rename-me.mp4");
    await rename(at("in/rename-me.mp4"), at("in/renamed.mp4"));
    const summary = await scan();
    expect(summary.counts).toMatchObject({ new: 0, missing: 0, changed: 1 });
    await expectSameAsset(before, "in/renamed.mp4");
    expect(await assetAt("in/rename-me.mp4")).toBeNull();
    const items = await (await getDb()).scanRunItem.findMany({ where: { run: { uuid: summary.uuid } } });
    expect(items.map((item) => [item.outcome, item.path])).toEqual([["moved", at("in/renamed.mp4")]]);
  });

  it("keeps a file moved to another folder, and the rescan after reads nothing", async () => {
    const before = await reviewed("in/move-me.mp4");
    await rename(at("in/move-me.mp4"), at("out/move-me.mp4"));
    expect((await scan()).counts).toMatchObject({ new: 0, missing: 0, changed: 1 });
    await expectSameAsset(before, "out/move-me.mp4");
    expect((await scan()).counts).toMatchObject({ new: 0, missing: 0, changed: 0, failed: 0 });
  });

  it("finds a file missing since an earlier scan at its new path", async () => {
    const before = (await assetAt("in/later.mp4"))!;
    const away = `${root}-later.mp4`; // outside the source's folder
    await rename(at("in/later.mp4"), away);
    expect((await scan()).counts).toMatchObject({ missing: 1 });
    expect(await assetAt("in/later.mp4")).toMatchObject({ missingSince: expect.any(Date) });
    await rename(away, at("out/later.mp4"));
    expect((await scan()).counts).toMatchObject({ new: 0, changed: 1, missing: 0 });
    expect(await assetAt("out/later.mp4")).toMatchObject({ uuid: before.uuid, missingSince: null });
  });
});

describe("two identical copies moved at once", () => {
  let summary: Awaited<ReturnType<typeof scan>>;
  let twins: { a: string; b: string };
  beforeAll(async () => {
    twins = { a: (await assetAt("in/twin-a.mp4"))!.uuid, b: (await assetAt("in/twin-b.mp4"))!.uuid };
    await applyTransition(await getDb(), actor, "approve", { kind: "uuids", uuids: [twins.a] }, { bulk: false });
    await rename(at("in/twin-a.mp4"), at("out/copy-1.mp4"));
    await rename(at("in/twin-b.mp4"), at("out/copy-2.mp4"));
    summary = await scan();
  }, 60_000);

  it("are not guessed: both arrive as new, the old ones go missing, and the run lists the possible moves", async () => {
    expect(summary.counts).toMatchObject({ new: 2, missing: 2 });
    expect(summary.possibleMoves.map((p) => [p.path, p.candidates.map((c) => c.uuid).sort(), p.resolvedInto])).toEqual([
      [at("out/copy-1.mp4"), [twins.a, twins.b].sort(), null],
      [at("out/copy-2.mp4"), [twins.a, twins.b].sort(), null],
    ]);
    expect(await assetAt("out/copy-1.mp4")).toMatchObject({ canonical: false });
    expect(
      await (
        await getDb()
      ).auditEvent.count({ where: { targetUuid: { in: [twins.a, twins.b] }, action: "asset.moved" } }),
    ).toBe(0);
  });

  it("are resolved by a person: the chosen missing asset takes the file, the new duplicate goes", async () => {
    const db = await getDb();
    const fresh = (await assetAt("out/copy-1.mp4"))!;
    const resolved = await resolveMove(db, actor, { assetUuid: fresh.uuid, intoUuid: twins.a });
    expect(resolved).toEqual({ assetUuid: twins.a, uri: at("out/copy-1.mp4"), removedUuid: fresh.uuid });
    expect(await assetAt("out/copy-1.mp4")).toMatchObject({ uuid: twins.a, canonical: true, missingSince: null });
    expect(await db.asset.findUnique({ where: { uuid: fresh.uuid } })).toBeNull();
    expect(await db.auditEvent.findFirst({ where: { targetUuid: twins.a, action: "asset.moved" } })).toMatchObject({
      after: { uri: at("out/copy-1.mp4"), resolvedBy: actor.email, mergedFrom: fresh.uuid },
    });
    expect(await db.auditEvent.findFirst({ where: { targetUuid: fresh.uuid, action: "asset.merged" } })).toMatchObject({
      after: { mergedInto: twins.a },
    });
    const report = await getRunSummary(db, summary.uuid);
    expect(report.possibleMoves[0]).toMatchObject({ path: at("out/copy-1.mp4"), resolvedInto: twins.a });
    // The run's "new" item now leads to the asset that survived.
    const item = await db.scanRunItem.findFirst({
      where: { run: { uuid: summary.uuid }, outcome: "new", path: at("out/copy-1.mp4") },
      include: { asset: true },
    });
    expect(item?.asset?.uuid).toBe(twins.a);
  });

  it("refuses what would lose something: an asset that is not missing, other bytes, a reviewed duplicate", async () => {
    const db = await getDb();
    const second = (await assetAt("out/copy-2.mp4"))!;
    await expect(resolveMove(db, actor, { assetUuid: second.uuid, intoUuid: twins.a })).rejects.toThrow(/not missing/);
    const other = (await assetAt("out/move-me.mp4"))!;
    await expect(resolveMove(db, actor, { assetUuid: other.uuid, intoUuid: twins.b })).rejects.toThrow(
      /not the same bytes|approved, promoted/,
    );
    await applyTransition(db, actor, "approve", { kind: "uuids", uuids: [second.uuid] }, { bulk: false });
    await expect(resolveMove(db, actor, { assetUuid: second.uuid, intoUuid: twins.b })).rejects.toThrow(
      /approved, promoted, deleted or linked/,
    );
    expect(await assetAt("out/copy-2.mp4")).toMatchObject({ uuid: second.uuid });
    expect(await db.asset.findUnique({ where: { uuid: twins.b } })).toMatchObject({ missingSince: expect.any(Date) });
  });
});
