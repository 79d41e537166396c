import { editNoteEndpoint, noteJson } from "@/lib/api/editorial-endpoints";
import { apiRoute } from "@/lib/api/handler";
import { editNote } from "@/lib/assets/notes";
import { getDb } from "@/lib/db";

// PATCH /api/v1/assets/{uuid}/notes/{noteUuid}: its author edits a note within the edit window.
export const PATCH = apiRoute(editNoteEndpoint, async ({ actor, params, body }) =>
  noteJson(await editNote(await getDb(), actor!, params.noteUuid, body.body, { assetUuid: params.uuid })),
);
