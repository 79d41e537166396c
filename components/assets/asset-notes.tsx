"use client";

import { useActionState } from "react";
import { addNoteAction, editNoteAction } from "@/app/(desk)/assets/editorial/actions";
import { FieldError, FormStatus } from "@/components/ui/form-status";
import { NOTE_MAX_LENGTH } from "@/lib/assets/editorial-fields";
import { formatDateTime } from "@/lib/format";

const input = "w-full rounded border border-slate-300 px-2 py-1 text-sm";

/** One note as the page passes it: the server decided (noteEditRefusal) whether this viewer may edit it. */
export interface NoteItem {
  uuid: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  author: string;
  canEdit: boolean;
}

function EditNoteForm({ uuid, note }: { uuid: string; note: NoteItem }) {
  const [state, action, pending] = useActionState(editNoteAction, null);
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs text-sky-800">Edit</summary>
      <form action={action} className="mt-1 space-y-1" aria-label="Edit note">
        <input type="hidden" name="uuid" value={uuid} />
        <input type="hidden" name="noteUuid" value={note.uuid} />
        <textarea name="body" rows={3} maxLength={NOTE_MAX_LENGTH} defaultValue={note.body} className={input} />
        <FieldError state={state} name="body" />
        <div className="flex items-center gap-2">
          <button
            type="submit"
            disabled={pending}
            className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100"
          >
            Save note
          </button>
          <FormStatus state={state} success="Saved." />
        </div>
      </form>
    </details>
  );
}

/** The asset's notes thread, oldest first, and the form for a new note (every role may write). */
export function AssetNotes({ uuid, notes, canWrite }: { uuid: string; notes: NoteItem[]; canWrite: boolean }) {
  const [state, action, pending] = useActionState(addNoteAction, null);
  return (
    <div className="space-y-3 text-sm">
      {notes.length ? (
        <ol className="space-y-3" aria-label="Notes thread">
          {notes.map((note) => (
            <li key={note.uuid} className="border-l-2 border-slate-200 pl-3">
              <div className="text-xs text-slate-600">
                <span className="font-medium text-slate-800">{note.author}</span> ·{" "}
                <time dateTime={note.createdAt}>{formatDateTime(new Date(note.createdAt))}</time>
                {note.editedAt ? (
                  <span title={`Edited ${formatDateTime(new Date(note.editedAt))}`}> · edited</span>
                ) : null}
              </div>
              <p className="whitespace-pre-wrap break-words">{note.body}</p>
              {note.canEdit ? <EditNoteForm uuid={uuid} note={note} /> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-slate-600">No notes yet.</p>
      )}
      {canWrite ? (
        <form
          action={action}
          className="space-y-1"
          aria-label="Write a note"
          // A new form (empty) after each note that was saved.
          key={state?.ok ? state.note.uuid : "new"}
        >
          <input type="hidden" name="uuid" value={uuid} />
          <label className="block text-xs">
            New note
            <textarea name="body" rows={3} maxLength={NOTE_MAX_LENGTH} required className={input} />
          </label>
          <FieldError state={state} name="body" />
          <div className="flex items-center gap-2">
            <button
              type="submit"
              disabled={pending}
              className="rounded bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
            >
              Add note
            </button>
            <FormStatus state={state} success="Note added." />
          </div>
        </form>
      ) : null}
    </div>
  );
}
