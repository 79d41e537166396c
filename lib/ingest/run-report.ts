import "server-only";
import type { Db } from "@/lib/db";
import { KnownError } from "@/lib/errors";

/**
 * A running run that has not written for this long lost its worker (a crash, a killed process): six
 * missed heartbeats (every 5 s), so a worker slowed by a busy machine is not taken for dead, while the
 * source of a killed one can be scanned again within a minute (the other workers sweep every 10 s).
 */
export const STALE_AFTER_MS = 30_000;

/**
 * The transactions a worker runs to claim a run and to sweep lost ones. Prisma's default limits (2 s
 * to get a connection, 5 s for the transaction) failed claims on a machine whose cores the scans
 * keep busy, and a failed claim fails the run: these wait longer.
 */
export const CLAIM_TRANSACTION = { maxWait: 15_000, timeout: 30_000 };

/**
 * A queued run is given this long to get its job (the desk queues it right after creating it) or
 * to be claimed (the CLI claims it right after creating it); after that, a queued run without a job
 * that will run it is lost.
 */
export const QUEUED_GRACE_MS = 60_000;

export type RunItemOutcome = "new" | "changed" | "revoked" | "found" | "moved" | "missing" | "failed";

/** A new file with the bytes of several missing assets (or one of several such files): for a person to resolve. */
export interface PossibleMove {
  path: string;
  /** The asset now at the path: the one the scan created for the file, or the one it was resolved into. */
  assetUuid: string | null;
  /** The missing assets the file may be (deleted ones left out). */
  candidates: { uuid: string; uri: string }[];
  /** The candidate now at the path, once resolved. */
  resolvedInto: string | null;
}

/** A run as the desk, the CLI and integrations see it: uuids, counts, progress, and its errors. */
export interface RunSummary {
  uuid: string;
  source: { uuid: string | null; name: string; kind: string };
  status: "queued" | "running" | "succeeded" | "failed";
  /** Running, but its worker stopped writing: it will be marked failed by the next run. */
  stale: boolean;
  trigger: string;
  startedBy: string | null;
  /** The worker that ran it, "host:pid" (null while queued). */
  worker: string | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  total: number | null;
  done: number;
  filesPerSecond: number | null;
  counts: { new: number; changed: number; unchanged: number; missing: number; failed: number };
  error: string | null;
  /** The first failures, with their error (the run page lists them all). */
  errors: { path: string; error: string }[];
  possibleMoves: PossibleMove[];
}

export async function getRunSummary(db: Db, uuid: string, errorLimit = 20): Promise<RunSummary> {
  const run = await db.scanRun.findUnique({
    where: { uuid },
    include: {
      source: { select: { uuid: true } },
      items: {
        where: { outcome: "failed" },
        select: { path: true, error: true },
        orderBy: { id: "asc" },
        take: errorLimit,
      },
    },
  });
  if (!run) throw new KnownError("not_found", "No scan run has that id.");
  const end = run.finishedAt ?? new Date();
  const seconds = run.startedAt ? (end.getTime() - run.startedAt.getTime()) / 1000 : 0;
  return {
    uuid: run.uuid,
    source: { uuid: run.source?.uuid ?? null, name: run.sourceName, kind: run.kind },
    status: run.status,
    stale: run.status === "running" && (run.heartbeatAt?.getTime() ?? 0) < Date.now() - STALE_AFTER_MS,
    trigger: run.trigger,
    startedBy: run.startedByEmail,
    worker: run.worker,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    total: run.total,
    done: run.done,
    filesPerSecond: seconds > 0.5 ? Math.round((run.done / seconds) * 10) / 10 : null,
    counts: {
      new: run.newCount,
      changed: run.changedCount,
      unchanged: run.unchangedCount,
      missing: run.missingCount,
      failed: run.failedCount,
    },
    error: run.error,
    errors: run.items.map((item) => ({ path: item.path, error: item.error ?? "" })),
    possibleMoves: await listPossibleMoves(db, run.id),
  };
}

const POSSIBLE_MOVES_LIMIT = 500;

async function listPossibleMoves(db: Db, runId: number): Promise<PossibleMove[]> {
  const rows = await db.$queryRaw<{ path: string; uuid: string; uri: string; atPath: string | null }[]>`
    SELECT i.path, a.uuid::text AS uuid, a.uri, (SELECT n.uuid::text FROM assets n WHERE n.uri = i.path) AS "atPath"
    FROM scan_run_items i JOIN assets a ON a.id = i.asset_id
    WHERE i.run_id = ${runId} AND i.outcome = 'possible_move' AND NOT a.is_deleted
    ORDER BY i.path, a.uri LIMIT ${POSSIBLE_MOVES_LIMIT}`;
  const byPath = new Map<string, PossibleMove>();
  for (const row of rows) {
    const move = byPath.get(row.path) ?? { path: row.path, assetUuid: row.atPath, candidates: [], resolvedInto: null };
    move.candidates.push({ uuid: row.uuid, uri: row.uri });
    if (row.uuid === row.atPath) move.resolvedInto = row.uuid;
    byPath.set(row.path, move);
  }
  return [...byPath.values()];
}
