"use client";

import { useEffect, useState } from "react";

// A probe run's progress (bulk "probe again", the backfill), read from GET /api/v1/probe-runs/{uuid}
// every two seconds until the run has ended.

export interface ProbeRunState {
  uuid: string;
  kind: "reprobe" | "backfill";
  status: "queued" | "running" | "succeeded" | "failed";
  total: number;
  done: number;
  failed: number;
}

const LABEL = { reprobe: "Probe again", backfill: "Full-probe backfill" };

export function ProbeRunProgress({ run: initial }: { run: ProbeRunState }) {
  const [run, setRun] = useState(initial);
  useEffect(() => {
    if (run.status === "succeeded" || run.status === "failed") return;
    const timer = setTimeout(async () => {
      const response = await fetch(`/api/v1/probe-runs/${run.uuid}`, { cache: "no-store" }).catch(() => null);
      if (response?.ok) setRun(await response.json());
      else setRun({ ...run });
    }, 2_000);
    return () => clearTimeout(timer);
  }, [run]);
  const n = (value: number) => value.toLocaleString("en");
  return (
    <span role="status" aria-label={`${LABEL[run.kind]} progress`} className="inline-flex items-center gap-2">
      <progress max={Math.max(run.total, 1)} value={run.done} aria-label={`${LABEL[run.kind]}: assets done`} />
      {LABEL[run.kind]}: {run.status}, {n(run.done)} / {n(run.total)}
      {run.failed ? ` (${n(run.failed)} not read)` : ""}
    </span>
  );
}
