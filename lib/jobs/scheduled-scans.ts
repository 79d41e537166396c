import "server-only";
import type { AuditActor } from "@/lib/audit/write";
import { getDb, type Db } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { nextScanTime, storedSchedule } from "@/lib/ingest/schedule";
import { startScan } from "@/lib/jobs/queue";
import { log } from "@/lib/log";

// Scheduled scans. Once a minute pg-boss's cron queues a tick (lib/jobs/boss.ts); the worker that
// takes it starts a scan of every source whose next time has come and moves that time on. Sources
// are claimed with SKIP LOCKED and their next time moved in the same transaction, so two instances
// ticking at once never start a source twice. A source already being scanned is skipped, not
// queued behind the running scan (one run at a time per source, as for the desk's button).

/** Who starts scheduled scans, in runs and the audit log. */
export const SCHEDULER: AuditActor = { id: null, uuid: null, email: "scheduler" };

interface DueSource {
  id: number;
  uuid: string;
  name: string;
  nextScanAt: Date;
  scanEveryHours: number | null;
  scanCron: string | null;
}

/** The next time after a scan due at `due` and started at `now`: on the interval's beat, never in the past. */
function followingTime(source: DueSource, now: Date): Date | null {
  const schedule = storedSchedule(source);
  if (schedule.kind !== "every") return nextScanTime(schedule, now);
  const onBeat = nextScanTime(schedule, source.nextScanAt)!;
  return onBeat > now ? onBeat : nextScanTime(schedule, now);
}

/** Claims the sources due at `now` (each by one caller only) and moves their next time on. */
export async function claimDueSources(db: Db, now: Date): Promise<DueSource[]> {
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<DueSource[]>`
      SELECT id, uuid::text AS uuid, name, next_scan_at AS "nextScanAt", scan_every_hours AS "scanEveryHours",
        scan_cron AS "scanCron"
      FROM sources WHERE next_scan_at <= ${now} ORDER BY next_scan_at FOR UPDATE SKIP LOCKED`;
    for (const source of due) {
      let next: Date | null = null;
      try {
        next = followingTime(source, now);
      } catch (error) {
        // Only a row edited outside the desk can hold a bad expression: stop its schedule, say why.
        log.error({ err: error, source: source.uuid }, "scheduled scan: unreadable schedule, turned off");
      }
      await tx.source.update({ where: { id: source.id }, data: { nextScanAt: next } });
    }
    return due;
  });
}

/** Starts the scans due at `now`; returns the runs started and the sources skipped because one was running. */
export async function runScheduledScans(now = new Date()): Promise<{ started: string[]; skipped: string[] }> {
  const db = await getDb();
  const started: string[] = [];
  const skipped: string[] = [];
  for (const source of await claimDueSources(db, now)) {
    try {
      started.push((await startScan(SCHEDULER, source.uuid, "schedule")).uuid);
    } catch (error) {
      if (!(error instanceof KnownError)) throw error;
      // Already queued or running, or removed meanwhile: the next time has been set; nothing is lost.
      skipped.push(source.uuid);
      log.info({ source: source.uuid, reason: error.message }, "scheduled scan skipped");
    }
  }
  if (started.length > 0) log.info({ runs: started }, "scheduled scans started");
  return { started, skipped };
}
