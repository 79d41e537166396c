import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { listAssets } from "@/lib/assets/list";
import { ASSET_LIST_DEFAULTS, parseAssetListParams } from "@/lib/assets/list-params";
import { bulkTags, editAssetMetadata } from "@/lib/assets/metadata";
import { toSelection } from "@/lib/assets/selection";
import { tagsFieldSchema } from "@/lib/assets/tags";
import { REASONS } from "@/lib/assets/transitions";
import { applyTransition, transitionAsset } from "@/lib/assets/workflow";
import { createAsset, createUser } from "@/lib/seed/factories";

const SERVER = { id: null, uuid: null, email: "setup@test.local", role: "server" as const };
const unique = `editorial-${process.pid}-${Date.now()}`;

async function actorOf(role: Role): Promise<Actor> {
  const db = await getDb();
  const user = await createUser(db, { role });
  const row = await db.user.findUniqueOrThrow({ where: { uuid: user.uuid } });
  return { id: row.id, uuid: row.uuid, email: row.email, name: row.name, role };
}

async function assetAfter(steps: Array<"approve" | "promote" | "delete">, uri?: string): Promise<string> {
  const db = await getDb();
  const { uuid } = await createAsset(db, uri ? { uri } : {});
  for (const step of steps) await transitionAsset(db, SERVER, step, uuid);
  return uuid;
}

const read = async (uuid: string) =>
  (await getDb()).asset.findUniqueOrThrow({
    where: { uuid },
    select: { title: true, description: true, tags: true, version: true, canonical: true },
  });

describe("editing editorial metadata", () => {
  it("saves the changed fields with normalised tags, bumps the version and audits before and after", async () => {
    const db = await getDb();
    const uuid = await assetAfter([]);
    const operator = await actorOf("operator");
    const tags = tagsFieldSchema.parse(" News, SPORT ,news,  breaking   story ");
    const result = await editAssetMetadata(db, operator, { uuid, version: 1, title: "Evening bulletin", tags });
    expect(result).toEqual({ changed: ["title", "tags"], version: 2 });
    expect(await read(uuid)).toMatchObject({
      title: "Evening bulletin",
      description: null,
      tags: ["breaking story", "news", "sport"],
      version: 2,
    });
    const events = await db.auditEvent.findMany({ where: { targetUuid: uuid, action: "asset.metadata" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUuid: operator.uuid,
      before: { title: null, tags: [] },
      after: { title: "Evening bulletin", tags: ["breaking story", "news", "sport"] },
    });
    // The same values again: nothing to change, nothing audited.
    expect(await editAssetMetadata(db, operator, { uuid, version: 2, title: "Evening bulletin", tags })).toEqual({
      changed: [],
      version: 2,
    });
    expect(await db.auditEvent.count({ where: { targetUuid: uuid, action: "asset.metadata" } })).toBe(1);
  });

  it("refuses a stale version and saves nothing", async () => {
    const db = await getDb();
    const uuid = await assetAfter([]);
    const editor = await actorOf("editor");
    await editAssetMetadata(db, editor, { uuid, version: 1, title: "First" });
    await expect(editAssetMetadata(db, editor, { uuid, version: 1, title: "Second" })).rejects.toThrow(
      /Someone changed this asset/,
    );
    expect((await read(uuid)).title).toBe("First");
  });

  it("lets operators edit what is pending and editors anything live, approved and promoted included, without revoking approval", async () => {
    const db = await getDb();
    const [pending, approved, promoted, deleted] = [
      await assetAfter([]),
      await assetAfter(["approve"]),
      await assetAfter(["approve", "promote"]),
      await assetAfter(["delete"]),
    ];
    const operator = await actorOf("operator");
    const editor = await actorOf("editor");
    await expect(editAssetMetadata(db, operator, { uuid: pending, title: "ok" })).resolves.toMatchObject({
      changed: ["title"],
    });
    for (const uuid of [approved, promoted])
      await expect(editAssetMetadata(db, operator, { uuid, title: "no" })).rejects.toThrow(
        REASONS.approved_editors_only,
      );
    for (const uuid of [approved, promoted]) {
      await editAssetMetadata(db, editor, { uuid, title: "Approved title", tags: ["archive"] });
      expect(await read(uuid)).toMatchObject({ title: "Approved title", tags: ["archive"], canonical: true });
    }
    // The catalog entry keeps its own title.
    const entry = await db.catalogAsset.findFirstOrThrow({ where: { sourceAsset: { uuid: promoted } } });
    expect(entry.title).not.toBe("Approved title");
    // A deleted asset is unknown to an editor and refused to an admin.
    await expect(editAssetMetadata(db, editor, { uuid: deleted, title: "x" })).rejects.toThrow(/no longer exists/);
    await expect(editAssetMetadata(db, await actorOf("admin"), { uuid: deleted, title: "x" })).rejects.toThrow(
      REASONS.deleted,
    );
  });

  it("gives a promote the asset's title, and its tags when the promote names none", async () => {
    const db = await getDb();
    const titled = await assetAfter(["approve"]);
    const tagged = await assetAfter(["approve"]);
    await editAssetMetadata(db, SERVER, { uuid: titled, title: "The editorial title", tags: ["kids", "summer"] });
    await editAssetMetadata(db, SERVER, { uuid: tagged, tags: ["kids"] });
    await transitionAsset(db, SERVER, "promote", titled);
    await transitionAsset(db, SERVER, "promote", tagged, { tags: ["news"] });
    const entries = await db.catalogAsset.findMany({
      where: { sourceAsset: { uuid: { in: [titled, tagged] } } },
      select: { title: true, tags: true, sourceAsset: { select: { uuid: true } } },
    });
    const of = (uuid: string) => entries.find((entry) => entry.sourceAsset?.uuid === uuid);
    expect(of(titled)).toMatchObject({ title: "The editorial title", tags: ["kids", "summer"] });
    expect(of(tagged)?.tags).toEqual(["news"]);
    const [promoteEvent] = await db.auditEvent.findMany({ where: { targetUuid: titled, action: "asset.promote" } });
    expect(promoteEvent?.after).toMatchObject({ tags: ["kids", "summer"] });
  });
});

describe("bulk tags", () => {
  it("adds and removes over picked uuids in one batch, reports unchanged and skipped, audits each changed asset", async () => {
    const db = await getDb();
    const operator = await actorOf("operator");
    const a = await assetAfter([]);
    const b = await assetAfter([]);
    const approved = await assetAfter(["approve"]);
    await editAssetMetadata(db, SERVER, { uuid: a, tags: ["old", "keep"] });
    await editAssetMetadata(db, SERVER, { uuid: b, tags: ["fresh"] });
    const report = await bulkTags(
      db,
      operator,
      { kind: "uuids", uuids: [a, b, approved] },
      { add: ["fresh"], remove: ["old"] },
      { batchSize: 2 },
    );
    expect(report).toMatchObject({ matched: 3, changed: 1, unchanged: 1, skipped: { approved_editors_only: 1 } });
    expect(report.changedUuids).toEqual([a]);
    expect((await read(a)).tags).toEqual(["fresh", "keep"]);
    expect((await read(b)).tags).toEqual(["fresh"]);
    expect((await read(approved)).tags).toEqual([]);
    const events = await db.auditEvent.findMany({ where: { batchUuid: report.batchUuid } });
    expect(events).toEqual([
      expect.objectContaining({
        action: "asset.metadata",
        targetUuid: a,
        before: { tags: ["keep", "old"] },
        after: { tags: ["fresh", "keep"] },
      }),
    ]);
  });

  it("takes the table's filter as the selection (tag filter included) and skips deleted assets for admins", async () => {
    const db = await getDb();
    const admin = await actorOf("admin");
    const live = [await assetAfter([], `/media/${unique}/one.mkv`), await assetAfter([], `/media/${unique}/two.mkv`)];
    const approved = await assetAfter(["approve"], `/media/${unique}/three.mkv`);
    const deleted = await assetAfter(["delete"], `/media/${unique}/gone.mkv`);
    const report = await bulkTags(db, admin, toSelection({ kind: "filter", query: `q=${unique}` }), {
      add: ["Season Finale"].map((tag) => tag.toLowerCase()),
      remove: [],
    });
    expect(report).toMatchObject({ matched: 3, changed: 3, unchanged: 0, skipped: {} });
    for (const uuid of [...live, approved]) expect((await read(uuid)).tags).toEqual(["season finale"]);
    // Approval is not touched by a tag.
    expect((await read(approved)).canonical).toBe(true);
    expect(await db.auditEvent.count({ where: { batchUuid: report.batchUuid } })).toBe(3);

    const trash = await bulkTags(db, admin, toSelection({ kind: "filter", query: `status=deleted&q=${unique}` }), {
      add: ["x"],
      remove: [],
    });
    expect(trash).toMatchObject({ matched: 1, changed: 0, skipped: { deleted: 1 } });
    expect((await read(deleted)).tags).toEqual([]);

    // The tag filter, as the table and a selection read it (normalised), any of the tags.
    const removed = await bulkTags(
      db,
      admin,
      toSelection({ kind: "filter", query: `tag=${encodeURIComponent("Season Finale,nothing")}` }),
      { add: [], remove: ["season finale"] },
    );
    expect(removed).toMatchObject({ matched: 3, changed: 3 });
    for (const uuid of live) expect((await read(uuid)).tags).toEqual([]);
  });

  it("skips an asset that would end up with more than 20 tags, and refuses an empty change", async () => {
    const db = await getDb();
    const uuid = await assetAfter([]);
    const twenty = Array.from({ length: 20 }, (_, i) => `t${String(i).padStart(2, "0")}`);
    await editAssetMetadata(db, SERVER, { uuid, tags: twenty });
    const report = await bulkTags(db, SERVER, { kind: "uuids", uuids: [uuid] }, { add: ["one more"], remove: [] });
    expect(report).toMatchObject({ changed: 0, skipped: { too_many_tags: 1 } });
    await expect(bulkTags(db, SERVER, { kind: "uuids", uuids: [uuid] }, { add: [], remove: [] })).rejects.toThrow(
      /at least one tag/,
    );
  });
});

describe("the asset table's editorial filters", () => {
  it("q matches the title as well as the path; tag= matches any of the tags; both reach the rows", async () => {
    const db = await getDb();
    const titled = await assetAfter([]);
    const other = await assetAfter([]);
    await editAssetMetadata(db, SERVER, { uuid: titled, title: `Documentary ${unique}`, tags: ["nature"] });
    await editAssetMetadata(db, SERVER, { uuid: other, tags: [`${unique}-b`] });
    const list = async (search: string) => {
      const { query, notices } = parseAssetListParams(Object.fromEntries(new URLSearchParams(search)));
      expect(notices).toEqual([]);
      return (await listAssets(db, { ...query, per: 100 })).rows;
    };
    const byTitle = await list(`q=documentary ${unique}`);
    expect(byTitle.map((row) => row.uuid)).toEqual([titled]);
    expect(byTitle[0]).toMatchObject({ title: `Documentary ${unique}`, tags: ["nature"], notesCount: 0 });
    const byTag = await list(`tag=${unique}-B,nope`);
    expect(byTag.map((row) => row.uuid)).toEqual([other]);
    expect(parseAssetListParams({ tag: "no/slashes" }).notices).toHaveLength(1);
    expect(ASSET_LIST_DEFAULTS.tag).toBeUndefined();
  });

  it("applies to bulk changes by filter too (one WHERE)", async () => {
    const db = await getDb();
    const uuid = await assetAfter([]);
    await editAssetMetadata(db, SERVER, { uuid, tags: [`${unique}-bulk`] });
    const report = await applyTransition(
      db,
      SERVER,
      "delete",
      toSelection({ kind: "filter", query: `tag=${unique}-bulk` }),
      { bulk: true },
    );
    expect(report.changed).toBe(1);
  });
});
