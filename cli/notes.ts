import { userInfo } from "node:os";
import { noteBodySchema } from "@/lib/assets/editorial-fields";
import { addNote, listNotes, type NoteView } from "@/lib/assets/notes";
import type { ActingViewer } from "@/lib/assets/visibility";
import { getDb, type Db } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { findUserUuidByEmail } from "@/lib/users/manage";
import { parseUuid } from "@/lib/uuid";

// `asset-desk notes UUID` reads an asset's notes thread; `--add TEXT --user EMAIL` writes a note.
// A note has an author, a user of the desk (the thread is a review discussion between people), so
// the command writes as the user it names, who must be enabled, with that user's role and rules;
// the audit row's actor reads "<email> (cli:<login>)" so the trail shows it came from the server's
// command line and not from the user's browser. Editing a note stays with its author on the desk or
// through the API (PATCH /api/v1/assets/{uuid}/notes/{noteUuid}).

const USAGE = "usage: asset-desk notes UUID [--json] | notes UUID --add TEXT --user EMAIL [--json]";

async function actingUser(db: Db, email: string): Promise<ActingViewer> {
  const user = await db.user.findUniqueOrThrow({
    where: { uuid: await findUserUuidByEmail(db, email) },
    select: { id: true, uuid: true, email: true, role: true, disabled: true },
  });
  if (user.disabled) throw new KnownError("forbidden", `${user.email} is disabled.`);
  return { id: user.id, uuid: user.uuid, email: `${user.email} (cli:${userInfo().username})`, role: user.role };
}

const noteLine = (note: NoteView) =>
  `${note.createdAt.toISOString()}  ${note.author?.email ?? "(removed user)"}${note.editedAt ? " (edited)" : ""}  ${note.uuid}\n  ${note.body.replaceAll("\n", "\n  ")}`;

export async function runNotesCommand(
  args: string[],
  options: { add?: string; user?: string; json?: boolean },
): Promise<number> {
  const [uuidArgument, ...rest] = args;
  const uuid = parseUuid(uuidArgument);
  if (!uuid || rest.length > 0) throw new KnownError("invalid", USAGE);
  const db = await getDb();
  if (options.add !== undefined) {
    if (!options.user) throw new KnownError("invalid", `A note needs an author: --user EMAIL.\n${USAGE}`);
    const body = noteBodySchema.safeParse(options.add);
    if (!body.success)
      throw new KnownError("invalid", `--add: ${body.error.issues.map((issue) => issue.message).join(" ")}`);
    const note = await addNote(db, await actingUser(db, options.user), uuid, body.data);
    console.log(options.json ? JSON.stringify(note) : `Added note ${note.uuid}.`);
    return 0;
  }
  if (options.user !== undefined) throw new KnownError("invalid", USAGE);
  const notes = await listNotes(db, "server", uuid);
  if (!notes) throw new KnownError("not_found", "No asset has that uuid.");
  if (options.json) console.log(JSON.stringify(notes));
  else console.log(notes.length > 0 ? notes.map(noteLine).join("\n") : "No notes.");
  return 0;
}
