import "server-only";
import type { Db } from "@/lib/db";
import { NOTE_EDIT_WINDOW_MS, noteEditRefusal } from "@/lib/assets/rules";
import { REASONS } from "@/lib/assets/transitions";
import { seesDeletedAssets, type ActingViewer, type Viewer } from "@/lib/assets/visibility";
import { writeAudit } from "@/lib/audit/write";
import { KnownError } from "@/lib/errors";

// An asset's notes: a review discussion every role that reads assets can read and join. A note is
// written by a signed-in user (or an API token's owner), on a live asset, and its author may edit it
// for NOTE_EDIT_WINDOW_MS (noteEditRefusal, rules.ts); notes are not deleted — the thread is the
// record of the review. assets.notes_count is kept in the note's own transaction, so the table's
// notes column and "has notes" filter read one indexed column rather than counting per row.
// Audit rows (`asset.note`) target the note, with its asset's uuid in `after`, so a note never
// counts as a change of the asset (an undo of an approve batch is not held back by a comment).

export interface NoteView {
  uuid: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  /** Until when its author may edit it. */
  editableUntil: Date;
  author: { uuid: string; name: string; email: string } | null;
}

const notFound = () => new KnownError("not_found", "That asset no longer exists.");
const noteNotFound = () => new KnownError("not_found", "That note no longer exists.");

/** What a note shows: its text, times and author (uuid outward). */
const NOTE_FIELDS = {
  uuid: true,
  body: true,
  createdAt: true,
  editedAt: true,
  author: { select: { uuid: true, name: true, email: true } },
} as const;

/** The asset's notes, oldest first; null when this viewer cannot see the asset. */
export async function listNotes(db: Db, viewer: Viewer, assetUuid: string): Promise<NoteView[] | null> {
  const asset = await db.asset.findUnique({ where: { uuid: assetUuid }, select: { id: true, isDeleted: true } });
  if (!asset || (asset.isDeleted && !seesDeletedAssets(viewer))) return null;
  const notes = await db.assetNote.findMany({
    where: { assetId: asset.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: NOTE_FIELDS,
  });
  return notes.map((note) => ({ ...note, editableUntil: new Date(note.createdAt.getTime() + NOTE_EDIT_WINDOW_MS) }));
}

/** Who writes: a user of the desk. The command line has no user to sign a note with. */
function authorOf(actor: ActingViewer): number {
  if (actor.id === null)
    throw new KnownError("forbidden", "A note needs an author: write it on the desk or with an API token.");
  return actor.id;
}

/** Adds a note to a live asset's thread and counts it, audited, in one transaction. */
export async function addNote(db: Db, actor: ActingViewer, assetUuid: string, body: string): Promise<NoteView> {
  const authorId = authorOf(actor);
  return db.$transaction(async (tx) => {
    const [asset] = await tx.$queryRaw<Array<{ id: number; is_deleted: boolean }>>`
      SELECT id, is_deleted FROM assets WHERE uuid = ${assetUuid}::uuid FOR NO KEY UPDATE`;
    if (!asset || (asset.is_deleted && !seesDeletedAssets(actor.role))) throw notFound();
    if (asset.is_deleted) throw new KnownError("conflict", REASONS.deleted);
    const note = await tx.assetNote.create({
      data: { assetId: asset.id, authorId, body },
      select: NOTE_FIELDS,
    });
    await tx.$executeRaw`UPDATE assets SET notes_count = notes_count + 1 WHERE id = ${asset.id}`;
    await writeAudit(tx, actor, [
      { action: "asset.note", targetType: "asset_note", targetUuid: note.uuid, after: { assetUuid, body } },
    ]);
    return { ...note, editableUntil: new Date(note.createdAt.getTime() + NOTE_EDIT_WINDOW_MS) };
  });
}

/** Its author changes a note's text within the edit window; audited with the text before and after. */
export async function editNote(
  db: Db,
  actor: ActingViewer,
  noteUuid: string,
  body: string,
  options: { assetUuid?: string } = {},
): Promise<NoteView> {
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<Array<{ id: number }>>`
      SELECT id FROM asset_notes WHERE uuid = ${noteUuid}::uuid FOR UPDATE`;
    if (!locked) throw noteNotFound();
    const note = await tx.assetNote.findUniqueOrThrow({
      where: { id: locked.id },
      select: {
        body: true,
        createdAt: true,
        asset: { select: { uuid: true, isDeleted: true } },
        author: { select: { uuid: true } },
      },
    });
    // A note of a hidden asset, or of another asset than the address names, does not exist.
    if (note.asset.isDeleted && !seesDeletedAssets(actor.role)) throw noteNotFound();
    if (options.assetUuid !== undefined && options.assetUuid !== note.asset.uuid) throw noteNotFound();
    const refusal = noteEditRefusal(actor.uuid, { authorUuid: note.author?.uuid ?? null, createdAt: note.createdAt });
    if (refusal) throw refusal;
    if (note.asset.isDeleted) throw new KnownError("conflict", REASONS.deleted);
    const updated = await tx.assetNote.update({
      where: { id: locked.id },
      data: note.body === body ? {} : { body, editedAt: new Date() },
      select: NOTE_FIELDS,
    });
    if (note.body !== body)
      await writeAudit(tx, actor, [
        {
          action: "asset.note",
          targetType: "asset_note",
          targetUuid: noteUuid,
          before: { body: note.body },
          after: { assetUuid: note.asset.uuid, body },
        },
      ]);
    return { ...updated, editableUntil: new Date(updated.createdAt.getTime() + NOTE_EDIT_WINDOW_MS) };
  });
}
