"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { RunSummary } from "@/lib/ingest/run-report";

const POLL_MS = 1000;

/** Still worth asking about: queued or running, with a worker that is alive. */
const following = (run: RunSummary) => (run.status === "queued" || run.status === "running") && !run.stale;

/**
 * A run's progress, polled every second while it goes. The page is refreshed when the run starts
 * and when it ends, so the server renders its status, times and, at the end, its report.
 */
export function RunProgress({ initial }: { initial: RunSummary }) {
  const router = useRouter();
  // What polling learned since the server rendered `initial`; a refresh hands down a newer snapshot.
  const [polled, setPolled] = useState<{ basis: RunSummary; run: RunSummary; unreachable: boolean } | null>(null);
  const current = polled?.basis === initial ? polled : null;
  const run = current?.run ?? initial;

  useEffect(() => {
    if (!following(initial)) return;
    let stopped = false;
    let refreshed = false;
    let timer: ReturnType<typeof setTimeout>;
    async function poll() {
      try {
        const response = await fetch(`/api/v1/scan-runs/${initial.uuid}`, { cache: "no-store" });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const next = (await response.json()) as RunSummary;
        if (stopped) return;
        setPolled({ basis: initial, run: next, unreachable: false });
        // The server-rendered parts (status, times, and at the end the report) follow each change of state.
        if (!refreshed && (next.status !== initial.status || next.stale !== initial.stale)) {
          refreshed = true;
          router.refresh();
        }
        if (!following(next)) return;
      } catch {
        if (stopped) return;
        setPolled((previous) => ({
          basis: initial,
          run: previous?.basis === initial ? previous.run : initial,
          unreachable: true,
        }));
      }
      timer = setTimeout(poll, POLL_MS);
    }
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [initial, router]);

  const percent = run.total
    ? Math.min(100, Math.round((run.done / run.total) * 100))
    : run.status === "succeeded"
      ? 100
      : 0;
  return (
    <section aria-label="Progress" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      {run.stale ? (
        <p role="alert" className="text-sm font-medium text-amber-800">
          The worker running this scan stopped responding (it crashed or was stopped). The next scan of this source
          marks it failed.
        </p>
      ) : null}
      {run.status === "queued" ? (
        <p className="text-sm text-slate-600">Queued: waiting for a worker to start it…</p>
      ) : null}
      {run.status === "running" && run.total === null && !run.stale ? (
        <p className="text-sm text-slate-600">Looking for files…</p>
      ) : null}
      <div
        role="progressbar"
        aria-label="Files scanned"
        aria-valuemin={0}
        aria-valuemax={run.total ?? undefined}
        aria-valuenow={run.total === null ? undefined : run.done}
        className="h-3 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full ${run.status === "failed" ? "bg-red-500" : "bg-sky-600"} transition-all`}
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="flex flex-wrap gap-x-4 text-sm tabular-nums">
        <span>
          {run.done.toLocaleString("en")} / {run.total === null ? "?" : run.total.toLocaleString("en")} files
        </span>
        <span>{run.filesPerSecond === null ? "—" : run.filesPerSecond.toLocaleString("en")} files/s</span>
        {current?.unreachable ? <span className="text-amber-800">Could not reach the server; retrying…</span> : null}
      </p>
      <dl aria-label="Counts" className="grid grid-cols-5 gap-2 text-center text-sm">
        {(["new", "changed", "unchanged", "missing", "failed"] as const).map((key) => (
          <div key={key} className="rounded bg-slate-50 px-2 py-1">
            <dt className="text-xs capitalize text-slate-600">{key}</dt>
            <dd
              className={`text-lg font-semibold tabular-nums ${key === "failed" && run.counts.failed > 0 ? "text-red-700" : ""}`}
            >
              {run.counts[key].toLocaleString("en")}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
