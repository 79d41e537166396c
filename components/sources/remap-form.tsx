"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { undoBatchAction } from "@/app/(desk)/assets/actions";
import { applyRemapAction, previewRemapAction } from "@/app/(desk)/sources/remap/actions";
import { FieldError, FormStatus } from "@/components/ui/form-status";
import type { ActionResult } from "@/lib/action-result";
import type { BatchUndoReport } from "@/lib/assets/undo";
import type { RemapPlan, RemapResult } from "@/lib/ingest/remap";

const input = "w-full rounded border border-slate-300 px-2 py-1 font-mono text-sm";
const button = "rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60";

function Plan({ plan }: { plan: RemapPlan }) {
  return (
    <section aria-label="Pre-flight" className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3 text-sm">
      <p>
        {plan.assets.toLocaleString("en")} asset{plan.assets === 1 ? "" : "s"} under <code>{plan.from}</code>;{" "}
        {plan.conflicts.toLocaleString("en")} conflict{plan.conflicts === 1 ? "" : "s"} (skipped).
      </p>
      {plan.examples.length > 0 ? (
        <ul aria-label="Examples" className="space-y-1 font-mono text-xs break-all">
          {plan.examples.map((example) => (
            <li key={example.uuid}>
              {example.from} → {example.to}
            </li>
          ))}
        </ul>
      ) : null}
      {plan.conflictExamples.length > 0 ? (
        <ul aria-label="Conflicts" className="space-y-1 font-mono text-xs break-all text-amber-900">
          {plan.conflictExamples.map((example) => (
            <li key={example.uuid}>
              {example.from} → {example.to}: taken by{" "}
              <Link href={`/assets/${example.takenBy}`} className="underline">
                another asset
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {plan.folders ? (
        <p>
          The source&apos;s folders become: <code className="break-all">{plan.folders.after.join(", ")}</code>
        </p>
      ) : null}
    </section>
  );
}

function Undo({ batchUuid }: { batchUuid: string }) {
  const [state, action, pending] = useActionState(
    (previous: ActionResult<{ report: BatchUndoReport }> | null, formData: FormData) =>
      undoBatchAction(previous, formData),
    null,
  );
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="batchUuid" value={batchUuid} />
      <button type="submit" disabled={pending || state?.ok} className={button}>
        Undo re-map
      </button>
      <FormStatus
        state={state}
        success={
          state?.ok
            ? `Undone: ${state.report.changed.toLocaleString("en")} back; ${state.report.changedSince.toLocaleString("en")} changed since and left as they are${state.report.skipped.path_taken ? `; ${state.report.skipped.path_taken} whose old path another asset took` : ""}.`
            : undefined
        }
      />
    </form>
  );
}

/** FROM and TO, "Preview" for the pre-flight, then "Re-map N assets"; the result offers its undo. */
export function RemapForm({ sourceUuid }: { sourceUuid: string }) {
  const [fields, setFields] = useState({ from: "", to: "" });
  const [preview, previewAction, previewing] = useActionState(
    (previous: ActionResult<{ plan: RemapPlan }> | null, formData: FormData) => previewRemapAction(previous, formData),
    null,
  );
  const [applied, applyAction, applying] = useActionState(
    (previous: ActionResult<{ result: RemapResult }> | null, formData: FormData) =>
      applyRemapAction(previous, formData),
    null,
  );
  // The pre-flight holds for the fields it was made from; editing them asks for a new one.
  const plan = preview?.ok && preview.plan.from === fields.from.trim().replace(/\/+$/, "") ? preview.plan : null;
  const current = plan && plan.to === fields.to.trim().replace(/\/+$/, "") ? plan : null;
  const state = applied ?? preview;
  return (
    <div className="space-y-3">
      <form aria-label="Re-map paths" className="space-y-3" action={previewAction}>
        <input type="hidden" name="sourceUuid" value={sourceUuid} />
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor="remap-from" className="block text-sm font-medium">
              From (old folder)
            </label>
            <input
              id="remap-from"
              name="from"
              className={input}
              value={fields.from}
              onChange={(event) => setFields({ ...fields, from: event.target.value })}
            />
            <FieldError state={state} name="from" />
          </div>
          <div>
            <label htmlFor="remap-to" className="block text-sm font-medium">
              To (new folder)
            </label>
            <input
              id="remap-to"
              name="to"
              className={input}
              value={fields.to}
              onChange={(event) => setFields({ ...fields, to: event.target.value })}
            />
            <FieldError state={state} name="to" />
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={previewing} className={button}>
            Preview
          </button>
          {current ? (
            <button
              type="submit"
              formAction={applyAction}
              disabled={applying || (applied?.ok ?? false)}
              className="rounded bg-sky-800 px-3 py-1 text-sm font-medium text-white hover:bg-sky-700 disabled:opacity-60"
            >
              Re-map {(current.assets - current.conflicts).toLocaleString("en")} assets
            </button>
          ) : null}
        </div>
        {current && !applied?.ok ? <Plan plan={current} /> : null}
        {preview && !preview.ok && !applied ? <FormStatus state={preview} /> : null}
        {applied && !applied.ok ? <FormStatus state={applied} /> : null}
      </form>
      {applied?.ok ? (
        <div role="status" aria-label="Re-map result" className="space-y-2 text-sm">
          <p>
            Re-mapped {applied.result.remapped.toLocaleString("en")} assets;{" "}
            {applied.result.skipped.toLocaleString("en")} skipped (path taken).
          </p>
          {applied.result.batchUuid ? (
            <>
              <Link href={`/audit?batch=${applied.result.batchUuid}`} className="text-sky-800 hover:underline">
                Show this batch in the audit log
              </Link>
              <Undo batchUuid={applied.result.batchUuid} />
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
