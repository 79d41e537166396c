import "server-only";
import type { Db } from "@/lib/db";
import { visibleAssets } from "@/lib/assets/scope";
import type { Viewer } from "@/lib/assets/visibility";
import { JOB_SCHEMA, QC_QUEUE, jobTableExists } from "@/lib/jobs/scan-jobs";
import { Prisma } from "@/lib/generated/prisma/client";
import type { QcEvent, QcVerdictValue } from "@/lib/qc/types";
import type { VerdictReason } from "@/lib/qc/verdict";

// An asset's QC as the detail page and the API show it: the stored result, whether it was measured
// on the asset's current file (a result of an earlier version vouches for nothing: the asset is
// "not checked"), and where its QC job is, if one is waiting or running.

export interface QcView {
  /** The verdict for the current file; null: not checked. */
  verdict: QcVerdictValue | null;
  /** Whether the stored result was measured on the current file. */
  current: boolean;
  job: "waiting" | "running" | null;
  result: {
    measuredAt: Date;
    profile: { uuid: string; name: string };
    verdict: QcVerdictValue | null;
    reasons: VerdictReason[];
    integratedLufs: number | null;
    loudnessRangeLu: number | null;
    truePeakDbtp: number | null;
    events: QcEvent[];
    error: string | null;
  } | null;
}

/** Null when the viewer may not see the asset (unknown, or deleted below trash.manage). */
export async function findQcView(db: Db, uuid: string, viewer: Viewer): Promise<QcView | null> {
  const asset = await db.asset.findFirst({
    where: { uuid, ...visibleAssets(viewer) },
    select: {
      size: true,
      hashSha256: true,
      qcResult: {
        select: {
          measuredAt: true,
          hashSha256: true,
          size: true,
          verdict: true,
          reasons: true,
          integratedLufs: true,
          loudnessRangeLu: true,
          truePeakDbtp: true,
          events: true,
          error: true,
          profile: { select: { uuid: true, name: true } },
        },
      },
    },
  });
  if (!asset) return null;
  // pg-boss makes its tables when the queue first opens: before that no job can exist.
  const [job] = !(await jobTableExists(db))
    ? []
    : await db.$queryRaw<{ state: string }[]>`
    SELECT j.state::text AS state FROM ${Prisma.raw(`${JOB_SCHEMA}.job`)} j
    WHERE j.name = ${QC_QUEUE} AND j.singleton_key = ${uuid} AND j.state IN ('created', 'retry', 'active')
    ORDER BY j.state = 'active' DESC LIMIT 1`;
  const stored = asset.qcResult;
  const current = stored !== null && stored.size === asset.size && stored.hashSha256 === asset.hashSha256;
  return {
    // From the result itself, not the asset's column: Prisma reads the relation in a second query,
    // so a QC committed between the two would pair a new result with the old column.
    verdict: current ? stored.verdict : null,
    current,
    job: job ? (job.state === "active" ? "running" : "waiting") : null,
    result: stored
      ? {
          measuredAt: stored.measuredAt,
          profile: stored.profile,
          verdict: stored.verdict,
          reasons: stored.reasons as unknown as VerdictReason[],
          integratedLufs: stored.integratedLufs,
          loudnessRangeLu: stored.loudnessRangeLu,
          truePeakDbtp: stored.truePeakDbtp,
          events: stored.events as unknown as QcEvent[],
          error: stored.error,
        }
      : null,
  };
}
