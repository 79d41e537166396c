import "server-only";
import os from "node:os";
import type { Db } from "@/lib/db";
import type { RunContext } from "@/lib/ingest/ingest";

/** Files hashed and probed at once: ffprobe runs as child processes, so a little more than the cores. */
export const READ_CONCURRENCY = Math.max(2, Math.min(8, os.availableParallelism() * 2));

export async function setRunTotal(db: Db, ctx: RunContext, total: number): Promise<void> {
  await db.$executeRaw`UPDATE scan_runs SET total = ${total}, heartbeat_at = now() WHERE id = ${ctx.runId}`;
}

/** Imports learn their size library by library. */
export async function addRunTotal(db: Db, ctx: RunContext, more: number): Promise<void> {
  await db.$executeRaw`UPDATE scan_runs SET total = COALESCE(total, 0) + ${more}, heartbeat_at = now() WHERE id = ${ctx.runId}`;
}
