import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { linkEpisode } from "@/lib/assets/episodes";
import { tagsFieldSchema } from "@/lib/assets/tags";
import { batchUndo, undoBatch } from "@/lib/assets/undo";
import type { ActingViewer } from "@/lib/assets/visibility";
import { applyTransition } from "@/lib/assets/workflow";
import { assetReferenceSchema } from "@/lib/catalog/asset-reference";
import { findCatalogEntry } from "@/lib/catalog/detail";
import { catalogTitleSchema, editCatalogEntry } from "@/lib/catalog/edit";
import { listCatalogEntries } from "@/lib/catalog/list";
import { CATALOG_LIST_DEFAULTS } from "@/lib/catalog/list-params";
import {
  previewReplaceSource,
  replaceCatalogSource,
  replacementCandidates,
  undoReplaceSource,
} from "@/lib/catalog/replace-source";
import { getDb } from "@/lib/db";
import { createAsset, createUser } from "@/lib/seed/factories";

// A catalog entry is what scheduling refers to, by its uuid: editing it and pointing it at another
// file must keep that uuid, record who changed what, and never let two editors overwrite each other.

const SERVER: ActingViewer = { id: null, uuid: null, email: "catalog-test@test.local", role: "server" };
const tag = `entry-${process.pid}-${Date.now()}`;

async function actorOf(role: "editor" | "admin"): Promise<ActingViewer> {
  const db = await getDb();
  const user = await createUser(db, { role });
  const row = await db.user.findUniqueOrThrow({ where: { uuid: user.uuid }, select: { id: true } });
  return { id: row.id, uuid: user.uuid, email: user.email, role };
}

async function asset(steps: Array<"approve" | "promote" | "delete">, uri?: string): Promise<string> {
  const db = await getDb();
  const { uuid } = await createAsset(db, { uri: uri ?? `/media/${tag}/${randomUUID()}.mkv`, probeError: null });
  for (const step of steps)
    await applyTransition(db, SERVER, step, { kind: "uuids", uuids: [uuid] }, { bulk: false, tags: [tag] });
  return uuid;
}

async function entryOf(assetUuid: string) {
  const db = await getDb();
  const row = await db.catalogAsset.findFirstOrThrow({ where: { sourceAsset: { uuid: assetUuid } } });
  return row;
}

const statusOf = async (uuid: string) => {
  const db = await getDb();
  const row = await db.asset.findUniqueOrThrow({
    where: { uuid },
    select: { canonical: true, catalogAsset: { select: { uuid: true } } },
  });
  return { approved: row.canonical, catalogUuid: row.catalogAsset?.uuid ?? null };
};

describe("editing a catalog entry", () => {
  it("changes title and tags (normalised), keeps the uuid, raises the version and writes one audit row", async () => {
    const db = await getDb();
    const editor = await actorOf("editor");
    const entry = await entryOf(await asset(["approve", "promote"]));

    const result = await editCatalogEntry(db, editor, {
      uuid: entry.uuid,
      version: entry.version,
      title: catalogTitleSchema.parse("  Evening News, late edition  "),
      tags: tagsFieldSchema.parse(`News, ${tag} ,  LATE  night, news`),
    });

    expect(result).toEqual({ changed: ["title", "tags"], version: entry.version + 1 });
    const after = await db.catalogAsset.findUniqueOrThrow({ where: { id: entry.id } });
    expect(after).toMatchObject({
      uuid: entry.uuid,
      title: "Evening News, late edition",
      tags: [tag, "late night", "news"],
      version: entry.version + 1,
      filePath: entry.filePath,
    });
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(entry.updatedAt.getTime());
    const audit = await db.auditEvent.findMany({ where: { targetUuid: entry.uuid } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "catalog.edit",
        targetType: "catalog_asset",
        actorUuid: editor.uuid,
        before: { title: entry.title, tags: [tag] },
        after: { title: "Evening News, late edition", tags: [tag, "late night", "news"] },
      }),
    ]);
    expect((await findCatalogEntry(db, entry.uuid))?.history.map((event) => event.action)).toEqual(["catalog.edit"]);
  });

  it("refuses an edit made against an older version, and saves nothing", async () => {
    const db = await getDb();
    const editor = await actorOf("editor");
    const entry = await entryOf(await asset(["approve", "promote"]));
    await editCatalogEntry(db, editor, { uuid: entry.uuid, version: entry.version, title: "First save" });

    await expect(
      editCatalogEntry(db, editor, { uuid: entry.uuid, version: entry.version, title: "Second, stale save" }),
    ).rejects.toMatchObject({ kind: "conflict", message: expect.stringMatching(/changed this catalog entry/) });
    expect(await db.catalogAsset.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      title: "First save",
      version: entry.version + 1,
    });
    expect(await db.auditEvent.count({ where: { targetUuid: entry.uuid } })).toBe(1);
  });

  it("writes nothing when nothing changed, and answers an unknown uuid as not found", async () => {
    const db = await getDb();
    const editor = await actorOf("editor");
    const entry = await entryOf(await asset(["approve", "promote"]));
    expect(
      await editCatalogEntry(db, editor, { uuid: entry.uuid, version: entry.version, title: entry.title, tags: [tag] }),
    ).toEqual({ changed: [], version: entry.version });
    expect(await db.auditEvent.count({ where: { targetUuid: entry.uuid } })).toBe(0);
    await expect(editCatalogEntry(db, editor, { uuid: randomUUID(), version: 1, title: "x" })).rejects.toMatchObject({
      kind: "not_found",
    });
  });

  it("refuses titles and tags outside the limits before anything is read", () => {
    expect(catalogTitleSchema.safeParse("   ").success).toBe(false);
    expect(catalogTitleSchema.safeParse("x".repeat(201)).success).toBe(false);
    expect(catalogTitleSchema.parse("x".repeat(200))).toHaveLength(200);
    expect(tagsFieldSchema.safeParse("ok, <script>").success).toBe(false);
  });
});

describe("replacing an entry's source", () => {
  it("keeps the entry's uuid, title and tags, takes the new file, duration and hash, and audits one batch", async () => {
    const db = await getDb();
    const editor = await actorOf("editor");
    const oldUuid = await asset(["approve", "promote"]);
    const newUuid = await asset(["approve"]);
    const entry = await entryOf(oldUuid);
    const fresh = await db.asset.findUniqueOrThrow({ where: { uuid: newUuid } });

    const preflight = await previewReplaceSource(db, editor.role, entry.uuid, newUuid);
    expect(preflight).toMatchObject({
      refusal: null,
      current: {
        assetUuid: oldUuid,
        filePath: entry.filePath,
        durationMs: entry.durationMs,
        sha256: entry.sourceSha256,
      },
      next: { assetUuid: newUuid, filePath: fresh.uri, durationMs: fresh.durationMs, sha256: fresh.hashSha256 },
    });

    const result = await replaceCatalogSource(db, editor, {
      catalogUuid: entry.uuid,
      assetUuid: newUuid,
      version: entry.version,
    });

    expect(await db.catalogAsset.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      uuid: entry.uuid,
      title: entry.title,
      tags: entry.tags,
      filePath: fresh.uri,
      durationMs: fresh.durationMs,
      sourceSha256: fresh.hashSha256,
      sourceAssetId: fresh.id,
      version: entry.version + 1,
    });
    // The old asset stays approved but is no longer promoted; the new one is.
    expect(await statusOf(oldUuid)).toEqual({ approved: true, catalogUuid: null });
    expect(await statusOf(newUuid)).toEqual({ approved: true, catalogUuid: entry.uuid });

    const batch = await db.auditEvent.findMany({ where: { batchUuid: result.batchUuid }, orderBy: { id: "asc" } });
    expect(
      batch.map(({ action, targetType, targetUuid, before, after }) => ({
        action,
        targetType,
        targetUuid,
        before,
        after,
      })),
    ).toEqual([
      {
        action: "catalog.replace_source",
        targetType: "catalog_asset",
        targetUuid: entry.uuid,
        before: { assetUuid: oldUuid, filePath: entry.filePath },
        after: { assetUuid: newUuid, filePath: fresh.uri },
      },
      {
        action: "catalog.replace_source",
        targetType: "asset",
        targetUuid: newUuid,
        before: { catalogUuid: null },
        after: { catalogUuid: entry.uuid },
      },
      {
        action: "catalog.replace_source",
        targetType: "asset",
        targetUuid: oldUuid,
        before: { catalogUuid: entry.uuid },
        after: { catalogUuid: null },
      },
    ]);
  });

  it("refuses assets that are not approved, deleted, already promoted, missing or the source already", async () => {
    const db = await getDb();
    const editor = await actorOf("editor");
    const admin = await actorOf("admin");
    const entry = await entryOf(await asset(["approve", "promote"]));
    const pending = await asset([]);
    const deleted = await asset(["approve", "delete"]);
    const promoted = await asset(["approve", "promote"]);
    const missing = await asset(["approve"]);
    await db.asset.update({ where: { uuid: missing }, data: { missingSince: new Date() } });
    const source = (await db.asset.findUniqueOrThrow({ where: { id: entry.sourceAssetId! } })).uuid;

    const refusal = (assetUuid: string, actor = editor) =>
      replaceCatalogSource(db, actor, { catalogUuid: entry.uuid, assetUuid }).then(
        () => "replaced",
        (error: Error & { kind: string }) => `${error.kind}: ${error.message}`,
      );
    expect(await refusal(pending)).toMatch(/^conflict: .*not approved/);
    // Below trash.manage a deleted asset does not exist; an admin is told it is deleted.
    expect(await refusal(deleted)).toBe("not_found: No asset has that uuid.");
    expect(await refusal(deleted, admin)).toMatch(/^conflict: .*deleted; restore it first/);
    expect(await refusal(promoted)).toMatch(/^conflict: .*source of another catalog entry/);
    expect(await refusal(missing)).toMatch(/^conflict: .*file is missing/);
    expect(await refusal(source)).toMatch(/^conflict: .*already is this entry's source/);
    expect(await refusal(randomUUID())).toBe("not_found: No asset has that uuid.");

    // The pre-flight says the same without changing anything.
    expect((await previewReplaceSource(db, editor.role, entry.uuid, pending)).refusal).toMatch(/not approved/);
    expect(await db.catalogAsset.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      version: entry.version,
      sourceAssetId: entry.sourceAssetId,
    });
    expect(await db.auditEvent.count({ where: { targetUuid: entry.uuid } })).toBe(0);
  });

  it("refuses a replacement against an older version of the entry", async () => {
    const db = await getDb();
    const editor = await actorOf("editor");
    const entry = await entryOf(await asset(["approve", "promote"]));
    await editCatalogEntry(db, editor, { uuid: entry.uuid, version: entry.version, title: "Renamed meanwhile" });
    await expect(
      replaceCatalogSource(db, editor, {
        catalogUuid: entry.uuid,
        assetUuid: await asset(["approve"]),
        version: entry.version,
      }),
    ).rejects.toMatchObject({ kind: "conflict", message: expect.stringMatching(/changed this catalog entry/) });
  });

  it("is undone from its batch: the earlier asset is the source again, once", async () => {
    const db = await getDb();
    const editor = await actorOf("editor");
    const oldUuid = await asset(["approve", "promote"]);
    const newUuid = await asset(["approve"]);
    const entry = await entryOf(oldUuid);
    const { batchUuid } = await replaceCatalogSource(db, editor, { catalogUuid: entry.uuid, assetUuid: newUuid });

    // The audit page's undo finds its way here by the batch.
    const undo = await batchUndo(db, batchUuid);
    expect(undo.capability).toBe("catalog.edit");
    expect(await undo.undo(editor)).toMatchObject({ undoOf: batchUuid, changed: 1, changedSince: 0 });

    expect(await db.catalogAsset.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      uuid: entry.uuid,
      filePath: entry.filePath,
      durationMs: entry.durationMs,
      sourceSha256: entry.sourceSha256,
      sourceAssetId: entry.sourceAssetId,
    });
    expect(await statusOf(oldUuid)).toEqual({ approved: true, catalogUuid: entry.uuid });
    expect(await statusOf(newUuid)).toEqual({ approved: true, catalogUuid: null });
    await expect(undoReplaceSource(db, editor, batchUuid)).rejects.toThrow(/already undone/);
  });

  it("is not undone when the entry changed since, or the earlier asset may no longer back it", async () => {
    const db = await getDb();
    const editor = await actorOf("editor");

    const edited = await entryOf(await asset(["approve", "promote"]));
    const first = await replaceCatalogSource(db, editor, {
      catalogUuid: edited.uuid,
      assetUuid: await asset(["approve"]),
    });
    await editCatalogEntry(db, editor, { uuid: edited.uuid, version: first.version, title: "Edited after" });
    await expect(undoReplaceSource(db, editor, first.batchUuid)).rejects.toThrow(/has changed since/);

    const oldUuid = await asset(["approve", "promote"]);
    const revoked = await entryOf(oldUuid);
    const second = await replaceCatalogSource(db, editor, {
      catalogUuid: revoked.uuid,
      assetUuid: await asset(["approve"]),
    });
    await applyTransition(db, SERVER, "revoke", { kind: "uuids", uuids: [oldUuid] }, { bulk: false });
    await expect(undoReplaceSource(db, editor, second.batchUuid)).rejects.toThrow(
      /earlier source asset cannot be put back: .*not approved/,
    );
    expect((await db.catalogAsset.findUniqueOrThrow({ where: { id: revoked.id } })).version).toBe(second.version);
  });

  it("leaves bulk undo alone: a bulk batch still undoes by its transition", async () => {
    const db = await getDb();
    const uuid = await asset([]);
    const report = await applyTransition(db, SERVER, "approve", { kind: "uuids", uuids: [uuid] }, { bulk: true });
    const undo = await batchUndo(db, report.batchUuid!);
    expect(undo.capability).toBe("assets.approve");
    expect((await undo.undo(SERVER)).changed).toBe(1);
    await expect(undoBatch(db, SERVER, report.batchUuid!)).rejects.toThrow(/already undone/);
  });

  it("makes catalog health judge the new file", async () => {
    const db = await getDb();
    const editor = await actorOf("editor");
    const oldUuid = await asset(["approve", "promote"]);
    const entry = await entryOf(oldUuid);
    await db.asset.update({ where: { uuid: oldUuid }, data: { missingSince: new Date() } });
    expect((await findCatalogEntry(db, entry.uuid))?.health).toBe("missing");

    const newUuid = await asset(["approve"]);
    const { current } = await replaceCatalogSource(db, editor, { catalogUuid: entry.uuid, assetUuid: newUuid });
    expect((await findCatalogEntry(db, entry.uuid))?.health).toBeNull();
    // The entry is now found by its new path, and is healthy there.
    expect(
      (await listCatalogEntries(db, { ...CATALOG_LIST_DEFAULTS, q: current.filePath, per: 25 })).rows.map((row) => [
        row.uuid,
        row.health,
      ]),
    ).toEqual([[entry.uuid, null]]);

    // And flags it when that file goes missing in turn.
    await db.asset.update({ where: { uuid: newUuid }, data: { missingSince: new Date() } });
    expect((await findCatalogEntry(db, entry.uuid))?.health).toBe("missing");
  });

  it("offers approved, unpromoted copies of the same episode as candidates", async () => {
    const db = await getDb();
    const sourceUuid = await asset(["approve", "promote"]);
    const copy = await asset(["approve"]);
    const unapproved = await asset([]);
    const episode = { seriesTitle: `Series ${tag}`, seasonNumber: 1, episodeNumber: 2, title: "Copies" };
    for (const uuid of [sourceUuid, copy, unapproved]) await linkEpisode(db, SERVER, uuid, episode);
    const entry = await entryOf(sourceUuid);
    expect((await replacementCandidates(db, entry.uuid)).map((candidate) => candidate.assetUuid)).toEqual([copy]);
  });

  it("takes an asset's uuid or its pasted page address", () => {
    const uuid = randomUUID();
    expect(assetReferenceSchema.parse(` ${uuid.toUpperCase()} `)).toBe(uuid);
    expect(assetReferenceSchema.parse(`https://desk.example/assets/${uuid}?tab=1`)).toBe(uuid);
    expect(assetReferenceSchema.parse(`/assets/${uuid}/`)).toBe(uuid);
    expect(assetReferenceSchema.safeParse(`https://desk.example/catalog/${uuid}`).success).toBe(false);
    expect(assetReferenceSchema.safeParse("42").success).toBe(false);
  });
});
