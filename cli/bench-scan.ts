import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, rmSync } from "node:fs";
import { chmod, mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DEFAULT_BENCH_URL, seconds } from "@/cli/bench-database";
import { hashFile } from "@/lib/ingest/file-threads";
import { eachLimited } from "@/lib/ingest/local-file";
import type { RunSummary } from "@/lib/ingest/run-report";
import { READ_CONCURRENCY } from "@/lib/ingest/run-progress";
import { walkMedia } from "@/lib/ingest/walk";
import { databaseUrl, dropDatabase, withAdmin } from "@/lib/testing/test-database";

// `npm run bench:scan`: hashing throughput against sha256sum, the first scan of a realistic tree
// and the rescan of an unchanged tree of 100,000 files, all through the real CLI (child processes,
// so process start and the migration check are in the wall times) on a fresh PostgreSQL database.
// A benchmark, not a test: it prints figures and fails only when a check fails (a rescan that
// opened or probed a file, a hash that differs from sha256sum's, a clip that did not probe).

const TARGET_HASH_RATIO = 0.9;
const TARGET_RESCAN_SECONDS = 30;
const TARGET_RESCAN_FILES = 100_000;
const MB = 1e6;
const ROUNDS = 2;
// Its own database on the bench server, dropped and made anew on every run.
const DATABASE = "asset_desk_bench_scan";
// Most files 1–20 MB, skewed small (median ≈ 1.2 MB, mean ≈ 2.8 MB), plus eight films of 300–800 MB:
// ≈ 12.8 GB with 3,000 files.
const BIG_FILES = 8;
const smallSize = (u: number) => Math.round(MB * 20 ** (u ** 4));
const bigSize = (i: number) => Math.round(MB * (300 + (500 * i) / (BIG_FILES - 1)));

const ASSET_DESK = fileURLToPath(new URL("./asset-desk.js", import.meta.url));
const run = promisify(execFile);
const count = (n: number) => n.toLocaleString("en");

interface Tree {
  root: string;
  files: string[];
  bytes: number;
}

interface Scan {
  name: string;
  summary: RunSummary;
  runSeconds: number;
  wallSeconds: number;
  probeCalls: number | null;
}

export async function runScanBenchmark(options: {
  files: number;
  rescanFiles: number;
  keep: boolean;
}): Promise<number> {
  const server = benchServer();
  const url = databaseUrl(server, DATABASE);
  const work = await mkdtemp(path.join(os.tmpdir(), "asset-desk-bench-scan-"));
  // A tree of several GB must not outlive an interrupted run.
  const interrupted = () => {
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  };
  process.once("SIGINT", interrupted).once("SIGTERM", interrupted);
  const problems: string[] = [];
  const started = performance.now();
  try {
    await dropDatabase(server, DATABASE);
    await withAdmin(server, (client) => client.query(`CREATE DATABASE "${DATABASE}"`));
    await cli(url, ["db", "migrate"]);
    const startup = await cli(url, ["db", "migrate"]);
    const counting = await writeCountingProbe(work);
    console.log(
      `${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, ${await serverVersion(url)}; load average ${loadAverage()}.`,
    );
    console.log(`ffprobe of the first scan: ${await ffprobeVersion()}.`);
    console.log(
      `Database ${DATABASE} re-created and migrated; the CLI's fixed cost (start, tsx, migration check): ${startup.wallSeconds.toFixed(1)} s.`,
    );

    const madeA = performance.now();
    const treeA = await makeRealisticTree(path.join(work, "library"), options.files);
    console.log(
      `Tree A: ${count(treeA.files.length)} files, ${(treeA.bytes / 1e9).toFixed(1)} GB, made in ${seconds(madeA)}.`,
    );
    problems.push(...(await measureHashing(treeA)));

    console.log("\nScans:");
    const scans = [await scan(url, "A first scan (real ffprobe)", treeA, { FFPROBE_PATH: undefined })];
    problems.push(...checkScan(scans.at(-1)!, { new: treeA.files.length }), ...(await checkProbed(url, treeA)));
    scans.push(await countedScan(url, "A rescan, unchanged", treeA, counting));
    problems.push(...checkScan(scans.at(-1)!, { unchanged: treeA.files.length }));
    const treeB = await makeEmptyTree(path.join(work, "archive"), options.rescanFiles);
    scans.push(await scan(url, "B first scan (setup: empty files, no ffprobe)", treeB, { FFPROBE_PATH: undefined }));
    problems.push(...checkScan(scans.at(-1)!, { failed: treeB.files.length }));
    for (const round of [1, 2]) {
      scans.push(await countedScan(url, `B rescan ${round}, unchanged`, treeB, counting));
      problems.push(...checkScan(scans.at(-1)!, { unchanged: treeB.files.length }));
    }
    const opened = [await openedUnder(url, treeA, counting), await openedUnder(url, treeB, counting)];
    opened.forEach((n, i) => n && problems.push(`rescan of tree ${"AB"[i]} opened ${n} files`));

    printScans(scans, treeA);
    if (opened.includes(null))
      console.log("strace missing or not permitted: the check that a rescan opens no file was skipped.");
    else
      console.log(
        `Rescans under strace (untimed): files opened under tree A ${opened[0]}, under tree B ${opened[1]} (folders are listed, never opened as files).`,
      );
    await printRescanTarget(
      treeB,
      scans.filter((s) => s.name.startsWith("B rescan")),
      startup.wallSeconds,
    );
  } finally {
    process.off("SIGINT", interrupted).off("SIGTERM", interrupted);
    await rm(work, { recursive: true, force: true });
    if (!options.keep) await dropDatabase(server, DATABASE);
  }
  console.log(
    `\nBench took ${seconds(started)}; load average ${loadAverage()}${options.keep ? `; database kept: ${url}` : ""}.`,
  );
  if (problems.length) {
    console.error(`\nCHECK FAILED (${problems.length}):`);
    for (const problem of problems) console.error(`  ✗ ${problem}`);
  }
  return problems.length ? 1 : 0;
}

async function printRescanTarget(treeB: Tree, rescans: Scan[], fixedCost: number) {
  const started = performance.now();
  let walked = 0;
  for await (const entry of walkMedia([treeB.root])) if (entry.kind === "file") walked += 1;
  const walk = (performance.now() - started) / 1000;
  const run = Math.min(...rescans.map((s) => s.runSeconds));
  console.log(
    `\nWhere a rescan of tree B goes (measured apart, so under load they need not add up): the CLI's fixed cost ${fixedCost.toFixed(1)} s; the walk alone (walkMedia in this process, ${count(walked)} files) ${walk.toFixed(1)} s; the run itself (walk, known assets from the database, comparison, counting) ${run.toFixed(1)} s.`,
  );
  const worst = Math.max(...rescans.map((s) => s.wallSeconds));
  console.log(
    treeB.files.length === TARGET_RESCAN_FILES
      ? `Target (rescan of ${count(TARGET_RESCAN_FILES)} unchanged files ≤ ${TARGET_RESCAN_SECONDS} s, the CLI's wall time, slower of the two): ${worst.toFixed(1)} s, ${worst <= TARGET_RESCAN_SECONDS ? "met" : "MISSED"}.`
      : `The rescan target applies to ${count(TARGET_RESCAN_FILES)} files (the default --rescan-files); not judged.`,
  );
}

/** The server of BENCH_DATABASE_URL (the other benchmarks' server), through its maintenance database. */
function benchServer(): string {
  return databaseUrl(process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_URL, "postgres");
}

const serverVersion = (url: string) =>
  withAdmin(
    url,
    async (client) =>
      `PostgreSQL ${(await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v}`,
  );
const ffprobeVersion = () =>
  run("ffprobe", ["-version"]).then(
    ({ stdout }) => stdout.split("\n")[0],
    () => "none on PATH (the scanner falls back to @ffprobe-installer/ffprobe)",
  );
const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");

/** The ffprobe of every rescan: it logs each call to $BENCH_PROBE_CALLS and fails, so a probed file cannot go unnoticed. */
async function writeCountingProbe(work: string): Promise<string> {
  const counting = path.join(work, "ffprobe-counting");
  await writeFile(
    counting,
    `#!/bin/sh\necho "$@" >> "$BENCH_PROBE_CALLS"\necho "bench:scan: ffprobe called during a rescan of an unchanged tree" >&2\nexit 1\n`,
  );
  await chmod(counting, 0o755);
  return counting;
}

/** Series / season / episode folders of real clips (h264 + aac in mp4 and mkv), each padded to its size and made unique by its last bytes. */
async function makeRealisticTree(root: string, files: number): Promise<Tree> {
  const clips = await makeClips(path.join(root, ".clips"));
  const noise = randomBytes(64 * 1024 * 1024);
  const plan = Array.from({ length: files }, (_, i) => {
    const big = i < BIG_FILES;
    const extension = i % 3 === 0 ? "mp4" : "mkv";
    const series = `Series ${String(Math.floor(i / 30) + 1).padStart(3, "0")}`;
    const season = `Season ${String(Math.floor((i % 30) / 10) + 1).padStart(2, "0")}`;
    const file = big
      ? path.join(root, "Films", `Film ${i + 1} (2024)`, `Film ${i + 1}.${extension}`)
      : path.join(
          root,
          "Series",
          series,
          season,
          `${series} - S${season.slice(-2)}E${String((i % 10) + 1).padStart(2, "0")}.${extension}`,
        );
    // The golden-ratio sequence spreads the sizes evenly over their range, the same on every run.
    return { file, clip: clips[extension], size: big ? bigSize(i) : smallSize((i * 0.6180339887) % 1) };
  });
  await Promise.all(
    [...new Set(plan.map((p) => path.dirname(p.file)))].map((folder) => mkdir(folder, { recursive: true })),
  );
  let bytes = 0;
  await eachLimited(plan, 4, async ({ file, clip, size }) => {
    const tail = Buffer.from(`\nasset-desk bench file ${file}\n`);
    bytes += Math.max(size, clip.length + tail.length);
    const handle = await open(file, "w");
    try {
      await handle.write(clip);
      for (let left = size - clip.length - tail.length, at = 0; left > 0; at++) {
        const start = (at * 4099 + size) % (noise.length / 2);
        const chunk = noise.subarray(start, start + Math.min(left, noise.length / 2));
        await handle.write(chunk);
        left -= chunk.length;
      }
      await handle.write(tail);
    } finally {
      await handle.close();
    }
  });
  return { root, files: plan.map((p) => p.file), bytes };
}

/** 6-second 640×360 clips (≈ 0.6 MB), made once; hidden (".clips"), so the walk does not report them. */
async function makeClips(folder: string): Promise<Record<"mp4" | "mkv", Buffer>> {
  await mkdir(folder, { recursive: true });
  const input = [
    "-f",
    "lavfi",
    "-i",
    "testsrc2=size=640x360:rate=25:duration=6",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=440:duration=6",
  ];
  const codecs = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "35", "-c:a", "aac"];
  const at = { mp4: path.join(folder, "clip.mp4"), mkv: path.join(folder, "clip.mkv") };
  await Promise.all(Object.values(at).map((file) => run("ffmpeg", ["-v", "error", "-y", ...input, ...codecs, file])));
  return { mp4: await readFile(at.mp4), mkv: await readFile(at.mkv) };
}

/**
 * Empty files with media names, 100 to a season folder, 10 seasons to a show. Empty, because the
 * scanner records an empty file (its hash, and "The file is empty" as a failed probe) without
 * starting ffprobe: a process spawned from the scanner costs 9–17 ms of its event loop (see
 * docs/benchmarks.md), so 100,000 probed files, even with a stand-in ffprobe, would take ≈ 20
 * minutes to set up. A rescan only stats files, so their size does not change what is measured.
 */
async function makeEmptyTree(root: string, files: number): Promise<Tree> {
  const paths = Array.from({ length: files }, (_, i) => {
    const show = `Show ${String(Math.floor(i / 1000) + 1).padStart(3, "0")}`;
    const season = `Season ${String(Math.floor((i % 1000) / 100) + 1).padStart(2, "0")}`;
    return path.join(
      root,
      show,
      season,
      `${show} - ${season} - Part ${String((i % 100) + 1).padStart(3, "0")}.${i % 2 ? "mkv" : "mp4"}`,
    );
  });
  await Promise.all(
    [...new Set(paths.map((file) => path.dirname(file)))].map((folder) => mkdir(folder, { recursive: true })),
  );
  const started = performance.now();
  await eachLimited(paths, 64, (file) => writeFile(file, ""));
  console.log(`  Tree B: ${count(files)} empty files, made in ${seconds(started)}.`);
  return { root, files: paths, bytes: 0 };
}

const METHODS = {
  ours: "hashFile, one file after another",
  sha256sum: "sha256sum, one process per ~100 KB of names",
  openssl: "openssl dgst -sha256, the same batches",
  concurrent: `hashFile, ${READ_CONCURRENCY} at once (the scanner's concurrency)`,
};
type Method = keyof typeof METHODS;

/**
 * hashFile against sha256sum (and openssl) on the same files, best of ROUNDS. This machine (a
 * Firecracker VM) pages out memory unused for about a minute, page cache included, however much is
 * free; so the files go in groups of ~1 GB, each read once just before the methods take turns on it.
 */
async function measureHashing(tree: Tree): Promise<string[]> {
  const ours = new Map<string, string>();
  const theirs = new Map<string, string>();
  const work: Record<Method, (files: string[]) => Promise<number | void>> = {
    ours: async (files) => {
      for (const file of files) ours.set(file, await hashFile(file));
    },
    sha256sum: async (files) => {
      const { stdout, cpu } = await runTool(["sha256sum", "--"], files);
      for (const line of stdout.split("\n").filter(Boolean)) theirs.set(line.slice(66), line.slice(0, 64));
      return cpu;
    },
    openssl: async (files) => (await runTool(["openssl", "dgst", "-sha256"], files)).cpu,
    concurrent: (files) => eachLimited(files, READ_CONCURRENCY, async (file) => void (await hashFile(file))),
  };
  const methods = Object.keys(METHODS) as Method[];
  const totals = Object.fromEntries(
    methods.map((m) => [m, { wall: Array<number>(ROUNDS).fill(0), cpu: Array<number>(ROUNDS).fill(0) }]),
  ) as Record<Method, { wall: number[]; cpu: number[] }>;
  let warming = 0;
  for (const group of await groupsOf(tree.files, 1e9)) {
    const warm = performance.now();
    await eachLimited(
      group,
      4,
      (file) =>
        new Promise<void>((resolve, reject) =>
          createReadStream(file)
            .on("data", () => undefined)
            .on("end", resolve)
            .on("error", reject),
        ),
    );
    warming += performance.now() - warm;
    for (let round = 0; round < ROUNDS; round++) {
      for (const method of methods) {
        const [started, before] = [performance.now(), process.cpuUsage()];
        const childCpu = await work[method](group);
        const own = process.cpuUsage(before);
        totals[method].wall[round]! += (performance.now() - started) / 1000;
        totals[method].cpu[round]! += childCpu ?? (own.user + own.system) / 1e6;
      }
    }
  }
  const rate = (m: Method) => tree.bytes / MB / Math.min(...totals[m].wall);
  const cpu = (m: Method) => Math.min(...totals[m].cpu) / (tree.bytes / 1e9);
  console.log(
    `\nHashing ${(tree.bytes / 1e9).toFixed(1)} GB in groups of ~1 GB, each read once first (${(warming / 1000).toFixed(1)} s in all); best of ${ROUNDS} rounds; MB = 10^6 bytes`,
  );
  printTable(
    ["method", "MB/s", "CPU s per GB"],
    methods.map((m) => [METHODS[m], rate(m).toFixed(0), cpu(m).toFixed(2)]),
  );
  const ratio = rate("ours") / rate("sha256sum");
  console.log(
    `ours / sha256sum: ${ratio.toFixed(2)} by MB/s, ${(cpu("sha256sum") / cpu("ours")).toFixed(2)} by CPU time (target ≥ ${TARGET_HASH_RATIO}: ${ratio >= TARGET_HASH_RATIO ? "met" : "MISSED"}); ours / openssl: ${(rate("ours") / rate("openssl")).toFixed(2)} by MB/s, ${(cpu("openssl") / cpu("ours")).toFixed(2)} by CPU time.`,
  );
  const differing = tree.files.filter((file) => ours.get(file) !== theirs.get(file));
  return differing.length ? [`hashFile and sha256sum differ on ${differing.length} files, e.g. ${differing[0]}`] : [];
}

/** The files in order, cut into groups of about `bytes` each. */
async function groupsOf(files: string[], bytes: number): Promise<string[][]> {
  const groups: string[][] = [[]];
  let size = 0;
  for (const file of files) {
    if (size >= bytes) {
      groups.push([]);
      size = 0;
    }
    groups.at(-1)!.push(file);
    size += (await stat(file)).size;
  }
  return groups;
}

/**
 * Runs a tool over the files, one process per ~100 KB of names, one after another (one stream, like
 * hashFile in a loop); its output and the CPU seconds it used, as the shell's `times` reports them.
 */
async function runTool(command: string[], files: string[]): Promise<{ stdout: string; cpu: number }> {
  let stdout = "";
  let cpu = 0;
  for (let start = 0, end = 0; start < files.length; start = end) {
    for (let length = 0; end < files.length && (end === start || length + files[end]!.length < 100_000); end++)
      length += files[end]!.length + 1;
    const result = await run(
      "/bin/sh",
      ["-c", `"$0" "$@" || exit; times >&2`, ...command, ...files.slice(start, end)],
      { maxBuffer: 64 * MB },
    );
    stdout += result.stdout;
    const children = result.stderr.trim().split("\n").at(-1) ?? "";
    for (const [, minutes, secs] of children.matchAll(/(\d+)m([\d.]+)s/g)) cpu += Number(minutes) * 60 + Number(secs);
  }
  return { stdout, cpu };
}

/** One `asset-desk` command as a child process on the bench database (under `wrap`, e.g. strace); its stdout and wall time. */
function cli(
  url: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  wrap: string[] = [],
): Promise<{ stdout: string; wallSeconds: number }> {
  const started = performance.now();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  const [command, ...rest] = [...wrap, process.execPath, ASSET_DESK, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(command!, rest, { env: childEnv, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve({ stdout, wallSeconds: (performance.now() - started) / 1000 });
      else reject(new Error(`asset-desk ${args.join(" ")} exited with ${code}:\n${stdout}`));
    });
  });
}

async function scan(
  url: string,
  name: string,
  tree: Tree,
  env: Record<string, string | undefined>,
  wrap: string[] = [],
): Promise<Scan> {
  const { stdout, wallSeconds } = await cli(url, ["scan", tree.root, "--json"], env, wrap);
  const summary = JSON.parse(stdout) as RunSummary;
  const runSeconds = (Date.parse(summary.finishedAt ?? "") - Date.parse(summary.startedAt ?? "")) / 1000;
  console.log(`  ${name}: ${wallSeconds.toFixed(1)} s`);
  return { name, summary, runSeconds, wallSeconds, probeCalls: null };
}

/** A rescan whose ffprobe counts its calls into a file and fails: any call means a file was read again. */
async function countedScan(
  url: string,
  name: string,
  tree: Tree,
  counting: string,
  wrap: string[] = [],
): Promise<Scan> {
  const calls = path.join(path.dirname(counting), `calls-${Date.now()}`);
  const result = await scan(url, name, tree, { FFPROBE_PATH: counting, BENCH_PROBE_CALLS: calls }, wrap);
  const logged = await readFile(calls, "utf8").catch(() => "");
  return { ...result, probeCalls: logged.split("\n").filter(Boolean).length };
}

/**
 * Another rescan, under strace: how many files under the tree it opened (hashing or probing opens
 * the file; the walk only lists folders). Null where strace is missing or may not trace.
 */
async function openedUnder(url: string, tree: Tree, counting: string): Promise<number | null> {
  const trace = path.join(path.dirname(counting), `strace-${path.basename(tree.root)}.log`);
  const strace = ["strace", "-f", "--seccomp-bpf", "-s", "4096", "-e", "trace=openat,open", "-o", trace];
  const traced = await countedScan(url, `${path.basename(tree.root)} rescan under strace`, tree, counting, strace).then(
    () => true,
    () => false,
  );
  if (!traced) return null;
  const lines = (await readFile(trace, "utf8")).split("\n");
  return lines.filter((line) => line.includes(`"${tree.root}/`) && !line.includes("O_DIRECTORY")).length;
}

function checkScan(
  { name, summary, probeCalls }: Scan,
  expected: { new?: number; unchanged?: number; failed?: number },
): string[] {
  const want = { new: 0, changed: 0, unchanged: 0, missing: 0, failed: 0, ...expected };
  const problems = Object.entries(want)
    .filter(([key, value]) => summary.counts[key as keyof typeof want] !== value)
    .map(([key, value]) => `${name}: ${key} ${summary.counts[key as keyof typeof want]}, expected ${value}`);
  if (summary.status !== "succeeded") problems.push(`${name}: run ${summary.status}: ${summary.error}`);
  if (probeCalls) problems.push(`${name}: ffprobe was called ${probeCalls} times (the files were read again)`);
  return problems;
}

/** Every clip of tree A probed (trailing bytes do not trouble ffprobe) and every hash distinct. */
async function checkProbed(url: string, tree: Tree): Promise<string[]> {
  const { assets, unprobed, hashes } = await withAdmin(url, async (client) => {
    const { rows } = await client.query<{ assets: number; unprobed: number; hashes: number }>(
      `SELECT count(*)::int AS assets, count(*) FILTER (WHERE probe_error IS NOT NULL OR video_codec IS NULL OR audio_codec IS NULL)::int AS unprobed,
        count(DISTINCT hash_sha256)::int AS hashes FROM assets WHERE uri LIKE $1`,
      [`${tree.root}/%`],
    );
    return rows[0]!;
  });
  return [
    ...(unprobed ? [`tree A: ${unprobed} of ${assets} files without probe data`] : []),
    ...(hashes !== tree.files.length ? [`tree A: ${hashes} distinct hashes for ${tree.files.length} files`] : []),
  ];
}

function printScans(scans: Scan[], treeA: Tree) {
  console.log(
    "\nScans through the CLI (asset-desk scan DIR --json); run = the run's startedAt → finishedAt, wall = the whole command",
  );
  printTable(
    [
      "scan",
      "files",
      "run s",
      "wall s",
      "files/s (run)",
      "files/s (wall)",
      "new",
      "failed",
      "unchanged",
      "ffprobe calls",
    ],
    scans.map(({ name, summary, runSeconds, wallSeconds, probeCalls }) => {
      const files = summary.total ?? 0;
      const perSecond = (s: number) => count(Math.round(files / s));
      return [
        name,
        count(files),
        runSeconds.toFixed(1),
        wallSeconds.toFixed(1),
        perSecond(runSeconds),
        perSecond(wallSeconds),
        count(summary.counts.new),
        count(summary.counts.failed),
        count(summary.counts.unchanged),
        probeCalls === null ? "–" : String(probeCalls),
      ];
    }),
  );
  console.log(
    `Tree A's first scan read ${(treeA.bytes / MB / scans[0]!.runSeconds).toFixed(0)} MB/s (hash + ffprobe, ${READ_CONCURRENCY} files at once).`,
  );
}

/** A Markdown table: first column left-aligned, the others right-aligned. */
function printTable(header: string[], rows: string[][]) {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const cells = (row: string[]) =>
    row.map((cell, column) => (column ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)));
  console.log(`| ${cells(header).join(" | ")} |`);
  console.log(
    `|${widths.map((width, column) => (column ? `${"-".repeat(width + 1)}:` : `:${"-".repeat(width + 1)}`)).join("|")}|`,
  );
  for (const row of rows) console.log(`| ${cells(row).join(" | ")} |`);
}
