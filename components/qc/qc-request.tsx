"use client";

import { useEffect, useState } from "react";
import { qcProgressAction, requestQcAction } from "@/app/(desk)/assets/actions";
import { SelectionRequest } from "@/components/assets/selection-request";
import type { SelectionInput } from "@/lib/assets/selection";
import type { QcProgress } from "@/lib/qc/jobs";

/** How often the request's progress is read while jobs are waiting or running. */
const POLL_MS = 3000;

/** Queues QC of the selection (editors and up) and follows the request until its jobs are done. */
export function QcRequest({ selection }: { selection: SelectionInput | null }) {
  const [requestUuid, setRequestUuid] = useState<string | null>(null);
  const [progress, setProgress] = useState<QcProgress | null>(null);

  useEffect(() => {
    if (!requestUuid) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const result = await qcProgressAction({ requestUuid });
      if (stopped || !result.ok) return;
      setProgress(result.progress);
      if (result.progress.waiting + result.progress.running === 0) clearInterval(timer);
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [requestUuid]);

  return (
    <SelectionRequest
      label="Run QC"
      statusLabel="QC request"
      selection={selection}
      request={async (selection) => {
        const result = await requestQcAction({ selection });
        if (!result.ok) return result.message;
        const { matched, queued } = result.report;
        setProgress(null);
        setRequestUuid(result.report.requestUuid);
        return (
          `QC queued for ${queued.toLocaleString("en")} of ${matched.toLocaleString("en")} selected` +
          (queued < matched ? " (the others have no probed video or sound)." : ".")
        );
      }}
    >
      {progress ? (
        <span role="status" aria-label="QC progress">
          Done {progress.done}, failed {progress.failed}, running {progress.running}, waiting {progress.waiting}.
        </span>
      ) : null}
    </SelectionRequest>
  );
}
