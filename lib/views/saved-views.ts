import "server-only";
import type { Db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write";
import type { Actor } from "@/lib/auth/session";
import { KnownError } from "@/lib/errors";

// Saved views: a named filter + sort of a table, stored as its canonical URL query string.

export const VIEW_TABLES = ["assets", "catalog"] as const;
export type ViewTable = (typeof VIEW_TABLES)[number];

export async function listSavedViews(db: Db, actor: Pick<Actor, "id">, table: ViewTable) {
  const views = await db.savedView.findMany({
    where: { table, OR: [{ ownerId: actor.id }, { shared: true }] },
    orderBy: [{ name: "asc" }],
    select: { uuid: true, name: true, query: true, shared: true, ownerId: true, owner: { select: { name: true } } },
  });
  return views.map(({ ownerId, owner, ...view }) => ({ ...view, mine: ownerId === actor.id, ownerName: owner.name }));
}

/** Saves (or replaces, by name) one of the actor's views. */
export async function saveView(
  db: Db,
  actor: Actor,
  input: { table: ViewTable; name: string; query: string; shared: boolean },
) {
  return db.$transaction(async (tx) => {
    const previous = await tx.savedView.findUnique({
      where: { ownerId_table_name: { ownerId: actor.id, table: input.table, name: input.name } },
      select: { query: true, shared: true },
    });
    const view = await tx.savedView.upsert({
      where: { ownerId_table_name: { ownerId: actor.id, table: input.table, name: input.name } },
      update: { query: input.query, shared: input.shared },
      create: { ...input, ownerId: actor.id },
      select: { uuid: true },
    });
    await writeAudit(tx, actor, [
      {
        action: "view.save",
        targetType: "saved_view",
        targetUuid: view.uuid,
        before: previous ?? undefined,
        after: { name: input.name, query: input.query, shared: input.shared },
      },
    ]);
    return view;
  });
}

/** Deletes a view; only its owner (or an admin) may. */
export async function deleteView(db: Db, actor: Actor, viewUuid: string) {
  return db.$transaction(async (tx) => {
    const view = await tx.savedView.findUnique({
      where: { uuid: viewUuid },
      select: { id: true, ownerId: true, name: true, query: true },
    });
    if (!view) throw new KnownError("not_found", "That view no longer exists.");
    if (view.ownerId !== actor.id && actor.role !== "admin")
      throw new KnownError("forbidden", "Only the person who saved a view can delete it.");
    await tx.savedView.delete({ where: { id: view.id } });
    await writeAudit(tx, actor, [
      {
        action: "view.delete",
        targetType: "saved_view",
        targetUuid: viewUuid,
        before: { name: view.name, query: view.query },
      },
    ]);
  });
}
