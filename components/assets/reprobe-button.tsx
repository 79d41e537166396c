"use client";

import { useActionState } from "react";
import { reprobeAssetAction } from "@/app/(desk)/assets/probe/actions";
import { FormStatus } from "@/components/ui/form-status";

// "Probe again" on the detail page: reads the file now, even when a rescan would skip it.

const OUTCOMES: Record<string, string> = {
  changed: "Read again: what the desk records changed.",
  revoked: "Read again: the file's bytes changed, so its approval was revoked.",
  unchanged: "Read again: nothing changed.",
  failed: "Read again: ffprobe still cannot read the file.",
};

export function ReprobeButton({ uuid }: { uuid: string }) {
  const [state, action, pending] = useActionState(reprobeAssetAction, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="uuid" value={uuid} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
      >
        {pending ? "Probing…" : "Probe again"}
      </button>
      <FormStatus state={state} success={state?.ok ? (OUTCOMES[state.report.outcome] ?? "Done.") : "Done."} />
    </form>
  );
}
