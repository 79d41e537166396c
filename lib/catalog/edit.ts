import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { writeAudit, type AuditActor } from "@/lib/audit/write";
import { KnownError } from "@/lib/errors";

// Editing a catalog entry's title and tags. The entry keeps its uuid (scheduling refers to it), and
// the edit names the version it was read at: a save against a newer version overwrites nothing.
// Tags are normalised by the one tag module (lib/assets/tags.ts) in the callers' schemas.

export const catalogTitleSchema = z
  .string()
  .trim()
  .min(1, "Enter a title.")
  .max(200, "Keep the title under 200 characters.");

export interface CatalogEdit {
  uuid: string;
  version: number;
  /** Undefined: left as it is. */
  title?: string;
  tags?: string[];
}

export interface CatalogEditResult {
  changed: Array<"title" | "tags">;
  version: number;
}

export const catalogEntryNotFound = () => new KnownError("not_found", "No catalog entry has that uuid.");

/** The refusal of a change made against an older version of the entry. */
export const staleCatalogEntry = (version: number) =>
  new KnownError(
    "conflict",
    `Someone changed this catalog entry after you opened it (it is now at version ${version}). Nothing was saved: reload to see their change, then edit again.`,
  );

const sameTags = (a: string[], b: string[]) => a.length === b.length && a.every((tag, index) => tag === b[index]);

export async function editCatalogEntry(db: Db, actor: AuditActor, edit: CatalogEdit): Promise<CatalogEditResult> {
  return db.$transaction(async (tx) => {
    const [entry] = await tx.$queryRaw<Array<{ id: number; version: number; title: string; tags: string[] }>>`
      SELECT id, version, title, tags FROM catalog_assets WHERE uuid = ${edit.uuid}::uuid FOR UPDATE`;
    if (!entry) throw catalogEntryNotFound();
    if (entry.version !== edit.version) throw staleCatalogEntry(entry.version);

    const before: Record<string, Prisma.InputJsonValue> = {};
    const after: Record<string, Prisma.InputJsonValue> = {};
    if (edit.title !== undefined && edit.title !== entry.title) {
      before.title = entry.title;
      after.title = edit.title;
    }
    // Stored tags from before the one tag module may be unsorted: compare as sets, in its order.
    if (edit.tags !== undefined && !sameTags([...entry.tags].sort(), edit.tags)) {
      before.tags = entry.tags;
      after.tags = edit.tags;
    }
    const changed = Object.keys(after) as CatalogEditResult["changed"];
    if (changed.length === 0) return { changed, version: entry.version };

    await tx.catalogAsset.update({
      where: { id: entry.id },
      data: { ...after, version: { increment: 1 } },
    });
    await writeAudit(tx, actor, [
      { action: "catalog.edit", targetType: "catalog_asset", targetUuid: edit.uuid, before, after },
    ]);
    return { changed, version: entry.version + 1 };
  });
}
