import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AuditActor } from "@/lib/audit/write";
import { getDb, getJobDatabase } from "@/lib/db";
import { LOST_QUEUED } from "@/lib/ingest/lost-runs";
import { getRunSummary, QUEUED_GRACE_MS, STALE_AFTER_MS } from "@/lib/ingest/run-report";
import { createRun, executeRun } from "@/lib/ingest/runs";
import { createSource, deleteSource } from "@/lib/ingest/sources";
import { startScan, startWorker, stopJobs } from "@/lib/jobs/queue";
import { JOB_SCHEMA, SCAN_QUEUE } from "@/lib/jobs/scan-jobs";
import { makeMediaFixtures } from "@/lib/testing/media-fixtures";
import { until } from "@/lib/testing/until";

// The desk's path: a request queues the run and returns; a worker on the queue executes it.

const actor: AuditActor = { id: null, uuid: null, email: "queue-test@test.local" };
let dir: string;
let sourceUuid: string;
let sources = 0;

/** Another folder source over the same two files. */
async function folderSource(): Promise<string> {
  return (
    await createSource(await getDb(), actor, {
      kind: "filesystem",
      name: `Queued ${++sources}`,
      roots: [dir],
      url: "",
      secret: "",
      libraries: [],
      pathMaps: [],
    })
  ).uuid;
}

beforeAll(async () => {
  const fixtures = await mkdtemp(path.join(os.tmpdir(), "asset-desk-queue-fixtures-"));
  const files = await makeMediaFixtures(fixtures);
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-queue-"));
  await copyFile(files.mp4, path.join(dir, "a.mp4"));
  await copyFile(files.mkv, path.join(dir, "b.mkv"));
  await rm(fixtures, { recursive: true, force: true });
  sourceUuid = (
    await createSource(await getDb(), actor, {
      kind: "filesystem",
      name: "Queued",
      roots: [dir],
      url: "",
      secret: "",
      libraries: [],
      pathMaps: [],
    })
  ).uuid;
}, 60_000);

afterAll(async () => {
  await stopJobs();
  await rm(dir, { recursive: true, force: true });
});

it("queues a scan without running it, refuses a second one for the same source, and a worker runs it to the end", async () => {
  const db = await getDb();
  const run = await startScan(actor, sourceUuid, "desk");
  expect(await getRunSummary(db, run.uuid)).toMatchObject({ status: "queued", done: 0 });
  await expect(startScan(actor, sourceUuid, "desk")).rejects.toThrow(/already queued or running/);

  await startWorker(1);
  const finished = await until(
    () => getRunSummary(db, run.uuid),
    (summary) => summary.status !== "queued" && summary.status !== "running",
  );
  expect(finished).toMatchObject({ status: "succeeded", total: 2, done: 2, counts: { new: 2, failed: 0 } });

  // Once it is done, the source can be scanned again (and nothing is new).
  const again = await startScan(actor, sourceUuid, "desk");
  expect(
    await until(
      () => getRunSummary(db, again.uuid),
      (summary) => summary.status === "succeeded",
    ),
  ).toMatchObject({ counts: { new: 0, unchanged: 2 } });
});

it("recovers a run left queued with no job (its process died before queueing it): the source can be scanned again and deleted", async () => {
  const db = await getDb();
  const orphaned = async (source: string) => {
    const run = await createRun(db, actor, source, "desk");
    // Just created, it is given time to get its job: a second scan is still refused.
    await expect(startScan(actor, source, "desk")).rejects.toThrow(/already queued or running/);
    await db.scanRun.update({
      where: { uuid: run.uuid },
      data: { queuedAt: new Date(Date.now() - QUEUED_GRACE_MS - 1_000) },
    });
    return run;
  };

  const scanned = await folderSource();
  const lost = await orphaned(scanned);
  const again = await startScan(actor, scanned, "desk");
  expect(await getRunSummary(db, lost.uuid)).toMatchObject({ status: "failed", error: LOST_QUEUED });
  expect(
    await until(
      () => getRunSummary(db, again.uuid),
      (summary) => summary.status === "succeeded",
    ),
  ).toMatchObject({ status: "succeeded" });

  const removed = await folderSource();
  const lostToo = await orphaned(removed);
  await deleteSource(db, actor, removed);
  expect(await getRunSummary(db, lostToo.uuid)).toMatchObject({ status: "failed", error: LOST_QUEUED });
});

it("marks a run its worker could not claim as failed, instead of leaving it queued", async () => {
  const db = await getDb();
  const source = await folderSource();
  const run = await createRun(db, actor, source, "desk");
  // Another run of the source holds it (as a CLI scan in progress would).
  const other = await db.scanRun.create({
    data: {
      sourceId: (await db.source.findUniqueOrThrow({ where: { uuid: source } })).id,
      sourceName: "other",
      kind: "filesystem",
      trigger: "cli",
      status: "running",
      heartbeatAt: new Date(),
    },
  });
  await expect(executeRun(db, run.uuid)).rejects.toThrow(/Another scan of this source is running/);
  expect(await getRunSummary(db, run.uuid)).toMatchObject({
    status: "failed",
    error: "The worker could not start this scan: Another scan of this source is running.",
  });

  // A run that already ended keeps its outcome when its job is delivered again.
  await db.scanRun.update({ where: { id: other.id }, data: { status: "succeeded", finishedAt: new Date() } });
  const done = await startScan(actor, source, "desk");
  await until(
    () => getRunSummary(db, done.uuid),
    (summary) => summary.status === "succeeded",
  );
  await expect(executeRun(db, done.uuid)).rejects.toThrow(/This scan run is succeeded/);
  expect(await getRunSummary(db, done.uuid)).toMatchObject({ status: "succeeded", error: null });
});

it("takes a rescan, and other sources' scans, while a job of a worker that died is still active", async () => {
  const db = await getDb();
  await stopJobs();
  const [deadSource, otherSource] = [await folderSource(), await folderSource()];
  const first = await startScan(actor, deadSource, "desk");

  // A worker takes the job and dies: pg-boss keeps the job active (until it expires, hours later),
  // the run stops writing its heartbeat.
  const database = await getJobDatabase();
  const dying = new PgBoss({
    ...(database.kind === "postgres"
      ? { connectionString: database.connectionString, max: 1 }
      : { db: { executeSql: database.executeSql } }),
    schema: JOB_SCHEMA,
    supervise: false,
    schedule: false,
  });
  await dying.start();
  try {
    const [taken] = await dying.fetch<{ runUuid: string }>(SCAN_QUEUE);
    expect(taken?.data.runUuid).toBe(first.uuid);
  } finally {
    await dying.stop({ graceful: false, wait: true });
  }
  const stale = new Date(Date.now() - STALE_AFTER_MS - 1_000);
  await db.scanRun.update({
    where: { uuid: first.uuid },
    data: { status: "running", startedAt: stale, heartbeatAt: stale },
  });

  const rescan = await startScan(actor, deadSource, "desk");
  const other = await startScan(actor, otherSource, "desk");
  expect(await getRunSummary(db, first.uuid)).toMatchObject({
    status: "failed",
    error: expect.stringMatching(/stopped responding/),
  });
  await startWorker(1);
  expect(
    await until(
      () => getRunSummary(db, rescan.uuid),
      (summary) => summary.status === "succeeded",
    ),
  ).toMatchObject({ status: "succeeded" });
  expect(
    await until(
      () => getRunSummary(db, other.uuid),
      (summary) => summary.status === "succeeded",
    ),
  ).toMatchObject({ status: "succeeded" });
});
