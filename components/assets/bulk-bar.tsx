"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { undoBatchAction } from "@/app/(desk)/assets/actions";
import type { SelectionInput } from "@/lib/assets/selection";
import type { BulkTransition } from "@/lib/assets/transitions";
import { SkippedReasons } from "@/components/workflow/skipped-reasons";
import { useBulkTransition } from "@/components/workflow/use-bulk-transition";
import type { UndoReport } from "@/lib/assets/undo";

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
  const dialog = useRef<HTMLDialogElement>(null);
  const { pending, transition, preflight, report, error, setError, preview, run, startTransition } =
    useBulkTransition();
  const chosen = transition as BulkTransition | null;
  const [undo, setUndo] = useState<UndoReport | null>(null);
  const [tags, setTags] = useState("");
  const [reason, setReason] = useState("");

  if (transitions.length === 0) return null;

  function open(chosenTransition: BulkTransition) {
    if (!selection) return;
    setUndo(null);
    dialog.current?.showModal();
    preview(chosenTransition, selection);
  }

  function confirm() {
    run({
      ...(chosen === "promote"
        ? {
            tags: tags
              .split(",")
              .map((tag) => tag.trim())
              .filter(Boolean),
          }
        : {}),
      ...(chosen === "delete" ? { reason } : {}),
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
      <dialog
        ref={dialog}
        aria-label={verb ? `Bulk ${chosen}` : "Bulk change"}
        className="w-[32rem] max-w-full rounded-lg p-0 backdrop:bg-slate-900/40"
      >
        <div className="space-y-3 p-4 text-sm">
          <h2 className="text-base font-semibold capitalize">{chosen ? `${chosen} the selection` : ""}</h2>
          {error ? (
            <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-800">
              {error}
            </p>
          ) : null}
          {!preflight && !error ? <p role="status">Checking what this would change…</p> : null}
          {preflight && !report && verb ? (
            <div role="status" aria-label="Pre-flight summary">
              <p>
                <strong>{preflight.willChange.toLocaleString("en")}</strong> of {preflight.total.toLocaleString("en")}{" "}
                selected will be {verb.done}.
                {preflight.alreadyDone ? ` ${preflight.alreadyDone.toLocaleString("en")} ${verb.already}.` : ""}
              </p>
              <SkippedReasons skipped={preflight.skipped} />
            </div>
          ) : null}
          {preflight && !report && chosen === "promote" ? (
            <label className="block">
              Catalog tags (comma-separated)
              <input
                value={tags}
                onChange={(event) => setTags(event.target.value)}
                className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
              />
            </label>
          ) : null}
          {preflight && !report && chosen === "delete" ? (
            <label className="block">
              Reason (optional)
              <input
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                maxLength={500}
                className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
              />
            </label>
          ) : null}
          {report && verb ? (
            <div role="status" aria-label="Result">
              <p>
                Done: <strong>{report.changed.toLocaleString("en")}</strong> {verb.done}.
                {report.alreadyDone ? ` ${report.alreadyDone.toLocaleString("en")} ${verb.already}.` : ""}
              </p>
              <SkippedReasons skipped={report.skipped} />
            </div>
          ) : null}
          {undo ? (
            <p role="status" aria-label="Undo result">
              Undone: {undo.changed.toLocaleString("en")} reverted.
              {undo.changedSince
                ? ` ${undo.changedSince.toLocaleString("en")} changed since and left as they are.`
                : ""}
            </p>
          ) : null}
          <div className="flex justify-end gap-2 pt-2">
            {preflight && !report ? (
              <button
                type="button"
                disabled={pending || preflight.willChange === 0}
                onClick={confirm}
                className="rounded bg-slate-900 px-3 py-1 text-white disabled:opacity-50"
              >
                {chosen ? `Confirm ${chosen}` : "Confirm"}
              </button>
            ) : null}
            {report?.batchUuid && report.changed > 0 && !undo ? (
              <button
                type="button"
                disabled={pending}
                onClick={() => undoBatch(report.batchUuid!)}
                className="rounded border border-slate-300 px-3 py-1"
              >
                Undo
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
