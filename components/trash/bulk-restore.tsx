"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { bulkTransitionAction, previewBulkAction } from "@/app/(desk)/assets/actions";
import { SkippedReasons } from "@/components/workflow/skipped-reasons";
import type { SelectionInput } from "@/lib/assets/selection";
import type { Preflight, TransitionReport } from "@/lib/assets/workflow";

/**
 * Restores from the trash everything matching the filter, or the rows selected on the page: the
 * pre-flight count (same rules as the change), a confirmation, then what changed and what was
 * skipped and why. Stays mounted while the restored rows leave the table, so the result stays too.
 */
export function BulkRestore({ filterQuery, matching, selected, onDone }: { filterQuery: string; matching: number; selected: string[]; onDone: () => void }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, startTransition] = useTransition();
  const [selection, setSelection] = useState<SelectionInput | null>(null);
  const [preflight, setPreflight] = useState<Preflight | null>(null);
  const [report, setReport] = useState<TransitionReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  function open(chosen: SelectionInput) {
    setSelection(chosen);
    setPreflight(null);
    setReport(null);
    setError(null);
    dialog.current?.showModal();
    startTransition(async () => {
      const result = await previewBulkAction({ transition: "restore", selection: chosen });
      if (result.ok) setPreflight(result.preflight);
      else setError(result.message);
    });
  }

  function confirm() {
    if (!selection) return;
    startTransition(async () => {
      const result = await bulkTransitionAction({ transition: "restore", selection });
      if (result.ok) {
        setReport(result.report);
        onDone();
        router.refresh();
      } else setError(result.message);
    });
  }

  const button = "rounded bg-slate-900 px-2 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50";
  return (
    <>
      <button type="button" disabled={matching === 0} onClick={() => open({ kind: "filter", query: filterQuery })} className={button}>
        Restore all matching…
      </button>
      {selected.length > 0 ? (
        <button type="button" onClick={() => open({ kind: "uuids", uuids: selected })} className={button}>
          Restore {selected.length} selected…
        </button>
      ) : null}
      <dialog ref={dialog} aria-label="Restore from the trash" className="w-[32rem] max-w-full rounded-lg p-0 backdrop:bg-slate-900/40">
        <div className="space-y-3 p-4 text-sm">
          <h2 className="text-base font-semibold">Restore from the trash</h2>
          {error ? <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-800">{error}</p> : null}
          {!preflight && !error ? <p role="status">Counting what this would restore…</p> : null}
          {preflight && !report ? (
            <div role="status" aria-label="Pre-flight summary">
              <p>
                <strong>{preflight.willChange.toLocaleString("en")}</strong> of {preflight.total.toLocaleString("en")} selected will be restored.
                {preflight.alreadyDone ? ` ${preflight.alreadyDone.toLocaleString("en")} are not deleted any more.` : ""}
              </p>
              <SkippedReasons skipped={preflight.skipped} />
            </div>
          ) : null}
          {report ? (
            <div role="status" aria-label="Result">
              <p>
                Restored <strong>{report.changed.toLocaleString("en")}</strong>.
                {report.alreadyDone ? ` ${report.alreadyDone.toLocaleString("en")} skipped: not deleted any more.` : ""}
              </p>
              <SkippedReasons skipped={report.skipped} />
            </div>
          ) : null}
          <div className="flex justify-end gap-2 pt-2">
            {preflight && !report ? (
              <button type="button" disabled={pending || preflight.willChange === 0} onClick={confirm} className="rounded bg-slate-900 px-3 py-1 text-white disabled:opacity-50">
                Confirm restore
              </button>
            ) : null}
            <button type="button" onClick={() => dialog.current?.close()} className="rounded border border-slate-300 px-3 py-1">
              Close
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
