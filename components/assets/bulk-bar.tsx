"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { undoBatchAction } from "@/app/(desk)/assets/actions";
import type { SelectionInput } from "@/lib/assets/selection";
import { BulkDialog, useBulkDialog } from "@/components/workflow/bulk-dialog";
import { QcOverrideField, QcPreflightLine } from "@/components/qc/qc-approval";
import type { BulkTransition } from "@/lib/assets/transitions";
import type { BatchUndoReport } from "@/lib/assets/undo";

const VERB: Record<BulkTransition, { button: string; done: string; already: string }> = {
  approve: { button: "Approve…", done: "approved", already: "already approved" },
  promote: { button: "Promote…", done: "promoted to the catalog", already: "already in the catalog" },
  delete: { button: "Delete…", done: "deleted", already: "already deleted" },
};

/**
 * Bulk approve, promote and delete of the selection: a pre-flight summary from the same rules,
 * a confirmation, the report, and an undo of the whole batch.
 */
export function BulkBar({
  selection,
  transitions,
}: {
  selection: SelectionInput | null;
  transitions: BulkTransition[];
}) {
  const router = useRouter();
  const bulk = useBulkDialog();
  const { pending, transition, report, setError, run, startTransition } = bulk;
  const chosen = transition as BulkTransition | null;
  const [undo, setUndo] = useState<BatchUndoReport | null>(null);
  const [tags, setTags] = useState("");
  const [reason, setReason] = useState("");
  const [qcOverride, setQcOverride] = useState("");

  if (transitions.length === 0) return null;

  function open(chosenTransition: BulkTransition) {
    if (!selection) return;
    setUndo(null);
    bulk.open(chosenTransition, selection);
  }

  function confirm() {
    run({
      // The text as typed: the action reads it with tagsFieldSchema (lib/assets/tags.ts).
      ...(chosen === "promote" ? { tags } : {}),
      ...(chosen === "delete" ? { reason } : {}),
      ...(chosen === "approve" && qcOverride.trim() ? { qcOverride } : {}),
    });
  }

  function undoBatch(batchUuid: string) {
    const form = new FormData();
    form.set("batchUuid", batchUuid);
    startTransition(async () => {
      const result = await undoBatchAction(null, form);
      if (result.ok) {
        setUndo(result.report);
        router.refresh();
      } else setError(result.message);
    });
  }

  const verb = chosen ? VERB[chosen] : null;
  return (
    <>
      <div className="flex gap-2">
        {transitions.map((transition) => (
          <button
            key={transition}
            type="button"
            disabled={!selection}
            onClick={() => open(transition)}
            className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
          >
            {VERB[transition].button}
          </button>
        ))}
      </div>
      <BulkDialog
        bulk={bulk}
        label={verb ? `Bulk ${chosen}` : "Bulk change"}
        title={<span className="capitalize">{chosen ? `${chosen} the selection` : ""}</span>}
        checking="Checking what this would change…"
        summary={(preflight) => (
          <>
            <strong>{preflight.willChange.toLocaleString("en")}</strong> of {preflight.total.toLocaleString("en")}{" "}
            selected will be {verb?.done}.
            {preflight.alreadyDone ? ` ${preflight.alreadyDone.toLocaleString("en")} ${verb?.already}.` : ""}
            {preflight.qc ? <QcPreflightLine qc={preflight.qc} /> : null}
          </>
        )}
        canConfirm={
          bulk.preflight
            ? bulk.preflight.willChange > 0 || (Boolean(bulk.preflight.qc?.failed) && qcOverride.trim() !== "")
            : false
        }
        fields={
          chosen === "promote" ? (
            <label className="block">
              Catalog tags (comma-separated)
              <input
                value={tags}
                onChange={(event) => setTags(event.target.value)}
                className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
              />
            </label>
          ) : chosen === "delete" ? (
            <label className="block">
              Reason (optional)
              <input
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                maxLength={500}
                className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
              />
            </label>
          ) : chosen === "approve" && bulk.preflight?.qc?.failed ? (
            <QcOverrideField value={qcOverride} onChange={setQcOverride} />
          ) : null
        }
        confirm={chosen ? `Confirm ${chosen}` : "Confirm"}
        onConfirm={confirm}
        result={(report) => (
          <>
            Done: <strong>{report.changed.toLocaleString("en")}</strong> {verb?.done}.
            {report.alreadyDone ? ` ${report.alreadyDone.toLocaleString("en")} ${verb?.already}.` : ""}
          </>
        )}
        after={
          undo ? (
            <p role="status" aria-label="Undo result">
              Undone: {undo.changed.toLocaleString("en")} reverted.
              {undo.changedSince
                ? ` ${undo.changedSince.toLocaleString("en")} changed since and left as they are.`
                : ""}
            </p>
          ) : null
        }
        actions={
          report?.batchUuid && report.changed > 0 && !undo ? (
            <button
              type="button"
              disabled={pending}
              onClick={() => undoBatch(report.batchUuid!)}
              className="rounded border border-slate-300 px-3 py-1"
            >
              Undo
            </button>
          ) : null
        }
      />
    </>
  );
}
