import "server-only";
import { execFile, spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import path from "node:path";
import { frameRate } from "@/lib/ingest/full-probe";
import { ffmpegPath, ffprobePath } from "@/lib/media/binaries";
import { unreadableFileMessage } from "@/lib/media/ffmpeg-message";
import { ffmpegInputArgs, ffprobeInputArgs, type MediaInput } from "@/lib/media/input";
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
//
// An intra-only codec (ProRes, DNxHD, Motion JPEG, …) flags every frame a keyframe, so the keyframe
// pass would decode them all: 1,500 ProRes frames for a minute, on one thread (4.4 s for 30 s of
// 1080p; an hour-long master would outlast the render timeout). Its packets are thinned before any
// decoding instead: a first ffmpeg copies the video stream, keeping one packet per poster
// candidate's span (the `noise` bitstream filter's `drop` expression over the packet index, at the
// frame rate ffprobe reads from the header; FFmpeg ≥ 5.0), into a pipe; the second decodes only
// those frames, with timestamps kept, through the same filter graph. A header without a frame rate
// takes the keyframe pass; if either makes no pictures (say an ffmpeg older than 5.0), the full
// decode still does.

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
/** Codecs (ffprobe's names) whose every frame is a keyframe. */
const INTRA_ONLY_CODECS = new Set([
  "prores",
  "dnxhd",
  "mjpeg",
  "jpeg2000",
  "ffv1",
  "huffyuv",
  "utvideo",
  "v210",
  "rawvideo",
  "cfhd",
]);

const isIntraOnly = (videoCodec: string | null | undefined) => INTRA_ONLY_CODECS.has(videoCodec ?? "");
// One decoding thread and one filter thread: a thumbnail job takes at most one core, so a scan on
// the same worker keeps the other.
const THREADS = ["-threads", "1", "-filter_threads", "1", "-filter_complex_threads", "1"];

export interface RenderOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** The asset's video codec (ffprobe's name): an intra-only one is thinned before decoding. */
  videoCodec?: string | null;
}

/** The filter graph: [p] the poster, [s] the strip. Exported for the benchmark. */
export function filterGraph(durationMs: number, layout: StripLayout): string {
  const candidates = posterCandidates(layout);
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

const posterCandidates = (layout: StripLayout) => Math.max(layout.tiles, POSTER_CANDIDATES);

/**
 * How the pass reads its input: `keyframes` decodes keyframes only, `all` every frame, and `pipe`
 * the thinned stream of an intra-only source from standard input (sampledCopyArgs).
 */
export type RenderRead = "keyframes" | "all" | "pipe";

/** ffmpeg's arguments for both pictures into `dir`. */
export function renderArgs(input: MediaInput, durationMs: number, layout: StripLayout, dir: string, read: RenderRead) {
  return [
    "-hide_banner",
    ...(read === "pipe" ? [] : ["-nostdin"]),
    "-v",
    "error",
    "-y",
    ...THREADS,
    ...(read === "keyframes" ? ["-skip_frame", "nokey"] : []),
    ...(read === "pipe" ? ["-f", "nut", "-i", "pipe:0"] : ffmpegInputArgs(input)),
    "-an",
    "-sn",
    "-dn",
    "-filter_complex",
    filterGraph(durationMs, layout),
    ...["-map", "[p]", "-frames:v", "1", "-q:v", "3", "-update", "1", path.join(dir, POSTER_FILE)],
    ...["-map", "[s]", "-frames:v", "1", "-q:v", "5", "-update", "1", path.join(dir, STRIP_FILE)],
  ];
}

/**
 * The first ffmpeg of an intra-only source: its first video stream copied to standard output (NUT,
 * timestamps kept), every packet dropped but one per poster candidate's span, counted in packets at
 * the stream's frame rate (`n`, the packet's index: the filter's `tb` is not always the time base
 * of its packets' timestamps).
 */
export function sampledCopyArgs(input: MediaInput, durationMs: number, layout: StripLayout, frameRate: number) {
  const every = Math.max(1, Math.floor((frameRate * durationMs) / 1000 / posterCandidates(layout)));
  return [
    "-hide_banner",
    "-nostdin",
    "-v",
    "error",
    ...ffmpegInputArgs(input),
    ...["-map", "0:v:0", "-c", "copy", "-bsf:v", `noise=drop=gt(mod(n\\,${every})\\,0)`, "-f", "nut", "pipe:1"],
  ];
}

/** The first video stream's frames per second, by ffprobe (the header only); null when unknown. */
export async function videoFrameRate(input: MediaInput, signal?: AbortSignal): Promise<number | null> {
  const args = ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=avg_frame_rate,r_frame_rate"];
  const output = await new Promise<string>((resolve) =>
    execFile(
      ffprobePath(),
      [...args, "-of", "csv=p=0", ...ffprobeInputArgs(input)],
      { timeout: 15_000, signal, windowsHide: true },
      (error, stdout) => resolve(error ? "" : stdout),
    ),
  );
  const rate = frameRate(...output.trim().split(/[,\n]/));
  return rate !== null && rate > 0 ? rate : null;
}

/** Writes poster.jpg and strip.jpg into `dir` (an empty folder of the caller's). */
export async function renderThumbnails(
  input: MediaInput,
  durationMs: number,
  layout: StripLayout,
  dir: string,
  options: RenderOptions,
): Promise<void> {
  const frameRate = isIntraOnly(options.videoCodec) ? await videoFrameRate(input, options.signal) : null;
  if (frameRate)
    await runFfmpeg(
      renderArgs(input, durationMs, layout, dir, "pipe"),
      options,
      sampledCopyArgs(input, durationMs, layout, frameRate),
    );
  else await runFfmpeg(renderArgs(input, durationMs, layout, dir, "keyframes"), options);
  if (await bothWritten(dir)) return;
  await runFfmpeg(renderArgs(input, durationMs, layout, dir, "all"), options);
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

/**
 * Runs ffmpeg with these arguments; with `feed`, a first ffmpeg with those arguments writes the
 * second's standard input. Both are killed (SIGKILL) when the time is up or the signal aborts. The
 * feeder's own end does not count: the renderer stops reading once it has both pictures.
 */
function runFfmpeg(args: string[], { timeoutMs, signal }: RenderOptions, feed?: string[]): Promise<void> {
  const binary = ffmpegPath();
  return new Promise((resolve, reject) => {
    const renderer = spawn(binary, args, { stdio: [feed ? "pipe" : "ignore", "ignore", "pipe"], windowsHide: true });
    const feeder = feed ? spawn(binary, feed, { stdio: ["ignore", "pipe", "ignore"], windowsHide: true }) : undefined;
    const children = [renderer, ...(feeder ? [feeder] : [])];
    let stderr = "";
    let ended: "timeout" | "aborted" | null = null;
    const stop = (why: "timeout" | "aborted") => {
      ended ??= why;
      for (const child of children) child.kill("SIGKILL");
    };
    const timer = setTimeout(() => stop("timeout"), timeoutMs);
    const onAbort = () => stop("aborted");
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) stop("aborted");
    if (feeder) {
      feeder.stdout!.pipe(renderer.stdin!);
      // The renderer may close its input while the feeder still writes (it has both pictures).
      renderer.stdin!.on("error", () => undefined);
      feeder.on("error", () => undefined);
    }
    renderer.stderr!.on("data", (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString();
    });
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      feeder?.kill("SIGKILL");
      if (!error) resolve();
      else reject(error);
    };
    renderer.on("error", (error) =>
      finish(new ThumbnailError("setup", `Cannot run ffmpeg (${binary}): ${error.message}`)),
    );
    renderer.on("close", (code) => {
      if (ended === "aborted") finish(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
      else if (ended === "timeout")
        finish(new ThumbnailError("timeout", `ffmpeg made no thumbnails within ${timeoutMs} ms.`));
      else if (code === 0) finish(null);
      else finish(new ThumbnailError("unreadable", unreadableFileMessage(stderr)));
    });
  });
}
