import "server-only";
import type { Db } from "@/lib/db";
import { RULES } from "@/lib/assets/rules";
import { inverseOf, type Transition } from "@/lib/assets/transitions";
import type { ActingViewer } from "@/lib/assets/visibility";
import { applyTransition, selectionSql, type TransitionReport } from "@/lib/assets/workflow";
import type { AuditAction } from "@/lib/audit/actions";
import type { Capability } from "@/lib/auth/permissions";
import { undoReplaceSource } from "@/lib/catalog/replace-source";
import { KnownError } from "@/lib/errors";
import { undoRemap } from "@/lib/ingest/remap";

// Undo of a bulk change, by its batch in the audit log: the inverse transition (transitions.ts),
// applied through the same engine to the batch's assets that nothing has changed since.

export interface UndoReport extends TransitionReport {
  undoOf: string;
  /** Assets of the batch changed again since, so left as they are. */
  changedSince: number;
}

/** The transition a bulk batch applied (or, with "inverse", the one that undoes it). */
export async function batchTransition(db: Db, batchUuid: string, which: "applied" | "inverse"): Promise<Transition> {
  const events = await db.auditEvent.groupBy({ by: ["action"], where: { batchUuid, targetType: "asset" } });
  if (events.length === 0) throw new KnownError("not_found", "No bulk change has that batch id.");
  const applied = (Object.keys(RULES) as Transition[]).find((name) => RULES[name].action === events[0]!.action);
  const inverse = applied ? inverseOf(applied) : undefined;
  if (!applied || !inverse || events.length > 1)
    throw new KnownError("invalid", "Only a bulk approve, promote or delete can be undone.");
  return which === "applied" ? applied : inverse;
}

/**
 * Reverts a bulk approve, promote or delete as a unit: every asset of the batch that nothing has
 * changed since goes back; the others are counted and reported, never silently skipped.
 */
export async function undoBatch(db: Db, actor: ActingViewer, batchUuid: string): Promise<UndoReport> {
  const inverse = await batchTransition(db, batchUuid, "inverse");
  // Rows an earlier undo of this batch wrote (found through the batch's own assets, by index).
  const [earlier] = await db.$queryRaw<Array<{ undone: bigint; remaining: bigint }>>`
    SELECT
      (SELECT count(*) FROM audit_events e JOIN audit_events u ON u.target_uuid = e.target_uuid AND u.id > e.id
        WHERE e.batch_uuid = ${batchUuid}::uuid AND u.after ->> 'undoOf' = ${batchUuid}) AS undone,
      (SELECT count(*) FROM assets a WHERE ${selectionSql({ kind: "unchanged-since", batchUuid }, actor.role)}) AS remaining`;
  const undone = Number(earlier?.undone ?? 0);
  // An undo that was cut off (a dropped connection, a timeout) can be run again: it resumes with
  // what is left. Only a complete one is refused.
  if (undone > 0 && Number(earlier?.remaining ?? 0) === 0)
    throw new KnownError("conflict", "This bulk change was already undone.");

  const total = await db.auditEvent.count({ where: { batchUuid, targetType: "asset" } });
  const report = await applyTransition(
    db,
    actor,
    inverse,
    { kind: "unchanged-since", batchUuid },
    { bulk: true, undoOf: batchUuid },
  );
  const accounted =
    undone + report.changed + report.alreadyDone + Object.values(report.skipped).reduce((sum, n) => sum + n, 0);
  return { ...report, undoOf: batchUuid, changedSince: total - accounted };
}

/** What the audit page shows of any undo: a bulk transition's, or one of the batches below. */
export type BatchUndoReport = Omit<UndoReport, "transition" | "changedUuids">;

interface OtherUndo {
  capability: Capability;
  undo: (db: Db, actor: ActingViewer, batchUuid: string) => Promise<BatchUndoReport>;
}

// Batches that are not a workflow transition, each undone by its own rules; keyed by the action of
// their audit rows (lib/audit/list-params.ts lists the same actions for the audit page's button).
const OTHER_UNDOS: Partial<Record<AuditAction, OtherUndo>> = {
  "asset.remapped": { capability: "sources.remap", undo: undoRemap },
  "catalog.replace_source": {
    capability: "catalog.edit",
    undo: async (db, actor, batchUuid) => {
      const result = await undoReplaceSource(db, actor, batchUuid);
      return {
        undoOf: batchUuid,
        batchUuid: result.batchUuid,
        changed: 1,
        alreadyDone: 0,
        skipped: {},
        changedSince: 0,
      };
    },
  },
};

/** How to undo a batch from the audit log: the capability it needs, and the undo. */
export async function batchUndo(
  db: Db,
  batchUuid: string,
): Promise<{ capability: Capability; undo: (actor: ActingViewer) => Promise<BatchUndoReport> }> {
  const other = await db.auditEvent.findFirst({
    where: { batchUuid, action: { in: Object.keys(OTHER_UNDOS) } },
    select: { action: true },
  });
  const special = other ? OTHER_UNDOS[other.action as AuditAction] : undefined;
  if (special) return { capability: special.capability, undo: (actor) => special.undo(db, actor, batchUuid) };
  const inverse = await batchTransition(db, batchUuid, "inverse");
  return { capability: RULES[inverse].capability, undo: (actor) => undoBatch(db, actor, batchUuid) };
}
