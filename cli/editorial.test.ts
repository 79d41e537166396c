import { afterEach, describe, expect, it, vi } from "vitest";
import { runEditCommand, runTagCommand } from "@/cli/editorial";
import { getDb } from "@/lib/db";
import { createAsset } from "@/lib/seed/factories";

// `asset-desk edit` and `asset-desk tag` in process, on the test database: the same bulk change as the desk's, audited.

const unique = `cli-tag-${process.pid}-${Date.now()}`;
afterEach(() => vi.restoreAllMocks());

describe("asset-desk tag", () => {
  it("adds and removes tags on uuids and on a filter, as one audited batch each", async () => {
    const db = await getDb();
    const a = await createAsset(db, { uri: `/media/${unique}/a.mkv` });
    const b = await createAsset(db, { uri: `/media/${unique}/b.mkv` });
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));

    expect(await runTagCommand([a.uuid], { add: "Archive, news", json: true })).toBe(0);
    const first = JSON.parse(printed[0]!) as { changed: number; batchUuid: string };
    expect(first.changed).toBe(1);
    expect(
      await db.auditEvent.count({ where: { batchUuid: first.batchUuid, actorEmail: { startsWith: "cli:" } } }),
    ).toBe(1);

    expect(await runTagCommand([], { filter: `?q=${unique}`, add: "archive", remove: "news" })).toBe(0);
    expect(printed[1]).toMatch(/^2 of 2 changed, 0 already so \(batch [0-9a-f-]{36}\)$/);
    const tags = await db.asset.findMany({ where: { uuid: { in: [a.uuid, b.uuid] } }, select: { tags: true } });
    expect(tags.map((row) => row.tags)).toEqual([["archive"], ["archive"]]);
  });

  it("refuses a call without tags, with both uuids and a filter, or with a malformed tag", async () => {
    await expect(runTagCommand(["x"], {})).rejects.toThrow(/usage/);
    await expect(runTagCommand([], { add: "a" })).rejects.toThrow(/usage/);
    await expect(runTagCommand(["not-a-uuid"], { add: "a" })).rejects.toThrow(/Not a uuid/);
    await expect(runTagCommand([], { filter: "q=x", add: "a/b" })).rejects.toThrow(/--add/);
  });

  it("edits one asset's title, description and tags, audited, and clears a field given as empty text", async () => {
    const db = await getDb();
    const asset = await createAsset(db, { uri: `/media/${unique}/edit.mkv` });
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));
    expect(
      await runEditCommand([asset.uuid], { title: " Evening News ", description: "Late edition", tags: "News" }),
    ).toBe(0);
    expect(printed[0]).toBe("Changed: title, description, tags.");
    expect(await db.asset.findUniqueOrThrow({ where: { uuid: asset.uuid } })).toMatchObject({
      title: "Evening News",
      description: "Late edition",
      tags: ["news"],
    });
    expect(await runEditCommand([asset.uuid], { description: "" })).toBe(0);
    expect((await db.asset.findUniqueOrThrow({ where: { uuid: asset.uuid } })).description).toBeNull();
    expect(await db.auditEvent.count({ where: { targetUuid: asset.uuid, action: "asset.metadata" } })).toBe(2);
    await expect(runEditCommand([asset.uuid], {})).rejects.toThrow(/usage/);
    await expect(runEditCommand(["nope"], { title: "x" })).rejects.toThrow(/Not a uuid/);
    await expect(runEditCommand([asset.uuid], { title: "x".repeat(201) })).rejects.toThrow(/--title/);
  });
});
