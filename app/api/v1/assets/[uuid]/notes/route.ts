import { addNoteEndpoint, listNotesEndpoint, noteJson } from "@/lib/api/editorial-endpoints";
import { apiRoute } from "@/lib/api/handler";
import { addNote, listNotes } from "@/lib/assets/notes";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";

// GET /api/v1/assets/{uuid}/notes: the asset's notes thread; POST: write a note, as the detail page does.

export const GET = apiRoute(listNotesEndpoint, async ({ actor, params }) => {
  const notes = await listNotes(await getDb(), actor!.role, params.uuid);
  if (!notes) throw new KnownError("not_found", "No asset has that uuid.");
  return { items: notes.map(noteJson) };
});

export const POST = apiRoute(addNoteEndpoint, async ({ actor, params, body }) =>
  Response.json(noteJson(await addNote(await getDb(), actor!, params.uuid, body.body)), {
    status: 201,
    headers: { "cache-control": "no-store" },
  }),
);
