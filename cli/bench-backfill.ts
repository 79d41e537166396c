import { spawnSync } from "node:child_process";
import { link, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DEFAULT_BENCH_URL } from "@/cli/bench-database";
import { startBackfill, workProbeRun } from "@/lib/assets/probe-runs";
import { closeDb, getDb, migrateDatabase, type Db } from "@/lib/db";
import { eachLimited } from "@/lib/ingest/local-file";
import { probeFile } from "@/lib/ingest/probe";
import { READ_CONCURRENCY } from "@/lib/ingest/run-progress";
import { databaseUrl, dropDatabase, withAdmin } from "@/lib/testing/test-database";
import { makeProbeFixtures } from "@/lib/testing/probe-fixtures";

// `npm run bench:backfill`: the full-probe backfill's throughput on a database of 100,000 assets
// recorded before the full probe, whose uris are hard links to a small pool of real ffmpeg-made
// clips (720p, SD interlaced, 5.1, subtitled, 1080p HLG). The backfill is the real probe run (its
// batches, ffprobe per file, the writes, the progress row), stopped after a sample of the assets:
// reading all 100,000 would take the machine most of an hour and measure nothing more.

const DATABASE = "asset_desk_bench_backfill";
const count = (n: number) => n.toLocaleString("en");

export interface BackfillMeasure {
  /** Assets given their full probe while measured. */
  assets: number;
  seconds: number;
  perSecond: number;
}

/**
 * Runs (or resumes) the backfill on `db` as the desk's job would, until `sample` assets are done;
 * the run is left unfinished, to be resumed. For `bench:qc` as well.
 */
export async function measureBackfill(db: Db, sample: number): Promise<BackfillMeasure> {
  const actor = { id: null, uuid: null, email: "bench:backfill", role: "server" as const };
  const run = await startBackfill(db, actor, "caller");
  const stop = new AbortController();
  let done = 0;
  const started = performance.now();
  const first = (await db.probeRun.findUniqueOrThrow({ where: { uuid: run.uuid } })).done;
  await workProbeRun(db, run.uuid, {
    signal: stop.signal,
    onProgress: (now) => {
      done = now - first;
      process.stdout.write(`\rbackfill: ${count(done)} / ${count(sample)} sampled`);
      if (done >= sample) stop.abort();
    },
  }).catch((error: unknown) => {
    if (!stop.signal.aborted) throw error;
  });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write("\n");
  return { assets: done, seconds, perSecond: done / seconds };
}

/** Records `assets` assets over hard links to the clips, as a scan before the full probe would have. */
async function recordAssets(db: Db, dir: string, clips: string[], assets: number): Promise<void> {
  await mkdir(path.join(dir, "links"), { recursive: true });
  const uris = Array.from({ length: assets }, (_, i) => {
    const clip = clips[i % clips.length]!;
    return { clip, uri: path.join(dir, "links", `${String(i).padStart(6, "0")}${path.extname(clip)}`) };
  });
  await eachLimited(uris, READ_CONCURRENCY * 4, ({ clip, uri }) => link(clip, uri));
  const facts = new Map(await Promise.all(clips.map(async (clip) => [clip, await stat(clip)] as const)));
  for (let start = 0; start < assets; start += 10_000) {
    const chunk = uris.slice(start, start + 10_000);
    await db.$executeRaw`
      INSERT INTO assets (uri, size, file_mtime, hash_sha256, duration_ms, video_codec, container)
      SELECT u, s, m, md5(u) || md5(u), 1000, 'h264', 'mp4'
      FROM unnest(${chunk.map((c) => c.uri)}::text[], ${chunk.map((c) => String(facts.get(c.clip)!.size))}::bigint[],
        ${chunk.map((c) => new Date(Math.floor(facts.get(c.clip)!.mtimeMs)))}::timestamptz[]) AS t(u, s, m)`;
    process.stdout.write(`\rrecorded ${count(start + chunk.length)} / ${count(assets)} assets`);
  }
  process.stdout.write("\n");
  await db.$executeRawUnsafe("VACUUM ANALYZE assets");
}

/** Files per second that probeFile reads on this machine now, at the backfill's concurrency: the floor of its cost. */
async function probeAlone(clips: string[], files: number): Promise<number> {
  const started = performance.now();
  await eachLimited(
    Array.from({ length: files }, (_, i) => clips[i % clips.length]!),
    READ_CONCURRENCY,
    async (clip) => {
      await probeFile(clip);
    },
  );
  return files / ((performance.now() - started) / 1000);
}

export async function runBackfillBenchmark(options: { assets: number; sample: number }): Promise<number> {
  const server = databaseUrl(process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_URL, "postgres");
  const url = databaseUrl(server, DATABASE);
  // lib/env reads DATABASE_URL once at import, so the benchmark runs in a process started with it.
  if (process.env.DATABASE_URL !== url) {
    await dropDatabase(server, DATABASE);
    await withAdmin(server, (client) => client.query(`CREATE DATABASE "${DATABASE}"`));
    const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" },
    });
    await dropDatabase(server, DATABASE);
    return child.status ?? 1;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-bench-backfill-"));
  try {
    await migrateDatabase();
    const db = await getDb();
    const clips = Object.values(await makeProbeFixtures(dir));
    await recordAssets(db, dir, clips, options.assets);
    const sample = Math.min(options.sample, options.assets);
    const baseline = await probeAlone(clips, Math.min(sample, 100));
    const measured = await measureBackfill(db, sample);
    const [{ left }] = await db.$queryRaw<
      [{ left: number }]
    >`SELECT count(*)::int AS left FROM assets WHERE probe IS NULL`;
    console.log(
      [
        `Backfill at ${count(options.assets)} assets (${clips.length} real clips, hard-linked), ${os.availableParallelism()} cores, ${READ_CONCURRENCY} ffprobe at once:`,
        `  measured on a sample: ${count(measured.assets)} assets in ${measured.seconds.toFixed(1)} s = ${measured.perSecond.toFixed(1)} assets/s`,
        `  ffprobe alone (probeFile, no database, same concurrency): ${baseline.toFixed(1)} files/s; load average ${os.loadavg()[0]!.toFixed(1)}`,
        `  the whole ${count(options.assets)} at that rate: about ${(options.assets / measured.perSecond / 60).toFixed(0)} min (${count(left)} still to do, resumable)`,
      ].join("\n"),
    );
    return measured.assets >= sample ? 0 : 1;
  } finally {
    await closeDb();
    await rm(dir, { recursive: true, force: true });
  }
}
