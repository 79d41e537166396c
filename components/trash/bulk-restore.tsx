"use client";

import { useRef } from "react";
import { SkippedReasons } from "@/components/workflow/skipped-reasons";
import { useBulkTransition } from "@/components/workflow/use-bulk-transition";
import type { SelectionInput } from "@/lib/assets/selection";

/**
 * Restores from the trash everything matching the filter, or the rows selected on the page: the
 * pre-flight count (same rules as the change), a confirmation, then what changed and what was
 * skipped and why. Stays mounted while the restored rows leave the table, so the result stays too.
 */
export function BulkRestore({
  filterQuery,
  matching,
  selected,
  onDone,
}: {
  filterQuery: string;
  matching: number;
  selected: string[];
  onDone: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { pending, preflight, report, error, preview, run } = useBulkTransition(onDone);

  function open(chosen: SelectionInput) {
    dialog.current?.showModal();
    preview("restore", chosen);
  }

  const button = "rounded bg-slate-900 px-2 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50";
  return (
    <>
      <button
        type="button"
        disabled={matching === 0}
        onClick={() => open({ kind: "filter", query: filterQuery })}
        className={button}
      >
        Restore all matching…
      </button>
      {selected.length > 0 ? (
        <button type="button" onClick={() => open({ kind: "uuids", uuids: selected })} className={button}>
          Restore {selected.length} selected…
        </button>
      ) : null}
      <dialog
        ref={dialog}
        aria-label="Restore from the trash"
        className="w-[32rem] max-w-full rounded-lg p-0 backdrop:bg-slate-900/40"
      >
        <div className="space-y-3 p-4 text-sm">
          <h2 className="text-base font-semibold">Restore from the trash</h2>
          {error ? (
            <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-800">
              {error}
            </p>
          ) : null}
          {!preflight && !error ? <p role="status">Counting what this would restore…</p> : null}
          {preflight && !report ? (
            <div role="status" aria-label="Pre-flight summary">
              <p>
                <strong>{preflight.willChange.toLocaleString("en")}</strong> of {preflight.total.toLocaleString("en")}{" "}
                selected will be restored.
                {preflight.alreadyDone
                  ? ` ${preflight.alreadyDone.toLocaleString("en")} are not deleted any more.`
                  : ""}
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
              <button
                type="button"
                disabled={pending || preflight.willChange === 0}
                onClick={() => run()}
                className="rounded bg-slate-900 px-3 py-1 text-white disabled:opacity-50"
              >
                Confirm restore
              </button>
            ) : null}
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded border border-slate-300 px-3 py-1"
            >
              Close
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
