import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/session";
import { writeAudit } from "@/lib/audit/write";
import { REASONS } from "@/lib/assets/reasons";
import { KnownError } from "@/lib/errors";

// Editing an asset's metadata and file path, with optimistic concurrency: the form carries the
// version it was read at, and a save against a newer version overwrites nothing.

export interface AssetEdit {
  uuid: string;
  version: number;
  uri: string;
  durationMs: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  container: string | null;
}

const FIELDS = ["uri", "durationMs", "videoCodec", "audioCodec", "container"] as const;

export async function editAsset(db: Db, actor: Actor, edit: AssetEdit): Promise<{ changed: string[]; version: number }> {
  try {
    return await db.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM assets WHERE uuid = ${edit.uuid}::uuid FOR UPDATE`;
      if (!locked) throw new KnownError("not_found", "That asset no longer exists.");
      const asset = await tx.asset.findUniqueOrThrow({
        where: { id: locked.id },
        select: { version: true, canonical: true, isDeleted: true, uri: true, durationMs: true, videoCodec: true, audioCodec: true, container: true, catalogAsset: { select: { uuid: true } } },
      });
      if (asset.version !== edit.version) {
        throw new KnownError("conflict", `Someone changed this asset after you opened it (it is now at version ${asset.version}). Nothing was saved: reload to see their change, then edit again.`);
      }
      if (asset.isDeleted) throw new KnownError("conflict", REASONS.deleted);
      if (asset.catalogAsset) throw new KnownError("conflict", "It is in the broadcast catalog, which holds its own copy of these details; withdraw it from the catalog before editing.");
      if (asset.canonical && !can(actor.role, "assets.approve")) throw new KnownError("forbidden", "It is approved; only editors and admins can change an approved asset.");
      if (asset.canonical && edit.durationMs === null) throw new KnownError("invalid", "An approved asset needs a duration.", { durationMs: ["An approved asset needs a duration."] });

      const changed = FIELDS.filter((field) => asset[field] !== edit[field]);
      if (changed.length === 0) return { changed, version: asset.version };
      if (changed.includes("uri")) {
        const other = await tx.asset.findUnique({ where: { uri: edit.uri }, select: { uuid: true, isDeleted: true } });
        if (other) throw uriTaken(other);
      }
      const data = Object.fromEntries(changed.map((field) => [field, edit[field]]));
      await tx.asset.update({ where: { id: locked.id }, data: { ...data, version: { increment: 1 } } });
      await writeAudit(tx, actor, [
        {
          action: "asset.update",
          targetType: "asset",
          targetUuid: edit.uuid,
          before: Object.fromEntries(changed.map((field) => [field, asset[field]])),
          after: data as Prisma.InputJsonObject,
        },
      ]);
      return { changed, version: asset.version + 1 };
    });
  } catch (error) {
    // Two saves racing for the same new path: the unique index decides, the message explains.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw uriTaken(null);
    throw error;
  }
}

function uriTaken(other: { uuid: string; isDeleted: boolean } | null): KnownError {
  const which = other ? ` (${other.isDeleted ? "a deleted asset, " : ""}uuid ${other.uuid})` : "";
  const message = `Another asset${which} already has this file path; every path belongs to one asset, deleted ones included.`;
  return new KnownError("conflict", message, { uri: [message] });
}
