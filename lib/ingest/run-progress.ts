import "server-only";
import os from "node:os";
import type { Db } from "@/lib/db";
import type { RunContext } from "@/lib/ingest/ingest";

/**
 * Files in flight at once. The CPU is bounded by the pools they wait on (hashing threads and
 * ffprobes, one per core each), so twice as many files as those pools hold keeps both busy while a
 * big file hashes.
 */
export const READ_CONCURRENCY = Math.max(4, Math.min(16, os.availableParallelism() * 4));

export async function setRunTotal(db: Db, ctx: RunContext, total: number): Promise<void> {
  await db.$executeRaw`UPDATE scan_runs SET total = ${total}, heartbeat_at = now() WHERE id = ${ctx.runId}`;
}

/** Imports learn their size library by library. */
export async function addRunTotal(db: Db, ctx: RunContext, more: number): Promise<void> {
  await db.$executeRaw`UPDATE scan_runs SET total = COALESCE(total, 0) + ${more}, heartbeat_at = now() WHERE id = ${ctx.runId}`;
}
