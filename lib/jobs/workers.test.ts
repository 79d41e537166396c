import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { LOST_RUNNING } from "@/lib/ingest/lost-runs";
import { getRunSummary, type RunSummary } from "@/lib/ingest/run-report";
import { createSource } from "@/lib/ingest/sources";
import { startScan } from "@/lib/jobs/queue";
import { makeMediaFixtures } from "@/lib/testing/media-fixtures";
import { until } from "@/lib/testing/until";

// Many workers on one PostgreSQL: two real `asset-desk worker` processes, the scans queued as the desk
// queues them (startScan, the function its server action calls). Ten sources queued at once are shared
// between them and each run once; a worker killed mid-run leaves a run the other marks lost, and the
// source scans again. No fixed sleeps: every wait is for a state, with deadlines for a busy machine.

const actor: AuditActor = { id: null, uuid: null, email: "workers-test@test.local" };
const SOURCES = 10;
const FILES_PER_SOURCE = 6;
// Enough that the run is still going when its progress first shows (each file is an ffprobe).
const BIG_SOURCE_FILES = 150;
/** Waits of up to four minutes, read every 100 ms: deadlines, not durations. */
const PATIENCE = 2_400;

interface WorkerProcess {
  child: ChildProcess;
  /** As a run records its worker: host and process id. */
  id: string;
  output: string;
  exited: boolean;
}

const workers: WorkerProcess[] = [];
let work: string;
let clip: Buffer;

function startWorkerProcess(): WorkerProcess {
  // node itself, not cli/asset-desk.js (which waits on a child node): the process killed is the worker.
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "cli/main.ts", "worker", "--concurrency", "2"],
    { env: { ...process.env, ASSET_DESK_CLI: "1", LOG_LEVEL: "info" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const worker: WorkerProcess = { child, id: `${os.hostname()}:${child.pid}`, output: "", exited: false };
  child.stdout!.on("data", (chunk: Buffer) => (worker.output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (worker.output += chunk.toString()));
  child.on("exit", () => (worker.exited = true));
  workers.push(worker);
  return worker;
}

async function ready(worker: WorkerProcess): Promise<void> {
  await until(
    async () => worker.output,
    (output) => output.includes("Worker started") || worker.exited,
    PATIENCE,
  );
  expect(worker.exited, worker.output).toBe(false);
}

/** The runs each worker logged as started ("scan started", one JSON line per run it executed). */
function startedBy(worker: WorkerProcess): string[] {
  return worker.output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { msg?: string; scanRun?: string })
    .filter((line) => line.msg === "scan started")
    .map((line) => line.scanRun!);
}

/** A folder of `files` real clips, each made distinct by its last bytes (ffprobe ignores them). */
async function folderOf(name: string, files: number): Promise<string> {
  const dir = path.join(work, name);
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < files; i++) {
    const file = path.join(dir, `clip-${String(i).padStart(3, "0")}.mp4`);
    await writeFile(file, Buffer.concat([clip, Buffer.from(`\n${file}\n`)]));
  }
  return dir;
}

async function folderSource(name: string, dir: string): Promise<string> {
  const source = await createSource(await getDb(), actor, {
    kind: "filesystem",
    name,
    roots: [dir],
    url: "",
    secret: "",
    libraries: [],
    pathMaps: [],
  });
  return source.uuid;
}

const summary = async (uuid: string): Promise<RunSummary> => getRunSummary(await getDb(), uuid);
const finished = (run: RunSummary) => run.status === "succeeded" || run.status === "failed";

describe.skipIf(!process.env.TEST_DATABASE_URL)("two asset-desk worker processes on one database", () => {
  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "asset-desk-workers-"));
    const fixtures = await makeMediaFixtures(path.join(work, ".fixtures"));
    clip = await readFile(fixtures.mp4);
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) if (!worker.exited) worker.child.kill("SIGKILL");
    await Promise.all(workers.map((worker) => until(async () => worker.exited, Boolean, PATIENCE)));
    await rm(work, { recursive: true, force: true });
  }, 60_000);

  it("share ten sources queued at once, each run executed once, by both workers", async () => {
    const [a, b] = [startWorkerProcess(), startWorkerProcess()];
    await Promise.all([ready(a), ready(b)]);
    const sources: string[] = [];
    for (let i = 1; i <= SOURCES; i++)
      sources.push(await folderSource(`Shelf ${i}`, await folderOf(`shelf-${i}`, FILES_PER_SOURCE)));

    const runs = await Promise.all(sources.map((source) => startScan(actor, source, "desk")));
    const reports = await Promise.all(runs.map((run) => until(() => summary(run.uuid), finished, PATIENCE)));

    for (const report of reports)
      expect(report, JSON.stringify(report)).toMatchObject({
        status: "succeeded",
        error: null,
        counts: { new: FILES_PER_SOURCE, failed: 0 },
      });
    const ranBy = new Map(reports.map((report) => [report.uuid, report.worker]));
    expect(new Set(ranBy.values())).toEqual(new Set([a.id, b.id]));
    // Each run started exactly once, on the worker its row names.
    const started = [...startedBy(a), ...startedBy(b)].sort();
    expect(started).toEqual(runs.map((run) => run.uuid).sort());
    for (const uuid of startedBy(a)) expect(ranBy.get(uuid)).toBe(a.id);
    for (const uuid of startedBy(b)) expect(ranBy.get(uuid)).toBe(b.id);
  }, 300_000);

  it("a worker killed mid-run leaves a run the other marks lost; the source then scans again to the end", async () => {
    const alive = workers.filter((worker) => !worker.exited);
    expect(alive, "both workers of the first test are up").toHaveLength(2);
    const [a, b] = alive;
    const source = await folderSource("Big shelf", await folderOf("big-shelf", BIG_SOURCE_FILES));

    const run = await startScan(actor, source, "desk");
    const running = await until(
      () => summary(run.uuid),
      (report) => (report.status === "running" && report.done > 0) || finished(report),
      PATIENCE,
    );
    expect(running.status, "the scan ended before it could be interrupted").toBe("running");
    const victim = running.worker === a!.id ? a! : b!;
    const survivor = victim === a ? b! : a!;
    expect(running.worker).toBe(victim.id);
    victim.child.kill("SIGKILL");
    await until(async () => victim.exited, Boolean, PATIENCE);

    const lost = await until(() => summary(run.uuid), finished, PATIENCE);
    expect(lost).toMatchObject({ status: "failed", error: LOST_RUNNING, worker: victim.id });
    expect(lost.done).toBeLessThan(BIG_SOURCE_FILES);

    const again = await startScan(actor, source, "desk");
    const report = await until(() => summary(again.uuid), finished, PATIENCE);
    expect(report).toMatchObject({ status: "succeeded", error: null, worker: survivor.id, done: BIG_SOURCE_FILES });
    expect(report.counts.new + report.counts.unchanged).toBe(BIG_SOURCE_FILES);
    expect(report.counts.failed).toBe(0);
  }, 300_000);
});
