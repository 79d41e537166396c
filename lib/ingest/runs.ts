import "server-only";
import os from "node:os";
import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/write";
import { writeAudit } from "@/lib/audit/write";
import { KnownError } from "@/lib/errors";
import { importProvider } from "@/lib/ingest/import-provider";
import type { RunContext } from "@/lib/ingest/ingest";
import { failLostRuns, LOST_RUNNING } from "@/lib/ingest/lost-runs";
import { CLAIM_TRANSACTION } from "@/lib/ingest/run-report";
import { ProviderError } from "@/lib/ingest/providers/types";
import { scanFolders } from "@/lib/ingest/scan-filesystem";
import { openSecret } from "@/lib/ingest/source-secrets";
import { parsePathMaps } from "@/lib/ingest/sources";
import { log } from "@/lib/log";

// A run's life: queued (by the desk, the CLI or an integration) → running (one at a time per
// source, guarded by a lock on the source row) → succeeded or failed with a readable error. A
// worker writes a heartbeat while it runs; a running run whose heartbeat stopped, or a queued run no
// job will run, is marked failed as lost (lib/ingest/lost-runs.ts).

/** Well under STALE_AFTER_MS (lib/ingest/run-report.ts): a busy worker misses a few beats before it is thought lost. */
const HEARTBEAT_MS = 5_000;

/** This process as a run records its worker: host and process id, the process to look at when a run was lost. */
export const WORKER = `${os.hostname()}:${process.pid}`;

export type RunTrigger = "desk" | "cli" | "api" | "schedule";

/** Creates a queued run of the source; refused while one is queued or running. */
export async function createRun(
  db: Db,
  actor: AuditActor,
  sourceUuid: string,
  trigger: RunTrigger,
): Promise<{ uuid: string }> {
  return db.$transaction(async (tx) => {
    const [source] = await tx.$queryRaw<{ id: number; name: string; kind: "filesystem" | "plex" | "jellyfin" }[]>`
      SELECT id, name, kind FROM sources WHERE uuid = ${sourceUuid}::uuid FOR UPDATE`;
    if (!source) throw new KnownError("not_found", "No source has that id.");
    await failLostRuns(tx, source.id);
    const active = await tx.scanRun.findFirst({
      where: { sourceId: source.id, status: { in: ["queued", "running"] } },
      select: { uuid: true },
    });
    if (active) throw new KnownError("conflict", `A scan of “${source.name}” is already queued or running.`);
    const run = await tx.scanRun.create({
      data: {
        sourceId: source.id,
        sourceName: source.name,
        kind: source.kind,
        trigger,
        startedById: actor.id,
        startedByEmail: actor.email,
      },
      select: { uuid: true },
    });
    await writeAudit(tx, actor, [
      { action: "scan.start", targetType: "scan_run", targetUuid: run.uuid, after: { source: sourceUuid, trigger } },
    ]);
    return run;
  });
}

export interface RunOutcome {
  uuid: string;
  status: "succeeded" | "failed";
  error: string | null;
}

/** Executes a queued run to its end. Never throws for a failed scan: the failure is the run's outcome. */
export async function executeRun(db: Db, runUuid: string, signal?: AbortSignal): Promise<RunOutcome> {
  const claimed = await claimRun(db, runUuid).catch(async (error: unknown) => {
    await failUnclaimedRun(db, runUuid, error);
    throw error;
  });
  const runId = claimed.ctx.runId;
  // A run another worker gave up as lost (this process stalled past STALE_AFTER_MS) stops here, so
  // that it is not scanned beside the source's next run.
  const givenUp = new AbortController();
  const heartbeat = setInterval(() => {
    db.$executeRaw`UPDATE scan_runs SET heartbeat_at = now() WHERE id = ${runId} AND status = 'running'`
      .then((updated) => updated === 0 && givenUp.abort())
      .catch(() => undefined);
  }, HEARTBEAT_MS);
  const runSignal = signal ? AbortSignal.any([signal, givenUp.signal]) : givenUp.signal;
  const runLog = log.child({ scanRun: runUuid, source: claimed.sourceUuid, worker: WORKER });
  runLog.info({ kind: claimed.source.kind }, "scan started");
  // The run's end is written only while it is still this worker's: a run marked lost keeps that outcome.
  const finish = async (data: { status: "succeeded" | "failed"; error?: string }) => {
    const { count } = await db.scanRun.updateMany({
      where: { id: runId, status: "running" },
      data: { ...data, finishedAt: new Date(), heartbeatAt: new Date() },
    });
    if (count === 0) runLog.warn("scan given up as lost by another worker; its outcome is kept");
    return count === 1;
  };
  const lostOutcome: RunOutcome = { uuid: runUuid, status: "failed", error: LOST_RUNNING };
  try {
    const { source } = claimed;
    if (source.kind === "filesystem") await scanFolders(db, claimed.ctx, source.roots, runSignal);
    else {
      const secret = openSecret(source);
      await importProvider(
        db,
        claimed.ctx,
        {
          kind: source.kind,
          url: source.url ?? "",
          secret,
          libraries: source.libraries,
          pathMaps: parsePathMaps(source.pathMaps),
        },
        runSignal,
      );
    }
    if (!(await finish({ status: "succeeded" }))) return lostOutcome;
    const finished = await db.scanRun.findUniqueOrThrow({ where: { id: runId } });
    runLog.info(
      {
        new: finished.newCount,
        changed: finished.changedCount,
        unchanged: finished.unchangedCount,
        missing: finished.missingCount,
        failed: finished.failedCount,
      },
      "scan finished",
    );
    return { uuid: runUuid, status: "succeeded", error: null };
  } catch (error) {
    const message = describeFailure(error);
    // A reason a person can act on is logged as such; only the unexpected carries its stack.
    if (message === UNEXPECTED) runLog.error({ err: error }, "scan failed");
    else runLog.warn({ reason: message }, "scan failed");
    if (!(await finish({ status: "failed", error: message }))) return lostOutcome;
    return { uuid: runUuid, status: "failed", error: message };
  } finally {
    clearInterval(heartbeat);
  }
}

async function claimRun(db: Db, runUuid: string) {
  return db.$transaction(async (tx) => {
    const run = await tx.scanRun.findUnique({
      where: { uuid: runUuid },
      include: { source: true, startedBy: { select: { id: true, uuid: true, email: true } } },
    });
    if (!run) throw new KnownError("not_found", "No scan run has that id.");
    if (run.status !== "queued" || !run.source)
      throw new KnownError("conflict", `This scan run is ${run.source ? run.status : "of a removed source"}.`);
    await tx.$queryRaw`SELECT id FROM sources WHERE id = ${run.source.id} FOR UPDATE`;
    await failLostRuns(tx, run.source.id, run.id);
    const running = await tx.scanRun.count({ where: { sourceId: run.source.id, status: "running" } });
    if (running > 0) throw new KnownError("conflict", "Another scan of this source is running.");
    await tx.scanRun.update({
      where: { id: run.id },
      data: { status: "running", startedAt: new Date(), heartbeatAt: new Date(), worker: WORKER },
    });
    const actor: AuditActor = run.startedBy ?? { id: null, uuid: null, email: run.startedByEmail ?? "system" };
    const ctx: RunContext = { runId: run.id, runUuid: run.uuid, sourceId: run.source.id, actor };
    return { ctx, source: run.source, sourceUuid: run.source.uuid };
  }, CLAIM_TRANSACTION);
}

/**
 * A run its worker could not claim would otherwise stay queued with its job spent, holding the source.
 * Only a run still queued is touched: one that already ran (a second delivery) keeps its outcome.
 */
async function failUnclaimedRun(db: Db, runUuid: string, error: unknown): Promise<void> {
  const reason = error instanceof KnownError ? error.message : "unexpected error; the server log has the details";
  log.warn(
    { scanRun: runUuid, err: error instanceof KnownError ? undefined : error, reason },
    "scan could not be claimed",
  );
  await db.scanRun
    .updateMany({
      where: { uuid: runUuid, status: "queued" },
      data: { status: "failed", finishedAt: new Date(), error: `The worker could not start this scan: ${reason}` },
    })
    .catch((cause: unknown) => log.error({ err: cause, scanRun: runUuid }, "could not record the failed claim"));
}

const UNEXPECTED = "The scan failed unexpectedly; the server log has the details.";

/** What the run report shows for a failed run: the provider's or scanner's own words, or a generic line (logged in full). */
function describeFailure(error: unknown): string {
  if (error instanceof ProviderError || error instanceof KnownError) return error.message;
  if (error instanceof Error && error.name === "AbortError") return "The scan was stopped.";
  if (error instanceof Error && /^Folder not found|^Not a folder/.test(error.message)) return error.message;
  return UNEXPECTED;
}
