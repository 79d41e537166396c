import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { access, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ffmpegPath } from "@/lib/media/binaries";
import { runningEncoders, segmentPath, stopAllEncoders, tuning, type Rendition } from "@/lib/preview/encoder";
import { keyframeTimes } from "@/lib/preview/keyframes";
import { previewPlan } from "@/lib/preview/plan";
import { keyframeSegments, uniformSegments } from "@/lib/preview/segments";
import { stripLayout } from "@/lib/thumbnails/layout";
import { renderThumbnails } from "@/lib/thumbnails/render";
import type { BenchTable } from "@/cli/bench-table";

// `npm run bench:preview`: the preview of a 1080p source in each format, through the encoder the
// segment route uses (lib/preview/encoder.ts): the time from asking for the first segment to having
// it (what a viewer waits for the first frame), the time and ffmpeg CPU seconds to make every
// segment, per minute of media; beside them the floor, `ffmpeg -i <file> -f null -` decoding the
// same file, measured in the same run; and the time to make the asset's poster and scrub strip. The sources are made once (test pattern and tone) and kept
// in the system temp folder. A benchmark: it prints figures.

const run = promisify(execFile);
const SECONDS = 30;
const SOURCE_DIR = path.join(os.tmpdir(), "asset-desk-bench-preview");

const SOURCE = [
  "-f",
  "lavfi",
  "-i",
  `testsrc2=size=1920x1080:rate=25:duration=${SECONDS}`,
  "-f",
  "lavfi",
  "-i",
  `sine=frequency=440:duration=${SECONDS}`,
];
const FORMATS = [
  {
    file: "h264-aac.mkv",
    format: ["mkv", "h264", "aac"],
    encode: ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "50", "-c:a", "aac"],
  },
  {
    file: "mpeg2-mp2.ts",
    format: ["mpegts", "mpeg2video", "mp2"],
    encode: ["-c:v", "mpeg2video", "-b:v", "15M", "-c:a", "mp2", "-f", "mpegts"],
  },
  {
    file: "mpeg4-mp3.avi",
    format: ["avi", "mpeg4", "mp3"],
    encode: ["-c:v", "mpeg4", "-q:v", "4", "-c:a", "libmp3lame"],
  },
  {
    file: "hevc-ac3.mkv",
    format: ["mkv", "hevc", "ac3"],
    encode: [
      "-c:v",
      "libx265",
      "-preset",
      "ultrafast",
      "-x265-params",
      "log-level=error",
      "-pix_fmt",
      "yuv420p10le",
      "-c:a",
      "ac3",
    ],
  },
  {
    file: "prores-pcm.mov",
    format: ["mov", "prores", "pcm_s16le"],
    encode: ["-c:v", "prores", "-profile:v", "2", "-pix_fmt", "yuv422p10le", "-c:a", "pcm_s16le"],
  },
] as const;

/** CPU seconds used so far by this process's children that have ended (Linux /proc; 0 elsewhere). */
function childCpuSeconds(): number {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    // Fields 16 and 17 of stat (cutime, cstime), counted from field 3 after the command name.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

async function makeSources(): Promise<void> {
  await mkdir(SOURCE_DIR, { recursive: true });
  for (const { file, encode } of FORMATS) {
    const target = path.join(SOURCE_DIR, file);
    if (
      await access(target).then(
        () => true,
        () => false,
      )
    )
      continue;
    console.log(`making ${file} (1080p, ${SECONDS} s)…`);
    const partial = path.join(SOURCE_DIR, `.partial-${file}`);
    await run(ffmpegPath(), ["-v", "error", "-y", ...SOURCE, ...encode, "-shortest", partial]);
    await run("mv", [partial, target]);
  }
}

async function floor(file: string): Promise<{ wall: number; cpu: number }> {
  const cpu = childCpuSeconds();
  const started = performance.now();
  await run(ffmpegPath(), ["-v", "error", "-i", file, "-f", "null", "-"]);
  return { wall: (performance.now() - started) / 1000, cpu: childCpuSeconds() - cpu };
}

/** Seconds to the first playable segment a viewer may wait (docs/benchmarks.md), and to a poster and strip. */
const GOAL_FIRST_SEGMENT = { remux: 1, transcode: 3 } as const;
const GOAL_THUMBNAILS = 1;

export async function runPreviewBenchmark({ table }: { table?: BenchTable } = {}): Promise<number> {
  await makeSources();
  const work = await mkdtemp(path.join(os.tmpdir(), "asset-desk-bench-preview-run-"));
  // Make every segment in one go: the player is not there to hold the encoder back.
  Object.assign(tuning, { aheadSegments: 1_000_000 });
  const header = [
    "format".padEnd(16),
    "mode".padEnd(10),
    "first segment s".padStart(16),
    "all s".padStart(7),
    "ffmpeg CPU s/min".padStart(17),
    "floor s".padStart(8),
    "floor CPU s/min".padStart(16),
    "poster+strip s".padStart(15),
  ];
  console.log(`cores: ${os.availableParallelism()}; sources: ${SECONDS} s of 1920x1080 at 25 fps in ${SOURCE_DIR}`);
  console.log(header.join(" "));
  try {
    for (const { file, format } of FORMATS) {
      const input = path.join(SOURCE_DIR, file);
      const [container, videoCodec, audioCodec] = format;
      const plan = previewPlan({ container, videoCodec, audioCodec });
      if (plan.mode !== "remux" && plan.mode !== "transcode") throw new Error(`${file} plays ${plan.mode}`);
      const dir = path.join(work, file);
      const started = performance.now();
      const cpu = childCpuSeconds();
      const map =
        plan.mode === "remux"
          ? keyframeSegments(await keyframeTimes({ kind: "file", path: input }), SECONDS)
          : uniformSegments(SECONDS);
      const rendition: Rendition = {
        key: `bench-${file}`,
        dir,
        mode: plan.mode,
        input: { kind: "file", path: input },
        audio: plan.mode === "remux" ? plan.audio : "aac",
        hasVideo: true,
        map,
      };
      await segmentPath(rendition, 0);
      const first = (performance.now() - started) / 1000;
      for (let index = 1; index < map.starts.length; index++) await segmentPath(rendition, index);
      const all = (performance.now() - started) / 1000;
      // The encoder has ended (it wrote the last segment), so its CPU time is counted.
      await waitForChildren();
      const used = childCpuSeconds() - cpu;
      const base = await floor(input);
      const perMinute = (seconds: number) => (seconds / (SECONDS / 60)).toFixed(1);
      // The poster and scrub strip the thumbnail job makes for this asset (lib/thumbnails/render.ts).
      const pictures = path.join(work, `${file}-pictures`);
      await mkdir(pictures, { recursive: true });
      const thumbnailsStarted = performance.now();
      await renderThumbnails({ kind: "file", path: input }, SECONDS * 1000, stripLayout(SECONDS * 1000), pictures, {
        timeoutMs: 120_000,
        videoCodec,
      });
      const thumbnails = (performance.now() - thumbnailsStarted) / 1000;
      const goal = GOAL_FIRST_SEGMENT[plan.mode];
      table?.add({
        measure: `preview ${file} (${plan.mode}): first segment`,
        figure: first,
        unit: "s",
        floor: null,
        goal: `≤ ${goal} s`,
        met: first <= goal,
      });
      table?.add({
        measure: `thumbnails ${file}: poster + strip`,
        figure: thumbnails,
        unit: "s",
        floor: null,
        goal: `≤ ${GOAL_THUMBNAILS} s`,
        met: thumbnails <= GOAL_THUMBNAILS,
      });
      console.log(
        [
          file.padEnd(16),
          plan.mode.padEnd(10),
          first.toFixed(2).padStart(16),
          all.toFixed(1).padStart(7),
          perMinute(used).padStart(17),
          base.wall.toFixed(1).padStart(8),
          perMinute(base.cpu).padStart(16),
          thumbnails.toFixed(2).padStart(15),
        ].join(" "),
      );
    }
  } finally {
    stopAllEncoders();
    await rm(work, { recursive: true, force: true });
  }
  return 0;
}

/** Lets the last encoder's exit be reaped, so /proc counts its CPU time. */
async function waitForChildren(): Promise<void> {
  while (runningEncoders().length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
}
