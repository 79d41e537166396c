"use client";

import { useState } from "react";
import { requestReprobeAction } from "@/app/(desk)/assets/probe/actions";
import { ProbeRunProgress, type ProbeRunState } from "@/components/assets/probe-run-progress";
import { SelectionRequest } from "@/components/assets/selection-request";
import type { SelectionInput } from "@/lib/assets/selection";

/** Bulk "Probe again" for the selection (a page's rows, or every asset of the filter), with the run's progress. */
export function ReprobeRequest({ selection }: { selection: SelectionInput | null }) {
  const [run, setRun] = useState<ProbeRunState | null>(null);
  return (
    <SelectionRequest
      label="Probe again"
      statusLabel="Probe again request"
      selection={selection}
      request={async (selection) => {
        const result = await requestReprobeAction({ selection });
        if (!result.ok) return result.message;
        setRun(result.run);
        return null;
      }}
    >
      {run ? <ProbeRunProgress key={run.uuid} run={run} /> : null}
    </SelectionRequest>
  );
}
