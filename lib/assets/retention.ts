import "server-only";
import type { Db } from "@/lib/db";
import { writeAudit, type AuditActor } from "@/lib/audit/write";
import { NO_ASSET_FILTER } from "@/lib/assets/list-params";
import { deletedBefore } from "@/lib/assets/trash-params";
import type { ActingViewer } from "@/lib/assets/visibility";
import { applyTransition, type Selection, type TransitionReport } from "@/lib/assets/workflow";

// Trash retention: a desk-wide setting (off by default) that purges, once a day, what was deleted
// more than N days ago — the same selection and the same purge as an admin's "Purge all matching"
// on the trash filtered by "Deleted more than N days ago", with the same tombstones.

export const MAX_RETENTION_DAYS = 36_500;

/** Who purges by retention, in the audit log. */
export const RETENTION: ActingViewer = { id: null, uuid: null, email: "retention", role: "server" };

const SETTINGS_ID = 1;

/** Days a deleted asset is kept before the daily purge; null when retention is off. */
export async function getTrashRetention(db: Db): Promise<number | null> {
  const row = await db.deskSettings.findUnique({ where: { id: SETTINGS_ID } });
  return row?.trashRetentionDays ?? null;
}

/** Sets (or, with null, turns off) trash retention; audited with the old and new value. */
export async function setTrashRetention(db: Db, actor: AuditActor, days: number | null): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.deskSettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID }, update: {} });
    const [current] = await tx.$queryRaw<{ uuid: string; days: number | null }[]>`
      SELECT uuid::text AS uuid, trash_retention_days AS days FROM desk_settings WHERE id = ${SETTINGS_ID} FOR UPDATE`;
    const before = current!.days;
    if (before === days) return;
    await tx.deskSettings.update({ where: { id: SETTINGS_ID }, data: { trashRetentionDays: days } });
    await writeAudit(tx, actor, [
      {
        action: "settings.trash_retention",
        targetType: "desk_settings",
        targetUuid: current!.uuid,
        before: { trashRetentionDays: before },
        after: { trashRetentionDays: days },
      },
    ]);
  });
}

/** The trash's assets deleted more than `days` whole days before `now` (the trash page's "older than" filter). */
export function trashOlderThan(days: number, now = new Date()): Selection {
  return { kind: "filter", filter: { ...NO_ASSET_FILTER, status: "deleted", deleted_to: deletedBefore(days, now) } };
}

/** Purges what retention says has been in the trash long enough, as of `now`; null when retention is off. */
export async function purgeExpiredTrash(db: Db, now = new Date()): Promise<TransitionReport | null> {
  const days = await getTrashRetention(db);
  if (days === null) return null;
  return applyTransition(db, RETENTION, "purge", trashOlderThan(days, now), {
    bulk: true,
    deleteReason: `Retention: deleted more than ${days} days ago.`,
  });
}
