import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { editAsset, type AssetEdit } from "@/lib/assets/edit";
import { linkEpisode, unlinkEpisode } from "@/lib/assets/episodes";
import { REASONS } from "@/lib/assets/transitions";
import { transitionAsset } from "@/lib/assets/workflow";
import { fileTime } from "@/lib/ingest/plan";
import { makeMediaFixtures, type FixtureName } from "@/lib/testing/media-fixtures";
import { createAsset, createUser } from "@/lib/seed/factories";

// `root` is a filesystem source's folder with real clips in it; `outside` is a folder no source names.
let root: string;
let outside: string;
let media: Record<FixtureName, string>;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "asset-desk-edit-"));
  outside = await mkdtemp(path.join(os.tmpdir(), "asset-desk-edit-outside-"));
  media = await makeMediaFixtures(root);
  await writeFile(path.join(outside, "secret.mp4"), "not media, not the desk's\n");
  await (await getDb()).source.create({ data: { kind: "filesystem", name: `edit ${randomUUID()}`, roots: [root] } });
});
afterAll(() =>
  Promise.all([rm(root, { recursive: true, force: true }), rm(outside, { recursive: true, force: true })]),
);

async function actorOf(role: Role): Promise<Actor> {
  const db = await getDb();
  const user = await createUser(db, { role });
  const row = await db.user.findUniqueOrThrow({ where: { uuid: user.uuid } });
  return { id: row.id, uuid: row.uuid, email: row.email, name: row.name, role };
}

async function formOf(uuid: string): Promise<AssetEdit> {
  const row = await (
    await getDb()
  ).asset.findUniqueOrThrow({
    where: { uuid },
    select: { version: true, uri: true, durationMs: true, videoCodec: true, audioCodec: true, container: true },
  });
  return { uuid, ...row };
}

describe("editing an asset", () => {
  it("saves the changed fields, bumps the version and audits exactly what changed", async () => {
    const db = await getDb();
    const asset = await createAsset(db);
    const form = await formOf(asset.uuid);
    const result = await editAsset(db, await actorOf("operator"), { ...form, durationMs: 61_000, container: "mxf" });
    expect(result).toEqual({ changed: expect.arrayContaining(["durationMs"]), version: 2, reread: null });
    const [event] = await db.auditEvent.findMany({ where: { targetUuid: asset.uuid } });
    expect(event).toMatchObject({
      action: "asset.update",
      before: { durationMs: form.durationMs },
      after: { durationMs: 61_000 },
    });
  });

  it("refuses a save made from a form older than the asset, overwriting nothing", async () => {
    const db = await getDb();
    const asset = await createAsset(db);
    const stale = await formOf(asset.uuid);
    await editAsset(db, await actorOf("operator"), { ...stale, durationMs: 1_000 });
    await expect(editAsset(db, await actorOf("editor"), { ...stale, durationMs: 2_000 })).rejects.toThrow(
      /Someone changed this asset after you opened it/,
    );
    expect((await formOf(asset.uuid)).durationMs).toBe(1_000);
  });

  it("keeps every path unique, naming the asset that has it — a deleted one only to those who see the trash", async () => {
    const db = await getDb();
    const live = await createAsset(db, { uri: media.mkv });
    const deleted = await createAsset(db, { uri: media.webm, isDeleted: true, deletedAt: new Date() });
    const asset = await createAsset(db);
    await expect(
      editAsset(db, await actorOf("operator"), { ...(await formOf(asset.uuid)), uri: live.uri }),
    ).rejects.toThrow(new RegExp(`uuid ${live.uuid}`));
    await expect(
      editAsset(db, await actorOf("admin"), { ...(await formOf(asset.uuid)), uri: deleted.uri }),
    ).rejects.toThrow(new RegExp(`a deleted asset, uuid ${deleted.uuid}`));
    for (const role of ["operator", "editor"] as const) {
      const refusal = editAsset(db, await actorOf(role), { ...(await formOf(asset.uuid)), uri: deleted.uri });
      await expect(refusal).rejects.toThrow(/Another asset already has this file path/);
      await expect(refusal).rejects.not.toThrow(deleted.uuid);
    }
  });

  it("lets only editors change an approved asset, which keeps a duration", async () => {
    const db = await getDb();
    const asset = await createAsset(db, { canonical: true });
    await expect(
      editAsset(db, await actorOf("operator"), { ...(await formOf(asset.uuid)), container: "mp4" }),
    ).rejects.toThrow(/only editors and admins/);
    await expect(
      editAsset(db, await actorOf("editor"), { ...(await formOf(asset.uuid)), durationMs: null }),
    ).rejects.toThrow(/needs a duration/);
    await expect(
      editAsset(db, await actorOf("editor"), { ...(await formOf(asset.uuid)), container: "mxf" }),
    ).resolves.toMatchObject({ changed: ["container"] });
  });

  it("refuses to edit a promoted asset until it is withdrawn", async () => {
    const db = await getDb();
    const asset = await createAsset(db, { canonical: true });
    await db.catalogAsset.create({
      data: { title: "t", durationMs: 1, filePath: asset.uri, sourceAsset: { connect: { uuid: asset.uuid } } },
    });
    await expect(
      editAsset(db, await actorOf("admin"), { ...(await formOf(asset.uuid)), uri: "/elsewhere.mkv" }),
    ).rejects.toThrow(/withdraw it from the catalog/);
  });
});

describe("editing an asset's file path", () => {
  async function expectNothingSaved(uuid: string, before: AssetEdit) {
    const db = await getDb();
    expect(await formOf(uuid)).toEqual(before);
    expect(await db.auditEvent.count({ where: { targetUuid: uuid } })).toBe(0);
  }

  it("refuses a path outside every source's folder — /etc/passwd passed off as MP4 — with a field error, saving nothing", async () => {
    const db = await getDb();
    const asset = await createAsset(db);
    const before = await formOf(asset.uuid);
    await symlink(path.join(outside, "secret.mp4"), path.join(root, "escape.mp4"));
    const forbidden = [
      "/etc/passwd",
      "file:///etc/passwd",
      path.join(root, "..", path.basename(outside), "secret.mp4"),
      path.join(root, "escape.mp4"),
      path.join(root, "missing.mp4"),
      root,
    ];
    for (const uri of forbidden) {
      const edit = editAsset(db, await actorOf("operator"), {
        ...before,
        uri,
        container: "mp4",
        videoCodec: "h264",
        audioCodec: "aac",
      });
      await expect(edit, uri).rejects.toMatchObject({
        kind: "invalid",
        fieldErrors: { uri: [expect.stringMatching(/inside a source's folders/)] },
      });
      await expect(edit).rejects.not.toThrow(outside);
    }
    await expect(editAsset(db, await actorOf("operator"), { ...before, uri: "media/clip.mp4" })).rejects.toMatchObject({
      fieldErrors: { uri: [expect.stringMatching(/absolute path/)] },
    });
    await expectNothingSaved(asset.uuid, before);
  });

  it("hashes and probes the file at a new path: its figures replace the old file's and the form's, audited before and after", async () => {
    const db = await getDb();
    const asset = await createAsset(db, {
      container: "mkv",
      videoCodec: "hevc",
      audioCodec: "ac3",
      durationMs: 3_600_000,
      probeError: null,
      missingSince: new Date(),
    });
    const before = await db.asset.findUniqueOrThrow({ where: { uuid: asset.uuid } });
    const result = await editAsset(db, await actorOf("operator"), {
      ...(await formOf(asset.uuid)),
      uri: `file://${media.mp4}`,
      container: "mxf",
      durationMs: 5,
    });
    expect(result).toMatchObject({
      version: 2,
      reread: { probeError: null },
      changed: expect.arrayContaining(["uri", "container", "videoCodec", "audioCodec", "durationMs"]),
    });

    const after = await db.asset.findUniqueOrThrow({ where: { uuid: asset.uuid } });
    const { size, mtimeMs } = await stat(media.mp4);
    expect(after).toMatchObject({
      uri: media.mp4,
      container: "mp4",
      videoCodec: expect.stringMatching(/^(h264|mpeg4)$/),
      audioCodec: "aac",
      size: BigInt(size),
      hashSha256: createHash("sha256")
        .update(await readFile(media.mp4))
        .digest("hex"),
      fileMtime: fileTime(mtimeMs),
      probeError: null,
      missingSince: null,
    });
    expect(after.durationMs).toBeGreaterThan(900);
    const [event] = await db.auditEvent.findMany({ where: { targetUuid: asset.uuid } });
    expect(event).toMatchObject({
      action: "asset.update",
      before: {
        uri: before.uri,
        hashSha256: before.hashSha256,
        size: String(before.size),
        container: "mkv",
        durationMs: 3_600_000,
      },
      after: {
        uri: media.mp4,
        hashSha256: after.hashSha256,
        size: String(size),
        container: "mp4",
        durationMs: after.durationMs,
        missingSince: null,
      },
    });
    await expect(transitionAsset(db, await actorOf("editor"), "approve", asset.uuid)).resolves.toEqual({
      changed: true,
    });
  });

  it("saves a new path whose file ffprobe cannot read with the probe error, and approval stays refused even with figures typed in", async () => {
    const db = await getDb();
    const operator = await actorOf("operator");
    const asset = await createAsset(db);
    const result = await editAsset(db, operator, { ...(await formOf(asset.uuid)), uri: media.corrupt });
    expect(result.reread?.probeError).toBeTruthy();
    expect(await db.asset.findUniqueOrThrow({ where: { uuid: asset.uuid } })).toMatchObject({
      uri: media.corrupt,
      container: null,
      durationMs: null,
      probeError: result.reread!.probeError,
    });
    await expect(transitionAsset(db, await actorOf("editor"), "approve", asset.uuid)).rejects.toThrow(
      REASONS.missing_duration,
    );

    // The old attack's second step: figures typed by hand do not vouch for a file ffprobe could not read.
    await editAsset(db, operator, {
      ...(await formOf(asset.uuid)),
      durationMs: 1000,
      container: "mp4",
      videoCodec: "h264",
      audioCodec: "aac",
    });
    await expect(transitionAsset(db, await actorOf("editor"), "approve", asset.uuid)).rejects.toThrow(
      REASONS.failing_probe,
    );
  });

  it("moves an approved asset only to a file that probes", async () => {
    const db = await getDb();
    const editor = await actorOf("editor");
    const asset = await createAsset(db, { canonical: true });
    const before = await formOf(asset.uuid);
    await expect(editAsset(db, editor, { ...before, uri: media.corrupt })).rejects.toMatchObject({
      fieldErrors: { uri: [expect.stringMatching(/Revoke the approval first/)] },
    });
    await expectNothingSaved(asset.uuid, before);
    await expect(editAsset(db, editor, { ...before, uri: media.noAudio })).resolves.toMatchObject({
      reread: { probeError: null },
    });
    expect(await db.asset.findUniqueOrThrow({ where: { uuid: asset.uuid } })).toMatchObject({
      canonical: true,
      uri: media.noAudio,
      audioCodec: null,
    });
  });

  it("treats a deleted asset as unknown below trash.manage", async () => {
    const db = await getDb();
    const asset = await createAsset(db, { isDeleted: true, deletedAt: new Date() });
    const form = await formOf(asset.uuid);
    for (const role of ["operator", "editor"] as const) {
      await expect(editAsset(db, await actorOf(role), { ...form, durationMs: 1 })).rejects.toMatchObject({
        kind: "not_found",
        message: "That asset no longer exists.",
      });
      // Not even a stale version tells it apart from an unknown uuid.
      await expect(editAsset(db, await actorOf(role), { ...form, version: form.version + 5 })).rejects.toMatchObject({
        kind: "not_found",
      });
      await expect(
        linkEpisode(db, await actorOf(role), asset.uuid, {
          seriesTitle: "S",
          seasonNumber: 1,
          episodeNumber: 1,
          title: "T",
        }),
      ).rejects.toMatchObject({ kind: "not_found" });
    }
    await expect(editAsset(db, await actorOf("admin"), { ...form, durationMs: 1 })).rejects.toThrow(REASONS.deleted);
  });
});

describe("episode links", () => {
  it("creates the episode when needed, links once, unlinks, and audits both", async () => {
    const db = await getDb();
    const actor = await actorOf("operator");
    const asset = await createAsset(db);
    const ref = { seriesTitle: `Harbor Lights ${Date.now()}`, seasonNumber: 2, episodeNumber: 5, title: "Fog" };
    const first = await linkEpisode(db, actor, asset.uuid, ref);
    await expect(linkEpisode(db, actor, asset.uuid, ref)).resolves.toEqual({
      episodeUuid: first.episodeUuid,
      changed: false,
    });
    expect(await db.episode.count({ where: { seriesTitle: ref.seriesTitle } })).toBe(1);
    await unlinkEpisode(db, actor, asset.uuid, first.episodeUuid);
    await expect(unlinkEpisode(db, actor, asset.uuid, first.episodeUuid)).rejects.toThrow(/not linked/);
    const actions = (await db.auditEvent.findMany({ where: { targetUuid: asset.uuid }, orderBy: { id: "asc" } })).map(
      (event) => event.action,
    );
    expect(actions).toEqual(["asset.link_episode", "asset.unlink_episode"]);
  });
});
