import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { QUEUED_GRACE_MS, STALE_AFTER_MS } from "@/lib/ingest/run-report";
import { jobTableExists, liveScanJob } from "@/lib/jobs/scan-jobs";

// A run that nothing will finish must not hold its source: at most one run of a source is queued or
// running, so a lost one would refuse every later scan and the source's removal for ever. Checked
// under the source row lock wherever that rule is enforced (createRun, claimRun, deleteSource).

export const LOST_RUNNING = "The worker running this scan stopped responding (crashed or was stopped).";
export const LOST_QUEUED =
  "Lost: no worker took this scan (the process that queued it stopped, or its job ended before starting it). Scan again.";

/** Marks the source's lost runs failed: running ones whose heartbeat stopped, queued ones no job will run. */
export async function failLostRuns(tx: Prisma.TransactionClient, sourceId: number, exceptRunId = 0): Promise<void> {
  const now = new Date();
  await tx.scanRun.updateMany({
    where: { sourceId, status: "running", heartbeatAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) } },
    data: { status: "failed", finishedAt: now, error: LOST_RUNNING },
  });
  // Without pg-boss's tables no job exists at all (only the CLI has run scans here).
  const noJob = (await jobTableExists(tx)) ? Prisma.sql`AND NOT ${liveScanJob}` : Prisma.empty;
  const lost = await tx.$queryRaw<{ id: number }[]>`
    SELECT r.id FROM scan_runs r
    WHERE r.source_id = ${sourceId} AND r.status = 'queued' AND r.id <> ${exceptRunId}
      AND r.queued_at < ${new Date(now.getTime() - QUEUED_GRACE_MS)} ${noJob}`;
  if (lost.length === 0) return;
  await tx.scanRun.updateMany({
    where: { id: { in: lost.map((run) => run.id) }, status: "queued" },
    data: { status: "failed", finishedAt: now, error: LOST_QUEUED },
  });
}
