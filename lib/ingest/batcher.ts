import "server-only";
import type { Db } from "@/lib/db";
import { applyObservations, type RunContext } from "@/lib/ingest/ingest";
import type { Observation } from "@/lib/ingest/plan";
import { queueQcAfterRead } from "@/lib/qc/jobs";
import { queueThumbnailsAfterRead } from "@/lib/thumbnails/jobs";

const BATCH_SIZE = 250;
const FLUSH_INTERVAL_MS = 1000;

/**
 * Collects observations from concurrent readers and writes them in batches, one at a time and in
 * arrival order, at least every second, so the run's progress moves while big files hash.
 */
export function createBatcher(db: Db, ctx: RunContext) {
  let pending: Observation[] = [];
  let writing: Promise<unknown> = Promise.resolve();
  let lastFlush = Date.now();
  const seen = new Set<number>();

  const flush = () => {
    const batch = pending;
    pending = [];
    lastFlush = Date.now();
    if (batch.length === 0) return writing;
    writing = writing.then(async () => {
      const applied = await applyObservations(db, ctx, batch);
      for (const id of applied.seen) seen.add(id);
      // After the commit, one queue insert per batch: the pictures are made by their own jobs.
      await queueThumbnailsAfterRead(db, applied.read);
      await queueQcAfterRead(db, ctx.sourceId, applied.read);
    });
    return writing;
  };

  return {
    /** Asset ids the written observations resolved to (what the run saw). */
    seen,
    async add(observation: Observation) {
      pending.push(observation);
      if (pending.length >= BATCH_SIZE || Date.now() - lastFlush >= FLUSH_INTERVAL_MS) await flush();
    },
    /** Writes what is pending now (an import commits each page before asking for the next). */
    async flush() {
      await flush();
    },
  };
}

/** Files skipped as unchanged are counted in bulk: re-reading nothing, writing one row. */
export async function countUnchanged(db: Db, ctx: RunContext, count: number): Promise<void> {
  if (count === 0) return;
  await db.$executeRaw`UPDATE scan_runs SET done = done + ${count}, unchanged_count = unchanged_count + ${count}, heartbeat_at = now() WHERE id = ${ctx.runId}`;
}
