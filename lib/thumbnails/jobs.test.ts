import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AuditActor } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { createRun, executeRun } from "@/lib/ingest/runs";
import { createSource } from "@/lib/ingest/sources";
import { startWorker, stopJobs } from "@/lib/jobs/queue";
import { makeClip } from "@/lib/testing/thumbnail-fixtures";
import { until } from "@/lib/testing/until";
import { requestThumbnails } from "@/lib/thumbnails/jobs";
import { thumbnailState } from "@/lib/thumbnails/store";

// The whole path: a scan reads new files and, after each batch commits, queues their thumbnails;
// a worker makes them. A bulk request queues a filter's assets and is audited.

const actor: AuditActor = { id: null, uuid: null, email: "thumbnail-jobs@test.local" };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-thumb-jobs-"));
  await Promise.all([
    makeClip(path.join(dir, "one.mp4"), { seconds: 4 }),
    makeClip(path.join(dir, "two.mp4"), { seconds: 15 }),
  ]);
  await writeFile(path.join(dir, "broken.mkv"), Buffer.alloc(2048, 3));
}, 60_000);
afterAll(async () => {
  await stopJobs();
  await rm(dir, { recursive: true, force: true });
});

const jobsFor = async (uuids: string[]) =>
  (
    await (
      await getDb()
    ).$queryRaw<
      { key: string }[]
    >`SELECT singleton_key AS key FROM pgboss.job WHERE name = 'thumbnails' AND singleton_key = ANY(${uuids})`
  ).map((row) => row.key);

it("queues thumbnails for the files a scan read, and a worker makes them", async () => {
  const db = await getDb();
  const source = await createSource(db, actor, {
    kind: "filesystem",
    name: "Thumbnail jobs",
    roots: [dir],
    url: "",
    secret: "",
    libraries: [],
    pathMaps: [],
  });
  const run = await createRun(db, actor, source.uuid, "cli");
  expect(await executeRun(db, run.uuid)).toMatchObject({ status: "succeeded" });

  const assets = await db.asset.findMany({ where: { uri: { startsWith: dir } }, orderBy: { uri: "asc" } });
  const [broken, one, two] = assets;
  expect(assets.map((asset) => path.basename(asset.uri))).toEqual(["broken.mkv", "one.mp4", "two.mp4"]);
  // Queued for the two clips; not for the file ffprobe could not read.
  expect((await jobsFor(assets.map((asset) => asset.uuid))).sort()).toEqual([one!.uuid, two!.uuid].sort());
  expect(broken!.probeError).not.toBeNull();

  await startWorker(1);
  for (const asset of [one!, two!]) {
    const state = await until(
      () => thumbnailState(asset.uuid, asset),
      (value) => value.kind !== "missing",
      600,
    );
    expect(state).toMatchObject({ kind: "ready", meta: { sha256: asset.hashSha256 } });
  }
  expect(await thumbnailState(two!.uuid, two!)).toMatchObject({ meta: { tiles: 2 } });
});

it("queues a filter's assets with video in bulk, with one audit row carrying the counts and the filter", async () => {
  const db = await getDb();
  const query = `q=${encodeURIComponent(dir)}`;
  const report = await requestThumbnails(db, { ...actor, role: "operator" }, { kind: "filter", query });
  expect(report).toMatchObject({ matched: 3, queued: 2 });
  const audit = await db.auditEvent.findMany({ where: { action: "thumbnails.requested" } });
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({
    targetType: "thumbnail_request",
    targetUuid: report.requestUuid,
    actorEmail: actor.email,
    after: { matched: 3, queued: 2, selection: { kind: "filter", query } },
  });
});
