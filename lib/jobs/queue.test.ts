import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AuditActor } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { getRunSummary } from "@/lib/ingest/run-report";
import { createSource } from "@/lib/ingest/sources";
import { startScan, startWorker, stopJobs } from "@/lib/jobs/queue";
import { makeMediaFixtures } from "@/lib/testing/media-fixtures";

// The desk's path: a request queues the run and returns; a worker on the queue executes it.

const actor: AuditActor = { id: null, uuid: null, email: "queue-test@test.local" };
let dir: string;
let sourceUuid: string;

beforeAll(async () => {
  const fixtures = await mkdtemp(path.join(os.tmpdir(), "asset-desk-queue-fixtures-"));
  const files = await makeMediaFixtures(fixtures);
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-queue-"));
  await copyFile(files.mp4, path.join(dir, "a.mp4"));
  await copyFile(files.mkv, path.join(dir, "b.mkv"));
  await rm(fixtures, { recursive: true, force: true });
  sourceUuid = (await createSource(await getDb(), actor, { kind: "filesystem", name: "Queued", roots: [dir], url: "", secret: "", libraries: [], pathMaps: [] })).uuid;
}, 60_000);

afterAll(async () => {
  await stopJobs();
  await rm(dir, { recursive: true, force: true });
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("timed out waiting");
}

it("queues a scan without running it, refuses a second one for the same source, and a worker runs it to the end", async () => {
  const db = await getDb();
  const run = await startScan(actor, sourceUuid, "desk");
  expect(await getRunSummary(db, run.uuid)).toMatchObject({ status: "queued", done: 0 });
  await expect(startScan(actor, sourceUuid, "desk")).rejects.toThrow(/already queued or running/);

  await startWorker(1);
  const finished = await until(() => getRunSummary(db, run.uuid), (summary) => summary.status !== "queued" && summary.status !== "running");
  expect(finished).toMatchObject({ status: "succeeded", total: 2, done: 2, counts: { new: 2, failed: 0 } });

  // Once it is done, the source can be scanned again (and nothing is new).
  const again = await startScan(actor, sourceUuid, "desk");
  expect(await until(() => getRunSummary(db, again.uuid), (summary) => summary.status === "succeeded")).toMatchObject({ counts: { new: 0, unchanged: 2 } });
});
