import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AuditActor } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { createRun, executeRun } from "@/lib/ingest/runs";
import { createSource } from "@/lib/ingest/sources";
import { startWorker, stopJobs } from "@/lib/jobs/queue";
import { qcProgress, requestAssetQc, requestQc } from "@/lib/qc/jobs";
import { findQcView } from "@/lib/qc/result";
import { makeQcClip } from "@/lib/testing/qc-fixtures";
import { until } from "@/lib/testing/until";

// The whole path: a scan of a source that asks for QC queues the files it read; a worker checks
// them and stores the result with the file's identity; a content change puts the asset back to
// "not checked"; QC on demand and in bulk are audited and their progress is read from the queue.

const actor: AuditActor = { id: null, uuid: null, email: "qc-jobs@test.local" };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-qc-jobs-"));
  await makeQcClip(path.join(dir, "defects.mp4"), "defects");
  await writeFile(path.join(dir, "broken.mkv"), Buffer.alloc(2048, 3));
}, 60_000);
afterAll(async () => {
  await stopJobs();
  await rm(dir, { recursive: true, force: true });
});

const scan = async (sourceUuid: string) => {
  const db = await getDb();
  const run = await createRun(db, actor, sourceUuid, "cli");
  expect(await executeRun(db, run.uuid)).toMatchObject({ status: "succeeded" });
};
const checked = (uuid: string) =>
  until(
    async () => (await findQcView(await getDb(), uuid, "server"))!,
    (view) => view.current && view.job === null,
    600,
  );

it("checks what a scan read when the source asks for it, and forgets the verdict when the file changes", async () => {
  const db = await getDb();
  const source = await createSource(db, actor, {
    kind: "filesystem",
    name: "QC jobs",
    roots: [dir],
    url: "",
    secret: "",
    libraries: [],
    pathMaps: [],
    qcAfterScan: "on",
  });
  await scan(source.uuid);
  const asset = await db.asset.findFirstOrThrow({ where: { uri: path.join(dir, "defects.mp4") } });
  const broken = await db.asset.findFirstOrThrow({ where: { uri: path.join(dir, "broken.mkv") } });
  // Queued for the clip; not for the file ffprobe could not read.
  const queued = await db.$queryRaw<{ key: string }[]>`
    SELECT singleton_key AS key FROM pgboss.job WHERE name = 'qc' AND singleton_key = ANY(${[asset.uuid, broken.uuid]})`;
  expect(queued.map((row) => row.key)).toEqual([asset.uuid]);

  await startWorker(1);
  const view = await checked(asset.uuid);
  expect(view.verdict).toBe("fail");
  expect(view.result!.events.map((event) => event.kind)).toEqual(["black", "silence", "freeze"]);
  expect(view.result!.reasons.map((reason) => reason.message)).toEqual([
    expect.stringMatching(/^Loudness -1[34]\.\d LUFS is outside -23 ± 1 LU\.$/),
    "Black for 5.0 s at 0:05 (longer than 1 s).",
    "Silence for 4.0 s at 0:12 (longer than 2 s).",
    "Still picture for 3.0 s at 0:14 (longer than 2 s).",
  ]);
  expect(await db.asset.findUniqueOrThrow({ where: { id: asset.id } })).toMatchObject({ qcVerdict: "fail" });

  // New bytes at the same path: the stored result no longer vouches for the asset.
  await makeQcClip(path.join(dir, "defects.mp4"), "clean", 8);
  await db.source.update({ where: { uuid: source.uuid }, data: { qcAfterScan: false } });
  await scan(source.uuid);
  const after = await db.asset.findUniqueOrThrow({ where: { id: asset.id } });
  expect(after).toMatchObject({ qcVerdict: null, loudnessLufs: null });
  expect(await findQcView(db, asset.uuid, "server")).toMatchObject({ verdict: null, current: false });
});

it("runs on demand and in bulk, audited, with the request's progress", async () => {
  const db = await getDb();
  const asset = await db.asset.findFirstOrThrow({ where: { uri: path.join(dir, "defects.mp4") } });
  const operator = { ...actor, role: "operator" as const };
  const single = await requestAssetQc(db, operator, asset.uuid);
  expect(single).toMatchObject({ matched: 1, queued: 1 });
  await expect(
    requestAssetQc(
      db,
      operator,
      (await db.asset.findFirstOrThrow({ where: { uri: { endsWith: "broken.mkv" } } })).uuid,
    ),
  ).rejects.toThrow(/QC cannot read this asset/);
  const view = await checked(asset.uuid);
  expect(view.result!.events).toEqual([]);
  expect(await qcProgress(db, operator, single.requestUuid)).toEqual({ waiting: 0, running: 0, done: 1, failed: 0 });

  const bulk = await requestQc(
    db,
    { ...actor, role: "editor" },
    { kind: "filter", query: `q=${encodeURIComponent(dir)}` },
  );
  expect(bulk).toMatchObject({ matched: 2, queued: 1 });
  const audit = await db.auditEvent.findFirstOrThrow({ where: { targetUuid: bulk.requestUuid } });
  expect(audit).toMatchObject({ action: "qc.requested", after: { matched: 2, queued: 1 } });
  await expect(
    qcProgress(db, { ...actor, email: "someone-else@test.local", role: "editor" }, bulk.requestUuid),
  ).rejects.toThrow("No such QC request.");
});
