import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DEFAULT_BENCH_URL, seconds } from "@/cli/bench-database";
import { makeClips } from "@/cli/bench-scan";
import type { BenchTable } from "@/cli/bench-table";
import { databaseUrl, dropDatabase, withAdmin } from "@/lib/testing/test-database";

// `npm run bench:workers`: a first scan of four folder sources of real clips, queued as the desk
// queues them, worked by one `asset-desk worker` and then by two (each --concurrency 2, the default),
// each round on a fresh database. Prints the wall time of each (first run started → last run
// finished, the database's clock), the speed-up, and the CPU the workers used (their own and their
// ffprobe children's) beside the machine's: on a machine whose cores one worker already keeps busy,
// a second worker cannot add throughput, and the figures show it.

const DATABASE = "asset_desk_workers_bench";
const SOURCES = 4;
const GOAL = 1.6;
const CLOCK_TICKS = 100; // USER_HZ: /proc's unit of CPU time on Linux
const ASSET_DESK = fileURLToPath(new URL("./asset-desk.js", import.meta.url));
const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
const run = promisify(execFile);

interface Round {
  workers: number;
  concurrency: number;
  seconds: number;
  files: number;
  workerCpuSeconds: number;
  machineBusy: number;
}

export async function runWorkersBenchmark(options: {
  files: number;
  concurrency?: number;
  table?: BenchTable;
}): Promise<number> {
  const server = databaseUrl(process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_URL, "postgres");
  const url = databaseUrl(server, DATABASE);
  const concurrency = options.concurrency ?? 2;
  const work = await mkdtemp(path.join(os.tmpdir(), "asset-desk-bench-workers-"));
  const started = performance.now();
  const rounds: Round[] = [];
  try {
    console.log(
      `${os.availableParallelism()} cores, Node ${process.versions.node}; load average ${loadAverage()}. ` +
        `${SOURCES} sources × ${options.files} clips, workers --concurrency ${concurrency}.`,
    );
    const folders = await makeFolders(work, options.files);
    for (const workers of [1, 2]) rounds.push(await scanRound(server, url, folders, workers, concurrency));
  } finally {
    await rm(work, { recursive: true, force: true });
    await dropDatabase(server, DATABASE);
  }
  printRounds(rounds);
  const [one, two] = rounds as [Round, Round];
  const speedUp = one.seconds / two.seconds;
  console.log(
    `\nSpeed-up with two workers: ${speedUp.toFixed(2)}× (goal ≥ ${GOAL}×). ` +
      `One worker kept ${one.workerCpuSeconds / one.seconds > 1.5 ? "both" : "fewer than two"} of the cores busy ` +
      `(${(one.workerCpuSeconds / one.seconds).toFixed(2)} cores on average).`,
  );
  options.table?.add({
    measure: `scan · ${SOURCES} sources · 2 workers vs 1 (speed-up)`,
    figure: speedUp,
    unit: "×",
    floor: null,
    goal: `≥ ${GOAL}×`,
    met: speedUp >= GOAL,
  });
  console.log(`\nBench took ${seconds(started)}; load average ${loadAverage()}.`);
  return 0;
}

async function scanRound(
  server: string,
  url: string,
  folders: string[],
  workers: number,
  concurrency: number,
): Promise<Round> {
  await dropDatabase(server, DATABASE);
  await withAdmin(server, (client) => client.query(`CREATE DATABASE "${DATABASE}"`));
  await cli(url, ["db", "migrate"]);
  // Queued before any worker runs: the round times the workers, not the queueing.
  for (const folder of folders) await cli(url, ["scan", folder, "--queue", "--json"]);
  const machineBefore = await machineCpu();
  const processes = Array.from({ length: workers }, () => startWorker(url, concurrency));
  try {
    const runs = await waitForRuns(url);
    const failed = runs.filter((r) => r.status !== "succeeded" || r.new_count !== r.total);
    if (failed.length) throw new Error(`runs that did not scan every file: ${JSON.stringify(failed)}`);
    const workerCpuSeconds = (await Promise.all(processes.map((p) => processCpuSeconds(p.pid!)))).reduce(
      (a, b) => a + b,
      0,
    );
    const machineAfter = await machineCpu();
    const window = await withAdmin(url, async (client) => {
      const { rows } = await client.query<{ s: number }>(
        "SELECT extract(epoch FROM max(finished_at) - min(started_at))::float AS s FROM scan_runs",
      );
      return rows[0]!.s;
    });
    const distinctWorkers = new Set(runs.map((r) => r.worker)).size;
    console.log(
      `  ${workers} worker(s): ${window.toFixed(1)} s, runs taken by ${distinctWorkers} worker(s); load average ${loadAverage()}`,
    );
    return {
      workers,
      concurrency,
      seconds: window,
      files: runs.reduce((sum, r) => sum + r.total, 0),
      workerCpuSeconds,
      machineBusy: (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
    };
  } finally {
    await Promise.all(processes.map(stop));
  }
}

interface RunRow {
  status: string;
  total: number;
  new_count: number;
  worker: string | null;
  error: string | null;
}

async function waitForRuns(url: string): Promise<RunRow[]> {
  for (;;) {
    const runs = await withAdmin(
      url,
      async (client) =>
        (
          await client.query<RunRow>(
            "SELECT status, COALESCE(total, 0) AS total, new_count, worker, error FROM scan_runs",
          )
        ).rows,
    );
    if (runs.length === SOURCES && runs.every((r) => r.status === "succeeded" || r.status === "failed")) return runs;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A worker process (node itself, so that its pid is the one whose CPU is read). */
function startWorker(url: string, concurrency: number): ChildProcess {
  return spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", MAIN, "worker", "--concurrency", String(concurrency)],
    {
      env: { ...process.env, DATABASE_URL: url, ASSET_DESK_CLI: "1", LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** CPU seconds of the process and of its children it has waited for (every ffprobe it ran). */
async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime, stime, cutime, cstime: fields 14–17 of proc(5); fields[0] here is field 3.
  return fields.slice(11, 15).reduce((sum, n) => sum + Number(n), 0) / CLOCK_TICKS;
}

/** The machine's CPU time, all cores: busy and total ticks (every process, other users' included). */
async function machineCpu(): Promise<{ busy: number; total: number }> {
  const line = (await readFile("/proc/stat", "utf8")).split("\n")[0]!;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - ticks[3]! - ticks[4]!, total };
}

function printRounds(rounds: Round[]) {
  const cores = os.availableParallelism();
  console.log("\n| workers | wall s | files/s | workers' CPU s | cores used by workers | machine busy |");
  console.log("|---:|---:|---:|---:|---:|---:|");
  for (const r of rounds)
    console.log(
      `| ${r.workers} × --concurrency ${r.concurrency} | ${r.seconds.toFixed(1)} | ${(r.files / r.seconds).toFixed(1)} | ` +
        `${r.workerCpuSeconds.toFixed(1)} | ${(r.workerCpuSeconds / r.seconds).toFixed(2)} of ${cores} | ${(r.machineBusy * 100).toFixed(0)} % |`,
    );
}

/** Four folders of distinct real clips: 6-second 640×360 h264 + aac, each made unique by its last bytes. */
async function makeFolders(work: string, files: number): Promise<string[]> {
  const { mp4: clip } = await makeClips(path.join(work, ".clips"));
  const folders: string[] = [];
  for (let s = 1; s <= SOURCES; s++) {
    const folder = path.join(work, `source-${s}`);
    await mkdir(folder);
    for (let i = 0; i < files; i++) {
      const file = path.join(folder, `clip-${String(i).padStart(4, "0")}.mp4`);
      await writeFile(file, Buffer.concat([clip, Buffer.from(`\nasset-desk bench file ${file}\n`)]));
    }
    folders.push(folder);
  }
  return folders;
}

function cli(url: string, args: string[]): Promise<{ stdout: string }> {
  return run(process.execPath, [ASSET_DESK, ...args], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" },
    maxBuffer: 16 * 2 ** 20,
  });
}

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");
