"use client";

import { useActionState } from "react";
import { runQcAction } from "@/app/(desk)/assets/actions";
import { FormStatus } from "@/components/ui/form-status";

/** Queues QC of the asset's current file; the page shows the job, then the result. */
export function RunQcButton({ uuid }: { uuid: string }) {
  const [state, action, pending] = useActionState(runQcAction, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="uuid" value={uuid} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60"
      >
        Run QC
      </button>
      <FormStatus state={state} success="QC queued; reload to see the result." />
    </form>
  );
}
