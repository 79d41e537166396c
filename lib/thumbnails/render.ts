import "server-only";
import { execFile } from "node:child_process";
import { stat } from "node:fs/promises";
import path from "node:path";
import { ffmpegPath } from "@/lib/media/binaries";
import { unreadableFileMessage } from "@/lib/media/ffmpeg-message";
import { ffmpegInputArgs, type MediaInput } from "@/lib/media/input";
import { POSTER_WIDTH, type StripLayout } from "@/lib/thumbnails/layout";

// One ffmpeg run makes both pictures of an asset. It decodes keyframes only (`-skip_frame nokey`),
// which measured faster than one input seek per tile (docs/benchmarks.md, "Thumbnails"), and splits
// them in two:
//   strip:  the keyframe just before the middle of each tile's span (the `fps` filter over pts
//           shifted by half an interval), letter-boxed into 160x90 and tiled into one JPEG;
//   poster: ffmpeg's `thumbnail` filter (the frame whose colour histogram is closest to the
//           average) over at least 25 frames spread over the whole duration, so a black lead-in,
//           a slate or the first seconds of credits are not what the desk shows.
// A source whose keyframes the pass cannot see (no keyframe flagged) gets a second pass decoding
// every frame. Reading is sequential: the whole file is read once (a 30 GB remux is read whole).

/** A picture could not be made; `message` is safe to show (never the file's path). */
export class ThumbnailError extends Error {
  constructor(
    readonly code: "timeout" | "unreadable" | "no_picture" | "setup",
    message: string,
  ) {
    super(message);
    this.name = "ThumbnailError";
  }
}

export const POSTER_FILE = "poster.jpg";
export const STRIP_FILE = "strip.jpg";
/** At least this many frames are weighed for the poster. */
const POSTER_CANDIDATES = 25;
// One decoding thread and one filter thread: a thumbnail job takes at most one core, so a scan on
// the same worker keeps the other.
const THREADS = ["-threads", "1", "-filter_threads", "1", "-filter_complex_threads", "1"];

export interface RenderOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** The filter graph: [p] the poster, [s] the strip. Exported for the benchmark. */
export function filterGraph(durationMs: number, layout: StripLayout): string {
  const candidates = Math.max(layout.tiles, POSTER_CANDIDATES);
  // fps with round=down emits, for slot k, the last frame before (k+1)·interval; shifting every pts
  // by half an interval makes that the last frame before the middle of the tile's span.
  const sample = (count: number) =>
    `setpts=PTS+${(durationMs / count / 2000).toFixed(6)}/TB,fps=fps=${count * 1000}/${Math.round(durationMs)}:round=down`;
  const { tileWidth: w, tileHeight: h } = layout;
  return [
    `[0:v:0]setpts=PTS-STARTPTS,scale=w=${POSTER_WIDTH}:h='max(2,trunc(${POSTER_WIDTH}/dar/2)*2)',setsar=1,split=2[pc][sc]`,
    `[pc]${sample(candidates)},thumbnail=${candidates}[p]`,
    `[sc]${sample(layout.tiles)},scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2,setsar=1,` +
      `tile=layout=${layout.columns}x${layout.rows}:nb_frames=${layout.tiles}[s]`,
  ].join(";");
}

/** ffmpeg's arguments for both pictures into `dir`; `keyframesOnly` false decodes every frame. */
export function renderArgs(
  input: MediaInput,
  durationMs: number,
  layout: StripLayout,
  dir: string,
  keyframesOnly: boolean,
) {
  return [
    "-hide_banner",
    "-nostdin",
    "-v",
    "error",
    "-y",
    ...THREADS,
    ...(keyframesOnly ? ["-skip_frame", "nokey"] : []),
    ...ffmpegInputArgs(input),
    "-an",
    "-sn",
    "-dn",
    "-filter_complex",
    filterGraph(durationMs, layout),
    ...["-map", "[p]", "-frames:v", "1", "-q:v", "3", "-update", "1", path.join(dir, POSTER_FILE)],
    ...["-map", "[s]", "-frames:v", "1", "-q:v", "5", "-update", "1", path.join(dir, STRIP_FILE)],
  ];
}

/** Writes poster.jpg and strip.jpg into `dir` (an empty folder of the caller's). */
export async function renderThumbnails(
  input: MediaInput,
  durationMs: number,
  layout: StripLayout,
  dir: string,
  options: RenderOptions,
): Promise<void> {
  await runFfmpeg(renderArgs(input, durationMs, layout, dir, true), options);
  if (await bothWritten(dir)) return;
  await runFfmpeg(renderArgs(input, durationMs, layout, dir, false), options);
  if (!(await bothWritten(dir))) throw new ThumbnailError("no_picture", "ffmpeg found no video frame in the file.");
}

async function bothWritten(dir: string): Promise<boolean> {
  const sizes = await Promise.all(
    [POSTER_FILE, STRIP_FILE].map((name) =>
      stat(/* turbopackIgnore: true */ path.join(dir, name)).then(
        (info) => info.size,
        () => 0,
      ),
    ),
  );
  return sizes.every((size) => size > 0);
}

function runFfmpeg(args: string[], { timeoutMs, signal }: RenderOptions): Promise<void> {
  const binary = ffmpegPath();
  // execFile kills the process (SIGKILL) when the time is up or the signal aborts.
  const settings = {
    timeout: timeoutMs,
    killSignal: "SIGKILL" as const,
    maxBuffer: 1024 * 1024,
    signal,
    windowsHide: true,
  };
  return new Promise((resolve, reject) => {
    execFile(binary, args, settings, (error, _stdout, stderr) => {
      if (!error) resolve();
      else if (signal?.aborted) reject(error);
      else if (error.syscall?.startsWith("spawn"))
        reject(new ThumbnailError("setup", `Cannot run ffmpeg (${binary}): ${error.message}`));
      else if (error.killed) reject(new ThumbnailError("timeout", `ffmpeg made no thumbnails within ${timeoutMs} ms.`));
      else reject(new ThumbnailError("unreadable", unreadableFileMessage(stderr)));
    });
  });
}
