"use client";

import { useState, useTransition } from "react";
import { requestReprobeAction } from "@/app/(desk)/assets/probe/actions";
import { ProbeRunProgress, type ProbeRunState } from "@/components/assets/probe-run-progress";
import type { SelectionInput } from "@/lib/assets/selection";

/** Bulk "Probe again" for the selection (a page's rows, or every asset of the filter), with the run's progress. */
export function ReprobeRequest({ selection }: { selection: SelectionInput | null }) {
  const [pending, startTransition] = useTransition();
  const [run, setRun] = useState<ProbeRunState | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  function request() {
    if (!selection) return;
    startTransition(async () => {
      const result = await requestReprobeAction({ selection });
      if (!result.ok) return setMessage(result.message);
      setMessage(null);
      setRun(result.run);
    });
  }

  return (
    <>
      <button
        type="button"
        disabled={!selection || pending}
        onClick={request}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
      >
        Probe again
      </button>
      {run ? <ProbeRunProgress key={run.uuid} run={run} /> : null}
      {message ? (
        <span role="alert" aria-label="Probe again">
          {message}
        </span>
      ) : null}
    </>
  );
}
