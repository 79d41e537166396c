"use client";

import { useActionState } from "react";
import { startBackfillAction } from "@/app/(desk)/assets/probe/actions";
import { FormStatus } from "@/components/ui/form-status";

/** Starts the full-probe backfill, or resumes the one that has not finished. */
export function BackfillStart() {
  const [state, action, pending] = useActionState(startBackfillAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50 disabled:opacity-50"
      >
        Run the backfill
      </button>
      <FormStatus state={state} success={state?.ok && state.run.resumed ? "Resumed." : "Started."} />
    </form>
  );
}
