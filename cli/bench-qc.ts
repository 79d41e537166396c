import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ffmpegPath } from "@/lib/media/binaries";
import { ffmpegInputArgs } from "@/lib/media/input";
import { analyzeMedia } from "@/lib/qc/analyze";
import type { BenchTable } from "@/cli/bench-table";

// `npm run bench:qc`: QC of a 1080p H.264 + AAC clip of 60 s (analyzeMedia: one decode, every
// detector) against a plain `ffmpeg -i f -f null -` decode of the same file, alternated in the same
// run, each three times (median). Wall time and ffmpeg's CPU seconds (the children's times in
// /proc/self/stat): on a shared machine the wall time mostly measures the neighbours. The goal is
// QC ≤ 1.2× the plain decode.

const run = promisify(execFile);
const SECONDS = 60;
const ROUNDS = 3;
const GOAL = 1.2;
const FILE = path.join(os.tmpdir(), "asset-desk-bench-qc", `1080p-${SECONDS}s.mp4`);

/** CPU seconds of the children this process has waited for. */
function childCpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

async function once(work: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const [cpu0, started] = [childCpuSeconds(), performance.now()];
  await work();
  return { wall: (performance.now() - started) / 1000, cpu: childCpuSeconds() - cpu0 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runQcBenchmark({ table }: { table?: BenchTable } = {}): Promise<number> {
  if (!existsSync(FILE)) {
    await mkdir(path.dirname(FILE), { recursive: true });
    console.log(`making ${path.basename(FILE)} (libx264 veryfast, AAC stereo)…`);
    await run(ffmpegPath(), [
      ...["-v", "error", "-y", "-f", "lavfi", "-i", `testsrc2=size=1920x1080:rate=25:duration=${SECONDS}`],
      ...["-f", "lavfi", "-i", `sine=frequency=1000:sample_rate=48000:duration=${SECONDS}`],
      ...["-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2", FILE],
    ]);
  }
  const input = { kind: "file" as const, path: FILE };
  const ways = {
    decode: () => run(ffmpegPath(), ["-v", "error", "-nostdin", ...ffmpegInputArgs(input), "-f", "null", "-"]),
    qc: () => analyzeMedia(input, { hasVideo: true, hasAudio: true, durationMs: SECONDS * 1000, timeoutMs: 600_000 }),
  };
  const load = () =>
    os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" ");
  console.log(`${os.availableParallelism()} cores, load average ${load()}`);
  const rounds: Record<keyof typeof ways, { wall: number; cpu: number }[]> = { decode: [], qc: [] };
  for (let i = 0; i < ROUNDS; i++) for (const way of ["decode", "qc"] as const) rounds[way].push(await once(ways[way]));
  const figures = Object.fromEntries(
    Object.entries(rounds).map(([way, list]) => [
      way,
      { wall: median(list.map((r) => r.wall)), cpu: median(list.map((r) => r.cpu)) },
    ]),
  ) as Record<keyof typeof ways, { wall: number; cpu: number }>;
  const perMinute = (seconds: number) => (seconds / (SECONDS / 60)).toFixed(2);
  console.log(`| 1080p ${SECONDS} s H.264 + AAC | wall s per minute of media | CPU s per minute of media |`);
  console.log("|---|---:|---:|");
  console.log(
    `| plain decode (ffmpeg -f null) | ${perMinute(figures.decode.wall)} | ${perMinute(figures.decode.cpu)} |`,
  );
  console.log(`| QC (one pass, all detectors) | ${perMinute(figures.qc.wall)} | ${perMinute(figures.qc.cpu)} |`);
  const ratio = { wall: figures.qc.wall / figures.decode.wall, cpu: figures.qc.cpu / figures.decode.cpu };
  console.log(
    `| ratio QC / decode (goal ≤ ${GOAL}×) | ${ratio.wall.toFixed(2)}× ${ratio.wall <= GOAL ? "met" : "missed"} | ` +
      `${ratio.cpu.toFixed(2)}× ${ratio.cpu <= GOAL ? "met" : "missed"} |`,
  );
  console.log(`load average after: ${load()}`);
  table?.add({
    measure: `QC of 1080p H.264 + AAC (${SECONDS} s), wall s`,
    figure: figures.qc.wall,
    unit: "s",
    floor: figures.decode.wall,
    goal: `≤ ${GOAL}× plain ffmpeg decode`,
    met: ratio.wall <= GOAL,
  });
  return 0;
}
