import "server-only";
import { BackfillStart } from "@/components/dashboard/backfill-start";
import { ProbeRunProgress } from "@/components/assets/probe-run-progress";
import { countBackfillLeft, latestProbeRun } from "@/lib/assets/probe-runs";
import type { Viewer } from "@/lib/assets/visibility";
import { can } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";

/** The dashboard's line on the full-probe backfill: how many assets still lack it, the last run, and its start. */
export async function BackfillPanel({ db, viewer }: { db: Db; viewer: Viewer }) {
  const [left, run] = await Promise.all([countBackfillLeft(db), latestProbeRun(db, "backfill")]);
  if (left === 0 && !run) return null;
  return (
    <section
      aria-label="Full probe"
      className="mb-6 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
    >
      <span>
        {left.toLocaleString("en")} asset{left === 1 ? "" : "s"} recorded before the full probe (streams not read yet).
      </span>
      {run ? <ProbeRunProgress key={run.uuid} run={run} /> : null}
      {left > 0 && viewer !== "server" && can(viewer, "assets.reprobe") ? <BackfillStart /> : null}
    </section>
  );
}
