import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { listAssets } from "@/lib/assets/list";
import { ASSET_LIST_DEFAULTS } from "@/lib/assets/list-params";
import { toSelection } from "@/lib/assets/selection";
import { listTrash, trashDeleters, trashOrderDrift } from "@/lib/assets/trash";
import {
  TRASH_LIST_DEFAULTS,
  parseTrashListParams,
  trashSelectionQuery,
  type TrashListQuery,
} from "@/lib/assets/trash-params";
import { applyTransition, previewTransition } from "@/lib/assets/workflow";
import { createUser } from "@/lib/seed/factories";

const DAY = 86_400_000;
let run = 0;

/** 30 deleted assets under a fresh folder (alternately by two editors, one a day from 2026-03-01) and one live one. */
async function trashFixture() {
  const db = await getDb();
  const tag = `/trash-test/${process.pid}-${++run}`;
  const [alice, bob] = await Promise.all([createUser(db, { role: "editor" }), createUser(db, { role: "editor" })]);
  const ids = await db.user.findMany({
    where: { uuid: { in: [alice!.uuid, bob!.uuid] } },
    select: { id: true, uuid: true },
  });
  const idOf = (uuid: string) => ids.find((row) => row.uuid === uuid)!.id;
  const start = Date.UTC(2026, 2, 1, 12);
  await db.asset.createMany({
    data: Array.from({ length: 30 }, (_, index) => ({
      uri: `${tag}/file-${String(index).padStart(2, "0")}.mkv`,
      size: 1n,
      isDeleted: true,
      deletedAt: new Date(start + index * DAY),
      deletedById: idOf(index % 2 === 0 ? alice!.uuid : bob!.uuid),
      deleteReason: `reason ${index}`,
    })),
  });
  await db.asset.create({ data: { uri: `${tag}/live.mkv`, size: 1n } });
  return { db, tag, alice: alice!, bob: bob! };
}

async function walk(query: TrashListQuery) {
  const db = await getDb();
  const seen: string[] = [];
  for (let after: string | undefined, guard = 0; guard < 20; guard++) {
    const page = await listTrash(db, { ...query, after });
    seen.push(...page.rows.map((row) => row.uri.split("/").pop()!));
    if (!page.next) break;
    after = page.next;
  }
  return seen;
}

describe("trash list", () => {
  it("lists deleted assets only, newest deletion first, with who and why, paged by cursor", async () => {
    const { db, tag, alice } = await trashFixture();
    const query = { ...TRASH_LIST_DEFAULTS, q: tag, per: 25 as const };
    const first = await listTrash(db, query);
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]).toMatchObject({
      uri: `${tag}/file-29.mkv`,
      deleteReason: "reason 29",
      deletedAt: new Date(Date.UTC(2026, 2, 30, 12)),
    });
    expect(first.rows[1]!.deletedByEmail).toBe(alice.email);
    const names = await walk(query);
    expect(names).toEqual(Array.from({ length: 30 }, (_, index) => `file-${String(29 - index).padStart(2, "0")}.mkv`));
    expect(await walk({ ...query, sort: "file", dir: "asc" })).toEqual([...names].reverse());
    expect(await trashDeleters(db)).toEqual(expect.arrayContaining([alice.email]));
  });

  it("filters by who deleted (any case) and by the deletion date range, in UTC days", async () => {
    const { tag, bob } = await trashFixture();
    const query = {
      ...TRASH_LIST_DEFAULTS,
      q: tag,
      deleted_by: bob.email.toUpperCase(),
      deleted_from: "2026-03-03",
      deleted_to: "2026-03-08",
    };
    // Bob deleted the odd files; 2026-03-03 … 03-08 holds files 2 … 7.
    expect(await walk(query)).toEqual(["file-07.mkv", "file-05.mkv", "file-03.mkv"]);
  });

  it("reads its URL with notices, and its bulk-restore selection covers exactly the rows it lists", async () => {
    const { db, tag, alice } = await trashFixture();
    const { query, notices } = parseTrashListParams({
      q: tag,
      deleted_by: alice.email,
      deleted_to: "2026-03-10",
      sort: "size",
      colour: "red",
    });
    expect(notices).toEqual([
      "Ignored sort=“size”: expected deleted, file.",
      "Ignored the unknown parameter “colour”.",
    ]);
    const listed = await walk(query);
    expect(listed).toEqual(["file-08.mkv", "file-06.mkv", "file-04.mkv", "file-02.mkv", "file-00.mkv"]);

    const selection = toSelection({ kind: "filter", query: trashSelectionQuery(query) });
    expect(await previewTransition(db, "admin", "restore", selection)).toMatchObject({ total: 5, willChange: 5 });
    const admin = await db.user.findUniqueOrThrow({ where: { uuid: (await createUser(db, { role: "admin" })).uuid } });
    const report = await applyTransition(
      db,
      { id: admin.id, uuid: admin.uuid, email: admin.email, role: admin.role },
      "restore",
      selection,
      { bulk: true },
    );
    expect(report).toMatchObject({ changed: 5, alreadyDone: 0, skipped: {} });

    expect(await walk(query)).toEqual([]);
    expect(await walk({ ...TRASH_LIST_DEFAULTS, q: tag })).toHaveLength(25);
    const live = await listAssets(db, { ...ASSET_LIST_DEFAULTS, q: tag, sort: "uri", dir: "asc" });
    expect(live.rows.map((row) => row.uri.split("/").pop())).toEqual([...listed.reverse(), "live.mkv"]);
  });

  it("keeps its order exact through deletes, restores, a changed deletion date and a purge", async () => {
    const { db, tag } = await trashFixture();
    const admin = await db.user.findUniqueOrThrow({ where: { uuid: (await createUser(db, { role: "admin" })).uuid } });
    const actor = { id: admin.id, uuid: admin.uuid, email: admin.email, role: admin.role };
    const trashed = async () => (await walk({ ...TRASH_LIST_DEFAULTS, q: tag, per: 25 })).length;
    expect(await trashed()).toBe(30);

    // The live asset deleted: first in the trash's order (deleted now).
    const live = await db.asset.findUniqueOrThrow({ where: { uri: `${tag}/live.mkv` } });
    await applyTransition(db, actor, "delete", toSelection({ kind: "uuids", uuids: [live.uuid] }), { bulk: false });
    const first = await listTrash(db, { ...TRASH_LIST_DEFAULTS, q: tag });
    expect(first.rows[0]!.uri).toBe(`${tag}/live.mkv`);
    expect(await trashOrderDrift(db)).toBe(0);

    // Restored: out of the trash's order; a deletion re-dated by hand moves in it.
    await applyTransition(db, actor, "restore", toSelection({ kind: "uuids", uuids: [live.uuid] }), { bulk: false });
    await db.asset.update({
      where: { uri: `${tag}/file-00.mkv` },
      data: { deletedAt: new Date(Date.UTC(2027, 0, 1)) },
    });
    expect((await listTrash(db, { ...TRASH_LIST_DEFAULTS, q: tag })).rows[0]!.uri).toBe(`${tag}/file-00.mkv`);
    expect(await trashed()).toBe(30);
    expect(await trashOrderDrift(db)).toBe(0);

    // Purged: the row goes with the asset.
    const purge = await db.asset.findUniqueOrThrow({ where: { uri: `${tag}/file-01.mkv` } });
    await applyTransition(db, actor, "purge", toSelection({ kind: "uuids", uuids: [purge.uuid] }), {
      bulk: false,
      deleteReason: "test",
    });
    expect(await trashed()).toBe(29);
    expect(await db.assetTrash.count({ where: { assetId: purge.id } })).toBe(0);
    expect(await trashOrderDrift(db)).toBe(0);
  });
});
