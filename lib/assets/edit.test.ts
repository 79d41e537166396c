import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { editAsset, type AssetEdit } from "@/lib/assets/edit";
import { linkEpisode, unlinkEpisode } from "@/lib/assets/episodes";
import { createAsset, createUser } from "@/lib/seed/factories";

async function actorOf(role: Role): Promise<Actor> {
  const db = await getDb();
  const user = await createUser(db, { role });
  const row = await db.user.findUniqueOrThrow({ where: { uuid: user.uuid } });
  return { id: row.id, uuid: row.uuid, email: row.email, name: row.name, role };
}

async function formOf(uuid: string): Promise<AssetEdit> {
  const row = await (await getDb()).asset.findUniqueOrThrow({ where: { uuid }, select: { version: true, uri: true, durationMs: true, videoCodec: true, audioCodec: true, container: true } });
  return { uuid, ...row };
}

describe("editing an asset", () => {
  it("saves the changed fields, bumps the version and audits exactly what changed", async () => {
    const db = await getDb();
    const asset = await createAsset(db);
    const form = await formOf(asset.uuid);
    const result = await editAsset(db, await actorOf("operator"), { ...form, durationMs: 61_000, container: "mxf" });
    expect(result).toEqual({ changed: expect.arrayContaining(["durationMs"]), version: 2 });
    const [event] = await db.auditEvent.findMany({ where: { targetUuid: asset.uuid } });
    expect(event).toMatchObject({ action: "asset.update", before: { durationMs: form.durationMs }, after: { durationMs: 61_000 } });
  });

  it("refuses a save made from a form older than the asset, overwriting nothing", async () => {
    const db = await getDb();
    const asset = await createAsset(db);
    const stale = await formOf(asset.uuid);
    await editAsset(db, await actorOf("operator"), { ...stale, durationMs: 1_000 });
    await expect(editAsset(db, await actorOf("editor"), { ...stale, durationMs: 2_000 })).rejects.toThrow(/Someone changed this asset after you opened it/);
    expect((await formOf(asset.uuid)).durationMs).toBe(1_000);
  });

  it("keeps every path unique, naming the asset that has it — a deleted one too", async () => {
    const db = await getDb();
    const deleted = await createAsset(db, { isDeleted: true, deletedAt: new Date() });
    const asset = await createAsset(db);
    await expect(editAsset(db, await actorOf("operator"), { ...(await formOf(asset.uuid)), uri: deleted.uri })).rejects.toThrow(
      new RegExp(`a deleted asset, uuid ${deleted.uuid}`),
    );
  });

  it("lets only editors change an approved asset, which keeps a duration", async () => {
    const db = await getDb();
    const asset = await createAsset(db, { canonical: true });
    await expect(editAsset(db, await actorOf("operator"), { ...(await formOf(asset.uuid)), container: "mp4" })).rejects.toThrow(/only editors and admins/);
    await expect(editAsset(db, await actorOf("editor"), { ...(await formOf(asset.uuid)), durationMs: null })).rejects.toThrow(/needs a duration/);
    await expect(editAsset(db, await actorOf("editor"), { ...(await formOf(asset.uuid)), container: "mxf" })).resolves.toMatchObject({ changed: ["container"] });
  });

  it("refuses to edit a promoted asset until it is withdrawn", async () => {
    const db = await getDb();
    const asset = await createAsset(db, { canonical: true });
    await db.catalogAsset.create({ data: { title: "t", durationMs: 1, filePath: asset.uri, sourceAsset: { connect: { uuid: asset.uuid } } } });
    await expect(editAsset(db, await actorOf("admin"), { ...(await formOf(asset.uuid)), uri: "/elsewhere.mkv" })).rejects.toThrow(/withdraw it from the catalog/);
  });
});

describe("episode links", () => {
  it("creates the episode when needed, links once, unlinks, and audits both", async () => {
    const db = await getDb();
    const actor = await actorOf("operator");
    const asset = await createAsset(db);
    const ref = { seriesTitle: `Harbor Lights ${Date.now()}`, seasonNumber: 2, episodeNumber: 5, title: "Fog" };
    const first = await linkEpisode(db, actor, asset.uuid, ref);
    await expect(linkEpisode(db, actor, asset.uuid, ref)).resolves.toEqual({ episodeUuid: first.episodeUuid, changed: false });
    expect(await db.episode.count({ where: { seriesTitle: ref.seriesTitle } })).toBe(1);
    await unlinkEpisode(db, actor, asset.uuid, first.episodeUuid);
    await expect(unlinkEpisode(db, actor, asset.uuid, first.episodeUuid)).rejects.toThrow(/not linked/);
    const actions = (await db.auditEvent.findMany({ where: { targetUuid: asset.uuid }, orderBy: { id: "asc" } })).map((event) => event.action);
    expect(actions).toEqual(["asset.link_episode", "asset.unlink_episode"]);
  });
});
