import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { listAssets } from "@/lib/assets/list";
import { parseAssetListParams } from "@/lib/assets/list-params";
import { addNote, editNote, listNotes } from "@/lib/assets/notes";
import { NOTE_EDIT_WINDOW_MS, noteEditRefusal } from "@/lib/assets/rules";
import { REASONS } from "@/lib/assets/transitions";
import { transitionAsset } from "@/lib/assets/workflow";
import { createAsset, createUser } from "@/lib/seed/factories";

const SERVER = { id: null, uuid: null, email: "setup@test.local", role: "server" as const };
const unique = `notes-${process.pid}-${Date.now()}`;

async function actorOf(role: Role): Promise<Actor> {
  const db = await getDb();
  const user = await createUser(db, { role, name: `Reviewer ${role}` });
  const row = await db.user.findUniqueOrThrow({ where: { uuid: user.uuid } });
  return { id: row.id, uuid: row.uuid, email: row.email, name: row.name, role };
}

describe("notes", () => {
  it("any role writes and reads the thread; each note is counted on the asset and audited", async () => {
    const db = await getDb();
    const { uuid } = await createAsset(db);
    const operator = await actorOf("operator");
    const editor = await actorOf("editor");
    const first = await addNote(db, operator, uuid, "The audio drifts after 12:30.");
    await addNote(db, editor, uuid, "Agreed; send it back to the supplier.");
    const thread = await listNotes(db, "operator", uuid);
    expect(thread?.map((note) => [note.author?.name, note.body, note.editedAt])).toEqual([
      ["Reviewer operator", "The audio drifts after 12:30.", null],
      ["Reviewer editor", "Agreed; send it back to the supplier.", null],
    ]);
    expect((await db.asset.findUniqueOrThrow({ where: { uuid } })).notesCount).toBe(2);
    const audit = await db.auditEvent.findMany({ where: { targetUuid: first.uuid } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "asset.note",
        targetType: "asset_note",
        actorUuid: operator.uuid,
        after: { assetUuid: uuid, body: "The audio drifts after 12:30." },
      }),
    ]);
    // A note does not change the asset (its version stays, so an open edit form is not stale).
    expect((await db.asset.findUniqueOrThrow({ where: { uuid } })).version).toBe(1);
  });

  it("lets only the author edit, only within the window; the edit is marked and audited", async () => {
    const db = await getDb();
    const { uuid } = await createAsset(db);
    const author = await actorOf("operator");
    const admin = await actorOf("admin");
    const note = await addNote(db, author, uuid, "Typo in the credits");
    await expect(editNote(db, admin, note.uuid, "Rewritten by someone else")).rejects.toThrow(/Only its author/);
    const edited = await editNote(db, author, note.uuid, "Typo in the end credits", { assetUuid: uuid });
    expect(edited.body).toBe("Typo in the end credits");
    expect(edited.editedAt).toBeInstanceOf(Date);
    expect(await db.auditEvent.findMany({ where: { targetUuid: note.uuid }, orderBy: { id: "asc" } })).toMatchObject([
      { after: { body: "Typo in the credits" } },
      { before: { body: "Typo in the credits" }, after: { assetUuid: uuid, body: "Typo in the end credits" } },
    ]);
    // Under another asset's address the note does not exist.
    const other = await createAsset(db);
    await expect(editNote(db, author, note.uuid, "x", { assetUuid: other.uuid })).rejects.toThrow(/no longer exists/);

    // Past the window (the note written 16 minutes ago): refused, and the text stays.
    await db.assetNote.update({
      where: { uuid: note.uuid },
      data: { createdAt: new Date(Date.now() - 16 * 60 * 1000) },
    });
    await expect(editNote(db, author, note.uuid, "Too late")).rejects.toThrow(/15 minutes/);
    expect((await db.assetNote.findUniqueOrThrow({ where: { uuid: note.uuid } })).body).toBe("Typo in the end credits");
  });

  it("the rule itself: author and window, as the page asks it", () => {
    const createdAt = new Date("2026-01-01T10:00:00Z");
    const at = (ms: number) => new Date(createdAt.getTime() + ms);
    expect(noteEditRefusal("a", { authorUuid: "a", createdAt }, at(NOTE_EDIT_WINDOW_MS))).toBeNull();
    expect(noteEditRefusal("a", { authorUuid: "a", createdAt }, at(NOTE_EDIT_WINDOW_MS + 1))?.kind).toBe("conflict");
    expect(noteEditRefusal("b", { authorUuid: "a", createdAt }, at(0))?.kind).toBe("forbidden");
    expect(noteEditRefusal(null, { authorUuid: null, createdAt }, at(0))?.kind).toBe("forbidden");
  });

  it("is not written on a deleted asset, which below the trash's role does not exist; the CLI has no author", async () => {
    const db = await getDb();
    const { uuid } = await createAsset(db);
    await transitionAsset(db, SERVER, "delete", uuid);
    await expect(addNote(db, await actorOf("editor"), uuid, "hello")).rejects.toThrow(/no longer exists/);
    await expect(addNote(db, await actorOf("admin"), uuid, "hello")).rejects.toThrow(REASONS.deleted);
    expect(await listNotes(db, "editor", uuid)).toBeNull();
    const live = await createAsset(db);
    await expect(addNote(db, SERVER, live.uuid, "from the shell")).rejects.toThrow(/needs an author/);
  });

  it("the table shows the count and filters notes=1 from the maintained column", async () => {
    const db = await getDb();
    const withNotes = await createAsset(db, { uri: `/media/${unique}/with.mkv` });
    await createAsset(db, { uri: `/media/${unique}/without.mkv` });
    const author = await actorOf("editor");
    await addNote(db, author, withNotes.uuid, "one");
    await addNote(db, author, withNotes.uuid, "two");
    const { query } = parseAssetListParams({ q: unique, notes: "1" });
    const rows = (await listAssets(db, { ...query, per: 100 })).rows;
    expect(rows.map((row) => [row.uuid, row.notesCount])).toEqual([[withNotes.uuid, 2]]);
    const all = (await listAssets(db, { ...parseAssetListParams({ q: unique }).query, per: 100 })).rows;
    expect(all).toHaveLength(2);
  });
});
