import { randomBytes } from "node:crypto";
import { copyFile, mkdtemp, rm, utimes } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { duplicateDrift, rebuildDuplicateGroups } from "@/lib/assets/duplicates";
import { editAsset } from "@/lib/assets/edit";
import { countAssetTabs, listAssets } from "@/lib/assets/list";
import { ASSET_LIST_DEFAULTS } from "@/lib/assets/list-params";
import { applyTransition } from "@/lib/assets/workflow";
import { getDb, type Db } from "@/lib/db";
import { createFolderSource, type FolderSource } from "@/lib/testing/folder-source";
import { makeClip } from "@/lib/testing/thumbnail-fixtures";

// "Has duplicates" is kept by the database: real clips made by ffmpeg, real scans, edits, deletes,
// restores, purges and two transactions racing on the same new hash. After each, the table's filter
// lists exactly the copies, and the kept groups and flags equal a recount from scratch
// (GROUP BY hash_sha256 HAVING count(*) > 1).

let root: string;
let source: FolderSource;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "asset-desk-dupes-"));
  await makeClip(at("one.mp4"), { seconds: 1 });
  await makeClip(at("two.mp4"), { seconds: 2 });
  source = await createFolderSource("Duplicates", [root]);
  await source.scan();
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const at = (file: string) => path.join(root, file);
const uuidOf = async (file: string) =>
  (await (await getDb()).asset.findUniqueOrThrow({ where: { uri: at(file) }, select: { uuid: true } })).uuid;

/** What the table shows under "Has duplicates" (every state), as file names, and that it is exact. */
async function duplicatesShown(): Promise<string[]> {
  const db = await getDb();
  expect(await duplicateDrift(db)).toEqual({ groups: 0, flags: 0 });
  const shown: string[] = [];
  for (const status of ["all", "deleted"] as const) {
    const page = await listAssets(db, { ...ASSET_LIST_DEFAULTS, status, q: root, dupes: "1", sort: "uri", per: 50 });
    shown.push(...page.rows.map((row) => path.relative(root, row.uri)));
  }
  return shown.sort();
}

async function transition(name: "delete" | "restore" | "purge", files: string[]) {
  const uuids = await Promise.all(files.map(uuidOf));
  const report = await applyTransition(
    await getDb(),
    source.actor,
    name,
    { kind: "uuids", uuids },
    {
      bulk: true,
      deleteReason: `duplicates test ${name}`,
    },
  );
  expect(report.changed).toBe(files.length);
}

describe("has duplicates", () => {
  it("is set on both copies when a scan finds a second copy of a file, and counted exactly", async () => {
    expect(await duplicatesShown()).toEqual([]);
    await copyFile(at("one.mp4"), at("one-copy.mp4"));
    expect((await source.scan()).counts).toMatchObject({ new: 1 });
    expect(await duplicatesShown()).toEqual(["one-copy.mp4", "one.mp4"]);
    const tabs = await countAssetTabs(await getDb(), { q: root, dupes: "1" }, ["all", "pending", "deleted"]);
    expect(tabs).toEqual({
      all: { count: 2, estimated: false },
      pending: { count: 2, estimated: false },
      deleted: { count: 0, estimated: false },
    });
  });

  it("follows a file whose bytes changed (a rescan hashes it again)", async () => {
    await copyFile(at("one.mp4"), at("two.mp4"));
    const later = new Date(Date.now() + 60_000);
    await utimes(at("two.mp4"), later, later);
    expect((await source.scan()).counts).toMatchObject({ changed: 1 });
    expect(await duplicatesShown()).toEqual(["one-copy.mp4", "one.mp4", "two.mp4"]);
  });

  it("follows an edit that points an asset at other bytes", async () => {
    await makeClip(at("three.mp4"), { seconds: 3 });
    const db = await getDb();
    const copy = await db.asset.findUniqueOrThrow({ where: { uri: at("two.mp4") } });
    const user = await db.user.findUniqueOrThrow({ where: { email: source.actor.email } });
    await editAsset(
      db,
      { id: user.id, uuid: user.uuid, email: user.email, name: user.name ?? "", role: user.role },
      {
        uuid: copy.uuid,
        version: copy.version,
        uri: at("three.mp4"),
        durationMs: copy.durationMs,
        videoCodec: copy.videoCodec,
        audioCodec: copy.audioCodec,
        container: copy.container,
      },
    );
    expect(await duplicatesShown()).toEqual(["one-copy.mp4", "one.mp4"]);
  });

  it("counts a deleted copy until it is purged, and clears the copy left behind", async () => {
    await transition("delete", ["one-copy.mp4"]);
    expect(await duplicatesShown()).toEqual(["one-copy.mp4", "one.mp4"]);
    await transition("restore", ["one-copy.mp4"]);
    expect(await duplicatesShown()).toEqual(["one-copy.mp4", "one.mp4"]);
    await transition("delete", ["one-copy.mp4"]);
    await transition("purge", ["one-copy.mp4"]);
    expect(await duplicatesShown()).toEqual([]);
  });

  it("stays exact when two transactions insert the same new hash at once", async () => {
    const db = await getDb();
    const hash = randomBytes(32).toString("hex");
    const insert = (tx: Pick<Db, "$executeRaw">, name: string) =>
      tx.$executeRaw`INSERT INTO assets (uri, size, hash_sha256) VALUES (${at(name)}, 1, ${hash})`;
    let release = () => {};
    let firstInserted = () => {};
    const inserted = new Promise<void>((resolve) => (firstInserted = resolve));
    const first = db.$transaction(
      async (tx) => {
        await insert(tx, "race-a.mp4");
        firstInserted();
        await new Promise<void>((resolve) => (release = resolve));
      },
      { timeout: 30_000 },
    );
    await inserted;
    const second = db.$transaction((tx) => insert(tx, "race-b.mp4"), { timeout: 30_000 });
    // The second waits for the first's group row: neither could see the other's uncommitted row.
    for (let waited = 0; !(await lockWaiters(db)); waited += 20) {
      if (waited > 20_000) throw new Error("the second insert never waited for the first");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    release();
    await Promise.all([first, second]);
    expect(await duplicatesShown()).toEqual(["race-a.mp4", "race-b.mp4"]);
  });

  it("is rebuilt from scratch after a load that bypassed the triggers", async () => {
    const db = await getDb();
    await db.$executeRaw`UPDATE assets SET has_duplicate = NOT has_duplicate`;
    await db.$executeRaw`DELETE FROM asset_hash_groups WHERE members = 1`;
    expect(await duplicateDrift(db)).not.toEqual({ groups: 0, flags: 0 });
    await rebuildDuplicateGroups(db);
    expect(await duplicatesShown()).toEqual(["race-a.mp4", "race-b.mp4"]);
  });
});

async function lockWaiters(db: Db): Promise<number> {
  const [{ n }] = await db.$queryRaw<[{ n: number }]>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return n;
}
