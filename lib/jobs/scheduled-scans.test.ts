import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { getRunSummary } from "@/lib/ingest/run-report";
import { createSource, sourceInputSchema, updateSource, type SourceInput } from "@/lib/ingest/sources";
import { jobs } from "@/lib/jobs/boss";
import { startWorker, stopJobs } from "@/lib/jobs/queue";
import { RETENTION_QUEUE, SCHEDULE_QUEUE } from "@/lib/jobs/scan-jobs";
import { runScheduledScans } from "@/lib/jobs/scheduled-scans";
import { makeMediaFixtures } from "@/lib/testing/media-fixtures";
import { until } from "@/lib/testing/until";

// Scheduled scans are tested with a clock passed in (runScheduledScans(now)), not by waiting for one,
// and end to end by the worker taking the tick pg-boss's cron would send.

const actor: AuditActor = { id: null, uuid: null, email: "schedule-test@test.local" };
const HOUR = 3_600_000;
let dir: string;
let count = 0;

const folder = (schedule: Partial<SourceInput>): SourceInput => ({
  kind: "filesystem",
  name: `Scheduled ${++count}`,
  roots: [dir],
  url: "",
  secret: "",
  libraries: [],
  pathMaps: [],
  ...schedule,
});

async function sourceRow(uuid: string) {
  return (await getDb()).source.findUniqueOrThrow({ where: { uuid } });
}

async function runsOf(uuid: string) {
  return (await getDb()).scanRun.findMany({
    where: { source: { uuid } },
    select: { uuid: true, trigger: true, startedByEmail: true, status: true },
  });
}

beforeAll(async () => {
  const fixtures = await mkdtemp(path.join(os.tmpdir(), "asset-desk-schedule-fixtures-"));
  const files = await makeMediaFixtures(fixtures);
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-schedule-"));
  await copyFile(files.mp4, path.join(dir, "a.mp4"));
  await rm(fixtures, { recursive: true, force: true });
}, 60_000);

afterAll(async () => {
  await stopJobs();
  await rm(dir, { recursive: true, force: true });
});

describe("the schedule a form asks for", () => {
  const parse = (fields: Record<string, string>) =>
    sourceInputSchema.safeParse({ kind: "filesystem", name: "x", roots: "/media", ...fields });
  const errors = (fields: Record<string, string>) => {
    const result = parse(fields);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path[0], issue.message]));
  };

  it("takes whole hours and five-field cron expressions, and says what is wrong with anything else", () => {
    expect(parse({ scanSchedule: "every", scanEveryHours: "6" }).success).toBe(true);
    expect(parse({ scanSchedule: "cron", scanCron: "30 4 * * 1-5" }).success).toBe(true);
    expect(parse({ scanSchedule: "off", scanEveryHours: "", scanCron: "" }).success).toBe(true);
    expect(errors({ scanSchedule: "every", scanEveryHours: "0" })).toEqual({
      scanEveryHours: "Enter whole hours from 1 to 720.",
    });
    expect(errors({ scanSchedule: "every", scanEveryHours: "1.5" })).toHaveProperty("scanEveryHours");
    expect(errors({ scanSchedule: "cron", scanCron: "61 * * * *" }).scanCron).toMatch(/^Not a cron expression: /);
    expect(errors({ scanSchedule: "cron", scanCron: "*/10 * * * * *" }).scanCron).toMatch(/five fields/);
    expect(errors({ scanSchedule: "hourly" })).toHaveProperty("scanSchedule");
  });
});

describe("scheduled scans", () => {
  it("starts a source's scan when its hour has come, once, and keeps the beat", async () => {
    const before = Date.now();
    const { uuid } = await createSource(await getDb(), actor, folder({ scanSchedule: "every", scanEveryHours: "1" }));
    const first = (await sourceRow(uuid)).nextScanAt!;
    expect(first.getTime()).toBeGreaterThanOrEqual(before + HOUR);
    expect(first.getTime()).toBeLessThanOrEqual(Date.now() + HOUR);

    expect((await runScheduledScans(new Date())).started).toEqual([]);
    const late = new Date(first.getTime() + 20_000);
    const { started } = await runScheduledScans(late);
    expect(started).toHaveLength(1);
    expect(await runsOf(uuid)).toEqual([
      { uuid: started[0], trigger: "schedule", startedByEmail: "scheduler", status: "queued" },
    ]);
    // The same tick again (another instance) finds nothing; the next time is on the beat, not 20 s late.
    expect((await runScheduledScans(late)).started).toEqual([]);
    expect((await sourceRow(uuid)).nextScanAt).toEqual(new Date(first.getTime() + HOUR));

    // Its scan is still queued when the next hour comes: skipped, not queued behind it; the time moves on.
    const next = new Date(first.getTime() + HOUR);
    expect(await runScheduledScans(next)).toEqual({ started: [], skipped: [uuid] });
    expect(await runsOf(uuid)).toHaveLength(1);
    expect((await sourceRow(uuid)).nextScanAt).toEqual(new Date(first.getTime() + 2 * HOUR));

    // A desk that was down for a day scans once, then counts from now.
    const dayLater = new Date(first.getTime() + 26 * HOUR + 5_000);
    await (await getDb()).scanRun.updateMany({ where: { uuid: started[0] }, data: { status: "failed" } });
    expect((await runScheduledScans(dayLater)).started).toHaveLength(1);
    expect((await sourceRow(uuid)).nextScanAt).toEqual(new Date(dayLater.getTime() + HOUR));
  });

  it("reads a cron expression in UTC; saving the same schedule keeps its time, another restarts it, off clears it", async () => {
    const db = await getDb();
    const input = folder({ scanSchedule: "cron", scanCron: "30 4 * * *" });
    const { uuid } = await createSource(db, actor, input);
    const next = (await sourceRow(uuid)).nextScanAt!;
    expect([next.getUTCHours(), next.getUTCMinutes(), next.getUTCSeconds()]).toEqual([4, 30, 0]);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * HOUR);

    await updateSource(db, actor, uuid, { ...input, libraries: [] });
    expect((await sourceRow(uuid)).nextScanAt).toEqual(next);
    // A form without the schedule's fields (the CLI's) leaves it alone.
    await updateSource(db, actor, uuid, { ...input, scanSchedule: undefined, scanCron: undefined });
    expect((await sourceRow(uuid)).scanCron).toBe("30 4 * * *");

    await updateSource(db, actor, uuid, { ...input, scanSchedule: "every", scanEveryHours: "12" });
    expect(await sourceRow(uuid)).toMatchObject({ scanEveryHours: 12, scanCron: null });
    await updateSource(db, actor, uuid, { ...input, scanSchedule: "off" });
    expect(await sourceRow(uuid)).toMatchObject({ scanEveryHours: null, scanCron: null, nextScanAt: null });
    const audit = await db.auditEvent.findMany({ where: { targetUuid: uuid }, orderBy: { id: "asc" } });
    expect(audit.map((event) => (event.after as { schedule?: string }).schedule)).toEqual([
      "cron 30 4 * * * (UTC)",
      "every 12 hours",
      "off",
    ]);
  });

  it("runs by itself: the worker takes the scheduler's tick and the due scan runs to its end", async () => {
    const db = await getDb();
    const { uuid } = await createSource(db, actor, folder({ scanSchedule: "every", scanEveryHours: "3" }));
    await db.source.update({ where: { uuid }, data: { nextScanAt: new Date(Date.now() - 1_000) } });

    const boss = await jobs();
    expect(await boss.getSchedules()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: SCHEDULE_QUEUE, cron: "* * * * *" }),
        // The trash's daily retention purge (lib/assets/purge.test.ts tests what it does).
        expect.objectContaining({ name: RETENTION_QUEUE, cron: "30 3 * * *" }),
      ]),
    );
    await startWorker(1);
    // What pg-boss's cron sends once a minute, sent now.
    await boss.send(SCHEDULE_QUEUE, {});
    const [run] = await until(
      () => runsOf(uuid),
      (runs) => runs.length === 1,
    );
    expect(run).toMatchObject({ trigger: "schedule", startedByEmail: "scheduler" });
    expect(
      await until(
        () => getRunSummary(db, run!.uuid),
        (summary) => summary.status === "succeeded",
      ),
    ).toMatchObject({ total: 1, done: 1 });
    expect((await sourceRow(uuid)).nextScanAt!.getTime()).toBeGreaterThan(Date.now() + 2 * HOUR);
  });
});
