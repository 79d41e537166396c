import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { toSelection, type SelectionInput } from "@/lib/assets/selection";
import { reprobeFile } from "@/lib/assets/reprobe";
import { liveAssetSql, visibleAssetSql } from "@/lib/assets/scope";
import type { ActingViewer } from "@/lib/assets/visibility";
import { selectionSql } from "@/lib/assets/workflow";
import { writeAudit } from "@/lib/audit/write";
import { KnownError } from "@/lib/errors";
import { eachLimited, statLocal } from "@/lib/ingest/local-file";
import { fileTime } from "@/lib/ingest/plan";
import { probeFile } from "@/lib/ingest/probe";
import { writeFullProbes } from "@/lib/ingest/probe-columns";
import type { FullProbe } from "@/lib/ingest/full-probe";
import { READ_CONCURRENCY } from "@/lib/ingest/run-progress";
import { jobs } from "@/lib/jobs/boss";
import { PROBE_QUEUE } from "@/lib/jobs/scan-jobs";
import { log } from "@/lib/log";

// Probe runs: a bulk "probe again" over a selection, or the backfill that gives every asset recorded
// before the full probe existed its streams. One job per run on the probe queue works through the
// assets in id order, a batch at a time; the run row keeps the counts (the progress shown) and the
// last id done, so a run whose worker stopped goes on from there when its job is retried or the
// backfill is asked for again.

const BATCH = 25;

export interface ProbeRunView {
  uuid: string;
  kind: "reprobe" | "backfill";
  status: "queued" | "running" | "succeeded" | "failed";
  total: number;
  done: number;
  failed: number;
  queuedAt: Date;
  finishedAt: Date | null;
}

const VIEW = {
  uuid: true,
  kind: true,
  status: true,
  total: true,
  done: true,
  failed: true,
  queuedAt: true,
  finishedAt: true,
} as const;

/** The assets the backfill still has to read: live, recorded by a probe that worked, without the full probe. */
const needsBackfillSql = Prisma.sql`${liveAssetSql} AND a.probe IS NULL AND a.probe_error IS NULL AND a.file_mtime IS NOT NULL`;

async function queueRun(db: Db, uuid: string): Promise<void> {
  const jobId = await (await jobs()).send(PROBE_QUEUE, { runUuid: uuid });
  if (!jobId) {
    await db.probeRun.update({
      where: { uuid },
      data: { status: "failed", error: "The job queue did not take the run." },
    });
    throw new KnownError("conflict", "The job queue did not take the run; try again.");
  }
}

/** How a run is worked: by the job queue (the desk, the API), or by the caller itself (the CLI, the benchmark). */
export type RunBy = "queue" | "caller";

/** Queues "probe again" for every asset of the selection the actor may reach; one audit row for the request. */
export async function requestReprobe(
  db: Db,
  actor: ActingViewer,
  input: SelectionInput,
  by: RunBy = "queue",
): Promise<ProbeRunView> {
  const where = selectionSql(toSelection(input), actor.role);
  const selection = input.kind === "filter" ? input : { kind: "uuids", count: input.uuids.length };
  const run = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: number }[]>`SELECT a.id FROM assets a WHERE ${where} ORDER BY a.id`;
    if (rows.length === 0) throw new KnownError("invalid", "The selection matches no asset.");
    const created = await tx.probeRun.create({
      data: {
        kind: "reprobe",
        assetIds: rows.map((row) => row.id),
        total: rows.length,
        startedById: actor.id,
        startedByEmail: actor.email,
      },
      select: VIEW,
    });
    await writeAudit(tx, actor, [
      {
        action: "probe.requested",
        targetType: "probe_run",
        targetUuid: created.uuid,
        after: { kind: "reprobe", matched: rows.length, selection },
      },
    ]);
    return created;
  });
  if (by === "queue") await queueRun(db, run.uuid);
  return run;
}

/**
 * Starts the backfill, or resumes the one that has not finished (its job is queued again and goes on
 * from its last asset). Returns the run.
 */
export async function startBackfill(
  db: Db,
  actor: ActingViewer,
  by: RunBy = "queue",
): Promise<ProbeRunView & { resumed: boolean }> {
  const open = await db.probeRun.findFirst({
    where: { kind: "backfill", status: { in: ["queued", "running"] } },
    orderBy: { queuedAt: "desc" },
    select: VIEW,
  });
  if (open) {
    if (by === "queue") await queueRun(db, open.uuid);
    return { ...open, resumed: true };
  }
  const run = await db.$transaction(async (tx) => {
    const [count] = await tx.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM assets a WHERE ${needsBackfillSql}`;
    const created = await tx.probeRun.create({
      data: { kind: "backfill", total: count?.n ?? 0, startedById: actor.id, startedByEmail: actor.email },
      select: VIEW,
    });
    await writeAudit(tx, actor, [
      {
        action: "probe.requested",
        targetType: "probe_run",
        targetUuid: created.uuid,
        after: { kind: "backfill", matched: created.total },
      },
    ]);
    return created;
  });
  if (by === "queue") await queueRun(db, run.uuid);
  return { ...run, resumed: false };
}

/** Live assets the backfill has still to give their full probe (a probe that failed is "probe again"'s business). */
export async function countBackfillLeft(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM assets a WHERE ${needsBackfillSql}`;
  return row?.n ?? 0;
}

export const latestProbeRun = (db: Db, kind: "reprobe" | "backfill"): Promise<ProbeRunView | null> =>
  db.probeRun.findFirst({ where: { kind }, orderBy: { queuedAt: "desc" }, select: VIEW });

export const probeRunByUuid = (db: Db, uuid: string): Promise<ProbeRunView | null> =>
  db.probeRun.findUnique({ where: { uuid }, select: VIEW });

interface BackfillRow {
  id: number;
  uri: string;
  size: bigint;
  fileMtime: Date;
}

/**
 * Gives these assets their full probe, without hashing: only a file whose size and modification
 * time are still the recorded ones (else it is a rescan's business). Returns how many got it.
 */
export async function backfillAssets(db: Db, rows: readonly BackfillRow[], signal?: AbortSignal): Promise<number> {
  const probes: { id: number; probe: FullProbe }[] = [];
  await eachLimited(rows, READ_CONCURRENCY, async (row) => {
    signal?.throwIfAborted();
    const local = await statLocal(row.uri);
    if (!local || BigInt(local.size) !== row.size || fileTime(local.mtimeMs).getTime() !== row.fileMtime.getTime())
      return;
    try {
      probes.push({ id: row.id, probe: (await probeFile(row.uri, { signal })).full });
    } catch (error) {
      if (signal?.aborted) throw error;
      log.warn({ err: error }, "backfill: ffprobe failed on an unchanged file");
    }
  });
  await writeFullProbes(db, probes);
  return probes.length;
}

/**
 * The next batch after the cursor: the run's own assets (reprobe; a deleted one only for those who
 * see deleted assets) or those still without the full probe (backfill). `handled` counts the ids
 * the batch covers, found or not.
 */
async function nextBatch(db: Db, run: { kind: string; assetIds: number[] }, cursor: number, viewer: ActingViewer) {
  const columns = Prisma.sql`a.id, a.uuid::text AS uuid, a.uri, a.size, a.file_mtime AS "fileMtime"`;
  if (run.kind === "backfill") {
    const rows = await db.$queryRaw<(BackfillRow & { uuid: string })[]>`
      SELECT ${columns} FROM assets a WHERE a.id > ${cursor} AND ${needsBackfillSql} ORDER BY a.id LIMIT ${BATCH}`;
    return { rows, last: rows.at(-1)?.id, handled: rows.length };
  }
  const ids = run.assetIds.filter((id) => id > cursor).slice(0, BATCH);
  const rows = await db.$queryRaw<(BackfillRow & { uuid: string })[]>`
    SELECT ${columns} FROM assets a WHERE a.id = ANY(${ids}::int[]) AND ${visibleAssetSql(viewer.role)} ORDER BY a.id`;
  return { rows, last: ids.at(-1), handled: ids.length };
}

/** One job: works the run from its cursor to the end, recording progress after every batch. */
export async function workProbeRun(
  db: Db,
  runUuid: string,
  { signal, onProgress }: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<void> {
  const run = await db.probeRun.findUnique({ where: { uuid: runUuid } });
  if (!run || run.status === "succeeded" || run.status === "failed") return;
  const user = run.startedById ? await db.user.findUnique({ where: { id: run.startedById } }) : null;
  const actor: ActingViewer = user
    ? { id: user.id, uuid: user.uuid, email: user.email, role: user.role }
    : { id: null, uuid: null, email: run.startedByEmail, role: "server" };
  await db.probeRun.update({ where: { id: run.id }, data: { status: "running", heartbeatAt: new Date() } });
  let cursor = run.cursor;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { rows, last, handled } = await nextBatch(db, run, cursor, actor);
      if (last === undefined) break;
      let ok = 0;
      if (run.kind === "backfill") ok = await backfillAssets(db, rows, signal);
      else
        await eachLimited(rows, READ_CONCURRENCY, async (row) => {
          const report = await reprobeFile(db, actor, row, signal).catch((error: unknown) => {
            if (error instanceof KnownError) return null;
            throw error;
          });
          if (report && !report.probeError) ok += 1;
        });
      // Assets of the list that are gone (or deleted, for the viewer) count as failed.
      cursor = last;
      await db.probeRun
        .update({
          where: { id: run.id },
          data: { cursor, done: { increment: handled }, failed: { increment: handled - ok }, heartbeatAt: new Date() },
          select: { done: true },
        })
        .then((row) => onProgress?.(row.done, run.total));
    }
    await db.probeRun.update({ where: { id: run.id }, data: { status: "succeeded", finishedAt: new Date() } });
  } catch (error) {
    if (signal?.aborted) throw error;
    log.error({ err: error, probeRun: runUuid }, "probe run failed");
    await db.probeRun.update({
      where: { id: run.id },
      data: { status: "failed", finishedAt: new Date(), error: "The run stopped on an unexpected error; see the log." },
    });
  }
}
