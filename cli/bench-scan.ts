import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync, statSync } from "node:fs";
import { chmod, mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DEFAULT_BENCH_URL, seconds } from "@/cli/bench-database";
import { eachLimited } from "@/lib/ingest/local-file";
import type { RunSummary } from "@/lib/ingest/run-report";
import { ffprobePath } from "@/lib/media/binaries";
import type { BenchTable } from "@/cli/bench-table";
import { walkMedia } from "@/lib/ingest/walk";
import { databaseUrl, dropDatabase, withAdmin } from "@/lib/testing/test-database";

// `npm run bench:scan`: the first scan of a tree of real clips beside its floors measured in the
// same run — (a) `openssl dgst -sha256` over the same files on all cores, (b) the scanner's ffprobe,
// same arguments, over every file on all cores — and the rescan of an unchanged tree of 100,000
// files, all through the real CLI (child processes, so process start and the migration check are
// in the wall times) on a fresh PostgreSQL database. A benchmark, not a test: it prints figures and
// fails only when a check fails (a rescan that opened or probed a file, a hash that differs from
// openssl's, a clip that did not probe).

// Issue 15: first scan ≤ 1.25× the larger floor; rescan ≥ 20,000 unchanged files/s (100,000 in ≤ 5 s).
const TARGET_FIRST_RATIO = 1.25;
const TARGET_RESCAN_RATE = 20_000;
const MB = 1e6;
const CORES = os.availableParallelism();
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
// Its own database on the bench server, dropped and made anew on every run.
const DATABASE = "asset_desk_bench_scan";
// Most files 1–20 MB, skewed small (median ≈ 1.2 MB, mean ≈ 2.8 MB), plus two films of 300 and 800 MB:
// ≈ 2.2 GB with the default 400 files, so the whole bench stays within a few minutes.
const BIG_FILES = 2;
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
  table?: BenchTable;
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
    const floors = await measureFloors(treeA);
    problems.push(...floors.problems);

    console.log("\nScans:");
    const scans = [await scan(url, "A first scan (the scanner's ffprobe)", treeA, { FFPROBE_PATH: undefined })];
    problems.push(...checkScan(scans.at(-1)!, { new: treeA.files.length }));
    problems.push(...(await checkRecorded(url, treeA, floors.hashes)));
    scans.push(await countedScan(url, "A rescan, unchanged", treeA, counting));
    problems.push(...checkScan(scans.at(-1)!, { unchanged: treeA.files.length }));
    const treeB = await makeEmptyTree(path.join(work, "archive"), options.rescanFiles);
    await recordTree(url, treeB);
    for (const round of [1, 2]) {
      scans.push(await countedScan(url, `B rescan ${round}, unchanged`, treeB, counting));
      problems.push(...checkScan(scans.at(-1)!, { unchanged: treeB.files.length }));
    }
    const opened = [await openedUnder(url, treeA, counting), await openedUnder(url, treeB, counting)];
    opened.forEach((n, i) => n && problems.push(`rescan of tree ${"AB"[i]} opened ${n} files`));

    printScans(scans);
    if (opened.includes(null))
      console.log("strace missing or not permitted: the check that a rescan opens no file was skipped.");
    else
      console.log(
        `Rescans under strace (untimed): files opened under tree A ${opened[0]}, under tree B ${opened[1]} (folders are listed, never opened as files).`,
      );
    judgeFirstScan(scans[0]!, floors, options.table);
    await judgeRescan(
      treeB,
      scans.filter((s) => s.name.startsWith("B rescan")),
      startup.wallSeconds,
      options.table,
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

function judgeFirstScan(first: Scan, floors: Floors, table?: BenchTable) {
  const floor = Math.max(floors.openssl, floors.ffprobe);
  const ratio = first.runSeconds / floor;
  console.log(
    `\nFirst scan of tree A: ${first.runSeconds.toFixed(1)} s (the run; ${first.wallSeconds.toFixed(1)} s the whole command) against the floors measured in this run — (a) openssl dgst -sha256 on ${CORES} cores ${floors.openssl.toFixed(1)} s, (b) ffprobe of every file on ${CORES} cores ${floors.ffprobe.toFixed(1)} s: ${ratio.toFixed(2)}× the larger (target ≤ ${TARGET_FIRST_RATIO}×: ${ratio <= TARGET_FIRST_RATIO ? "met" : "MISSED"}).`,
  );
  table?.add({
    measure: `scan · first scan of ${count(first.summary.total ?? 0)} real clips (run)`,
    figure: first.runSeconds,
    unit: "s",
    floor,
    goal: `≤ ${TARGET_FIRST_RATIO}× floor (max of openssl, ffprobe on all cores)`,
    met: ratio <= TARGET_FIRST_RATIO,
  });
}

async function judgeRescan(treeB: Tree, rescans: Scan[], fixedCost: number, table?: BenchTable) {
  const started = performance.now();
  let walked = 0;
  for await (const entry of walkMedia([treeB.root])) if (entry.kind === "file") walked += 1;
  const walk = (performance.now() - started) / 1000;
  const run = Math.min(...rescans.map((s) => s.runSeconds));
  console.log(
    `\nWhere a rescan of tree B goes (measured apart, so under load they need not add up): the CLI's fixed cost ${fixedCost.toFixed(1)} s; the walk alone (walkMedia in this process, ${count(walked)} files) ${walk.toFixed(1)} s; the run itself (walk, known assets from the database, comparison, counting) ${run.toFixed(1)} s.`,
  );
  const worst = Math.max(...rescans.map((s) => s.wallSeconds));
  const rate = treeB.files.length / worst;
  console.log(
    `Target (rescan ≥ ${count(TARGET_RESCAN_RATE)} unchanged files/s through the CLI, its wall time, slower of the two): ${count(Math.round(rate))} files/s (${count(treeB.files.length)} in ${worst.toFixed(1)} s), ${rate >= TARGET_RESCAN_RATE ? "met" : "MISSED"}.`,
  );
  table?.add({
    measure: `scan · rescan of ${count(treeB.files.length)} unchanged files (CLI wall)`,
    figure: rate,
    unit: "files/s",
    floor: null,
    goal: `≥ ${count(TARGET_RESCAN_RATE)} files/s`,
    met: rate >= TARGET_RESCAN_RATE,
  });
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
export async function makeClips(folder: string): Promise<Record<"mp4" | "mkv", Buffer>> {
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
 * Empty files with media names, 100 to a season folder, 10 seasons to a show: a rescan only stats
 * files (`.mp4`/`.mkv` are not sniffed), so their size does not change what is measured. Their
 * records are written by SQL (recordTree), not by a first scan: the bench measures the rescan.
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

/** Records tree B's files as a first scan would (size 0, their modification time, the empty file's hash and error). */
async function recordTree(url: string, tree: Tree) {
  const started = performance.now();
  const mtimes = tree.files.map((file) => new Date(Math.floor(statSync(file).mtimeMs)).toISOString());
  await withAdmin(url, async (client) => {
    for (let i = 0; i < tree.files.length; i += 20_000)
      await client.query(
        `INSERT INTO assets (uri, size, file_mtime, hash_sha256, probe_error)
         SELECT uri, 0, mtime, $3, 'The file is empty (0 bytes)' FROM unnest($1::text[], $2::timestamptz[]) AS t(uri, mtime)`,
        [tree.files.slice(i, i + 20_000), mtimes.slice(i, i + 20_000), EMPTY_SHA256],
      );
    await client.query("ANALYZE assets");
  });
  console.log(`  Tree B: ${count(tree.files.length)} records written by SQL in ${seconds(started)}.`);
}

interface Floors {
  /** Wall seconds of `openssl dgst -sha256` over every file, CORES processes at once. */
  openssl: number;
  /** Wall seconds of the scanner's ffprobe (same binary, same arguments) over every file, CORES at once. */
  ffprobe: number;
  /** openssl's digest of each file, to check the scanner's. */
  hashes: Map<string, string>;
  problems: string[];
}

/**
 * The floors of a first scan, on the same files just before it: hashing the bytes on all cores
 * with OpenSSL (the fastest sha256 here), and ffprobe of every file with all cores busy. The files
 * are read once first, so all three see the page cache alike (this VM pages out memory unused for
 * about a minute, which a short bench outruns).
 */
async function measureFloors(tree: Tree): Promise<Floors> {
  const warm = performance.now();
  await xargs(["-n", "32", "sh", "-c", 'cat "$@" > /dev/null', "cat"], tree.files);
  console.log(
    `\nFloors (tree A read once first, ${seconds(warm)}; ${CORES} processes at once; load average ${loadAverage()}):`,
  );
  // Each openssl writes its own file: two of them writing one pipe interleave at their buffers'
  // boundaries, not at lines (a run read two digests torn that way and called the scanner's wrong).
  const out = await mkdtemp(path.join(os.tmpdir(), "asset-desk-bench-digests-"));
  const opensslStarted = performance.now();
  await xargs(["-n", "32", "sh", "-c", 'openssl dgst -sha256 -r "$@" > "$(mktemp "$0/XXXXXX")"', out], tree.files);
  const openssl = (performance.now() - opensslStarted) / 1000;
  const digests = (await Promise.all((await readdir(out)).map((name) => readFile(path.join(out, name), "utf8")))).join(
    "",
  );
  await rm(out, { recursive: true, force: true });
  const hashes = new Map(
    digests
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(66), line.slice(0, 64)] as const),
  );
  const binary = ffprobePath();
  const ffprobeStarted = performance.now();
  await xargs(["-n", "1", binary, ...FFPROBE_ARGS], tree.files);
  const ffprobe = (performance.now() - ffprobeStarted) / 1000;
  console.log(
    `  (a) openssl dgst -sha256: ${openssl.toFixed(1)} s (${(tree.bytes / MB / openssl).toFixed(0)} MB/s)\n  (b) ${binary} ${FFPROBE_ARGS.join(" ")} FILE: ${ffprobe.toFixed(1)} s (${(tree.files.length / ffprobe).toFixed(0)} files/s)`,
  );
  const problems =
    hashes.size === tree.files.length ? [] : [`openssl hashed ${hashes.size} of ${tree.files.length} files`];
  return { openssl, ffprobe, hashes, problems };
}

/** The arguments lib/ingest/probe.ts gives ffprobe, before the file. */
const FFPROBE_ARGS = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams"];

/** `xargs -0 -P CORES …` over the files (names on stdin); its stdout. */
function xargs(command: string[], files: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("xargs", ["-0", "-P", String(CORES), ...command], { stdio: ["pipe", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`xargs ${command[2]} exited with ${code}`)),
    );
    child.stdin.end(files.map((file) => `${file}\0`).join(""));
  });
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

/** Every clip of tree A probed (trailing bytes do not trouble ffprobe), with the hash openssl computed. */
async function checkRecorded(url: string, tree: Tree, hashes: Map<string, string>): Promise<string[]> {
  const rows = await withAdmin(url, async (client) => {
    const { rows } = await client.query<{ uri: string; hash: string | null; probed: boolean }>(
      `SELECT uri, hash_sha256 AS hash, (probe_error IS NULL AND video_codec IS NOT NULL AND audio_codec IS NOT NULL) AS probed
       FROM assets WHERE uri LIKE $1`,
      [`${tree.root}/%`],
    );
    return rows;
  });
  const unprobed = rows.filter((row) => !row.probed).length;
  const differing = rows.filter((row) => row.hash !== hashes.get(row.uri));
  return [
    ...(unprobed ? [`tree A: ${unprobed} of ${rows.length} files without probe data`] : []),
    ...(differing.length
      ? [`tree A: ${differing.length} hashes differ from openssl's, e.g. ${differing[0]!.uri}`]
      : []),
  ];
}

function printScans(scans: Scan[]) {
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
