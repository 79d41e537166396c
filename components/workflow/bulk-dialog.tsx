"use client";

import { useRef } from "react";
import { SkippedReasons } from "@/components/workflow/skipped-reasons";
import { useBulkTransition } from "@/components/workflow/use-bulk-transition";

/** `useBulkTransition` with the dialog it runs in: `open` shows the dialog and asks for the pre-flight. */
export function useBulkDialog(onChanged?: () => void) {
  const dialog = useRef<HTMLDialogElement>(null);
  const bulk = useBulkTransition(onChanged);
  const open: typeof bulk.preview = (transition, selection) => {
    dialog.current?.showModal();
    bulk.preview(transition, selection);
  };
  return { ...bulk, dialog, open };
}

type BulkDialogState = ReturnType<typeof useBulkDialog>;

/**
 * The steps of a bulk change, as every table shows them: the pre-flight summary (same rules as
 * the change) with any fields the change takes, a confirmation, then what changed and what was
 * skipped and why — or the message of whatever refused it.
 */
export function BulkDialog({
  bulk,
  label,
  title,
  checking,
  summary,
  fields,
  confirm,
  canConfirm,
  onConfirm,
  result,
  after,
  actions,
}: {
  bulk: BulkDialogState;
  /** The dialog's accessible name. */
  label: string;
  title: React.ReactNode;
  /** Shown while the pre-flight is counting. */
  checking: string;
  /** The pre-flight's sentence: how many will change. */
  summary: (preflight: NonNullable<BulkDialogState["preflight"]>) => React.ReactNode;
  /** Inputs the change takes, shown with the pre-flight. */
  fields?: React.ReactNode;
  /** The confirm button's text. */
  confirm: string;
  /** Whether the change would do anything (default: the pre-flight found something to change). */
  canConfirm?: boolean;
  onConfirm: () => void;
  /** The report's sentence: how many changed. */
  result: (report: NonNullable<BulkDialogState["report"]>) => React.ReactNode;
  /** Shown under the report. */
  after?: React.ReactNode;
  /** More buttons before Close. */
  actions?: React.ReactNode;
}) {
  const { dialog, pending, preflight, report, error } = bulk;
  return (
    <dialog ref={dialog} aria-label={label} className="w-[32rem] max-w-full rounded-lg p-0 backdrop:bg-slate-900/40">
      <div className="space-y-3 p-4 text-sm">
        <h2 className="text-base font-semibold">{title}</h2>
        {error ? (
          <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-800">
            {error}
          </p>
        ) : null}
        {!preflight && !error ? <p role="status">{checking}</p> : null}
        {preflight && !report ? (
          <>
            <div role="status" aria-label="Pre-flight summary">
              <p>{summary(preflight)}</p>
              <SkippedReasons skipped={preflight.skipped} />
            </div>
            {fields}
          </>
        ) : null}
        {report ? (
          <div role="status" aria-label="Result">
            <p>{result(report)}</p>
            <SkippedReasons skipped={report.skipped} />
          </div>
        ) : null}
        {after}
        <div className="flex justify-end gap-2 pt-2">
          {preflight && !report ? (
            <button
              type="button"
              disabled={pending || !(canConfirm ?? preflight.willChange > 0)}
              onClick={onConfirm}
              className="rounded bg-slate-900 px-3 py-1 text-white disabled:opacity-50"
            >
              {confirm}
            </button>
          ) : null}
          {actions}
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
  );
}
