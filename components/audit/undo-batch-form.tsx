"use client";

import { useTransition } from "react";
import { undoBatchAction } from "@/app/(desk)/assets/actions";
import { SkippedReasons } from "@/components/workflow/skipped-reasons";
import type { BatchUndoReport } from "@/lib/assets/undo";

export type UndoOutcome = { ok: true; report: BatchUndoReport } | { ok: false; message: string };

/**
 * Reverts a bulk approve, promote or delete (or a catalog source replacement) and says what it did with every asset of the batch.
 * The outcome lives in the table (every row of the batch shows it, and a re-render of the cells
 * after the page refreshes does not lose it).
 */
export function UndoBatchForm({
  batchUuid,
  outcome,
  onOutcome,
}: {
  batchUuid: string;
  outcome: UndoOutcome | undefined;
  onOutcome: (batchUuid: string, outcome: UndoOutcome) => void;
}) {
  const [pending, startTransition] = useTransition();

  function undo(formData: FormData) {
    startTransition(async () => {
      const result = await undoBatchAction(null, formData);
      onOutcome(batchUuid, result.ok ? { ok: true, report: result.report } : { ok: false, message: result.message });
    });
  }

  return (
    <form action={undo} className="mt-1">
      <input type="hidden" name="batchUuid" value={batchUuid} />
      <button
        type="submit"
        disabled={pending || outcome?.ok}
        className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-60"
      >
        Undo batch
      </button>
      {outcome && !outcome.ok ? (
        <p role="alert" className="text-xs text-red-700">
          {outcome.message}
        </p>
      ) : null}
      {outcome?.ok ? (
        <div role="status" aria-label="Undo result" className="mt-1 text-xs text-slate-700">
          <p>
            {outcome.report.changed.toLocaleString("en")} reverted; {outcome.report.changedSince.toLocaleString("en")}{" "}
            changed since and left as they are
            {outcome.report.alreadyDone ? `; ${outcome.report.alreadyDone.toLocaleString("en")} already back` : ""}.
          </p>
          <SkippedReasons skipped={outcome.report.skipped} />
        </div>
      ) : null}
    </form>
  );
}
