import { afterEach, describe, expect, it, vi } from "vitest";
import { runNotesCommand } from "@/cli/notes";
import { getDb } from "@/lib/db";
import { createAsset, createUser } from "@/lib/seed/factories";

// `asset-desk notes` in process, on this file's own test database: the thread of the detail page,
// written as a named desk user through the same function (rules, count, audit row).

afterEach(() => vi.restoreAllMocks());

describe("asset-desk notes", () => {
  it("writes a note as the named user, counted and audited as coming from the command line, and lists the thread", async () => {
    const db = await getDb();
    const editor = await createUser(db, { role: "editor" });
    const asset = await createAsset(db, {});
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));

    expect(await runNotesCommand([asset.uuid], {})).toBe(0);
    expect(printed.pop()).toBe("No notes.");
    expect(await runNotesCommand([asset.uuid], { add: "  Audio drifts after 20 min.  ", user: editor.email })).toBe(0);
    expect(printed.pop()).toMatch(/^Added note [0-9a-f-]{36}\.$/);

    expect(await runNotesCommand([asset.uuid], { json: true })).toBe(0);
    const [note] = JSON.parse(printed.pop()!) as Array<{ uuid: string; body: string; author: { uuid: string } }>;
    expect(note).toMatchObject({ body: "Audio drifts after 20 min.", author: { uuid: editor.uuid } });
    expect(await db.asset.findUniqueOrThrow({ where: { uuid: asset.uuid } })).toMatchObject({ notesCount: 1 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetUuid: note!.uuid, action: "asset.note" } });
    expect(audit.actorUuid).toBe(editor.uuid);
    expect(audit.actorEmail).toMatch(new RegExp(`^${editor.email.replace(/[.+]/g, "\\$&")} \\(cli:.+\\)$`));
    expect(await runNotesCommand([asset.uuid], {})).toBe(0);
    expect(printed.pop()).toContain("  Audio drifts after 20 min.");
  });

  it("refuses a note with no author, an unknown or disabled user, empty text, or a deleted asset for an operator", async () => {
    const db = await getDb();
    const operator = await createUser(db, { role: "operator" });
    const disabled = await createUser(db, { role: "editor" });
    await db.user.update({ where: { uuid: disabled.uuid }, data: { disabled: true } });
    const asset = await createAsset(db, {});
    const deleted = await createAsset(db, {});
    await db.asset.update({
      where: { uuid: deleted.uuid },
      data: { isDeleted: true, deletedAt: new Date(), deleteReason: "test" },
    });
    await expect(runNotesCommand([asset.uuid], { add: "hello" })).rejects.toThrow(/needs an author/);
    await expect(runNotesCommand([asset.uuid], { add: "hello", user: "nobody@test.local" })).rejects.toThrow(
      /No user has the email/,
    );
    await expect(runNotesCommand([asset.uuid], { add: "hello", user: disabled.email })).rejects.toThrow(/disabled/);
    await expect(runNotesCommand([asset.uuid], { add: "   ", user: operator.email })).rejects.toThrow(
      /Write something/,
    );
    await expect(runNotesCommand([deleted.uuid], { add: "hello", user: operator.email })).rejects.toThrow(
      /no longer exists/,
    );
    await expect(runNotesCommand(["42"], {})).rejects.toThrow(/usage/);
    expect(await db.assetNote.count({ where: { asset: { uuid: { in: [asset.uuid, deleted.uuid] } } } })).toBe(0);
  });
});
