/** The counters a run keeps, under the names the tables and the dashboard show. */
export interface RunCountFields {
  newCount: number;
  changedCount: number;
  missingCount: number;
  failedCount: number;
}

/** "3 new · 0 changed · 0 missing · 1 failed", failures in red when there are any. */
export function RunCounts({ run }: { run: RunCountFields }) {
  return (
    <span className="whitespace-nowrap tabular-nums">
      {run.newCount} new · {run.changedCount} changed · {run.missingCount} missing ·{" "}
      <span className={run.failedCount > 0 ? "text-red-700" : undefined}>{run.failedCount} failed</span>
    </span>
  );
}
