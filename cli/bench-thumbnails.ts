import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ffmpegPath } from "@/lib/media/binaries";
import { stripLayout, type StripLayout } from "@/lib/thumbnails/layout";
import { renderArgs, renderThumbnails } from "@/lib/thumbnails/render";

// `npm run bench:thumbnails`: the poster and scrub strip of a 1080p H.264 clip of 60 s and one of
// 8 s, made three ways, each three times (median): the desk's one keyframes-only pass
// (renderThumbnails), the same graph decoding every frame, and one input seek per tile (the strip
// alone). Wall time and ffmpeg's CPU seconds (the children's times in /proc/self/stat), since on a
// shared machine the wall time mostly measures the neighbours.

const run = promisify(execFile);
const CLIPS = [
  { name: "1080p-60s.mp4", seconds: 60 },
  { name: "1080p-8s.mp4", seconds: 8 },
];
const ROUNDS = 3;
const DIR = path.join(os.tmpdir(), "asset-desk-bench-thumbnails");

/** CPU seconds of the children this process has waited for. */
function childCpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  // cutime and cstime: fields 16 and 17 of stat, 13 and 14 after the command name.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

async function measure(work: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const rounds: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const [cpu0, started] = [childCpuSeconds(), performance.now()];
    await work();
    rounds.push({ wall: (performance.now() - started) / 1000, cpu: childCpuSeconds() - cpu0 });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { wall: median(rounds.map((r) => r.wall)), cpu: median(rounds.map((r) => r.cpu)) };
}

/** The alternative: one ffmpeg, one input per tile seeked to the middle of its span, one keyframe each. */
function seekArgs(file: string, durationMs: number, layout: StripLayout, out: string): string[] {
  const inputs: string[] = [];
  const chains: string[] = [];
  for (let k = 0; k < layout.tiles; k++) {
    const at = ((k + 0.5) * layout.intervalMs) / 1000;
    inputs.push("-skip_frame", "nokey", "-ss", at.toFixed(3), "-i", file);
    chains.push(
      `[${k}:v:0]trim=end_frame=1,setpts=PTS-STARTPTS,scale=160:90:force_original_aspect_ratio=decrease,pad=160:90:(ow-iw)/2:(oh-ih)/2,setsar=1[t${k}]`,
    );
  }
  const labels = chains.map((_, k) => `[t${k}]`).join("");
  const graph = `${chains.join(";")};${labels}concat=n=${layout.tiles}:v=1:a=0,tile=layout=${layout.columns}x${layout.rows}:nb_frames=${layout.tiles}[s]`;
  return ["-v", "error", "-y", ...inputs, "-filter_complex", graph, "-map", "[s]", "-frames:v", "1", out];
}

export async function runThumbnailBenchmark(): Promise<number> {
  await mkdir(DIR, { recursive: true });
  for (const clip of CLIPS) {
    const file = path.join(DIR, clip.name);
    if (existsSync(file)) continue;
    console.log(`making ${clip.name} (libx264 ultrafast, a keyframe every 2 s)…`);
    await run(ffmpegPath(), [
      ...["-v", "error", "-y", "-f", "lavfi", "-i", `testsrc2=size=1920x1080:rate=25:duration=${clip.seconds}`],
      ...["-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p", file],
    ]);
  }
  console.log(
    `${os.availableParallelism()} cores, load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}`,
  );
  console.log("| clip | tiles | way | wall s (median of 3) | ffmpeg CPU s |");
  console.log("|---|---:|---|---:|---:|");
  for (const clip of CLIPS) {
    const file = path.join(DIR, clip.name);
    const durationMs = clip.seconds * 1000;
    const layout = stripLayout(durationMs);
    const input = { kind: "file" as const, path: file };
    const fresh = async () => {
      const out = await mkdtemp(path.join(DIR, "out-"));
      return { out, done: () => rm(out, { recursive: true, force: true }) };
    };
    const ways: [string, () => Promise<unknown>][] = [
      [
        "keyframes only, poster + strip (the desk's)",
        async () => {
          const { out, done } = await fresh();
          await renderThumbnails(input, durationMs, layout, out, { timeoutMs: 120_000 });
          await done();
        },
      ],
      [
        "every frame decoded, poster + strip",
        async () => {
          const { out, done } = await fresh();
          await run(ffmpegPath(), renderArgs(input, durationMs, layout, out, "all"));
          await done();
        },
      ],
      [
        "one input seek per tile, strip only",
        async () => {
          const { out, done } = await fresh();
          await run(ffmpegPath(), seekArgs(file, durationMs, layout, path.join(out, "strip.jpg")));
          await done();
        },
      ],
    ];
    for (const [way, work] of ways) {
      const { wall, cpu } = await measure(work);
      console.log(`| ${clip.name} | ${layout.tiles} | ${way} | ${wall.toFixed(2)} | ${cpu.toFixed(2)} |`);
    }
  }
  console.log(
    `load average after: ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}`,
  );
  return 0;
}
