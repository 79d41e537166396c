import "server-only";
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ffprobePath } from "@/lib/media/binaries";
import { fullProbeOf, type FullProbe } from "@/lib/ingest/full-probe";
import { prober, type ProbeRun } from "@/lib/ingest/prober";

// ffprobe's JSON, trimmed to what the app uses or may want to show: zod drops every other key, so
// `raw` stays small enough to store with each asset.
const probeOutput = z.object({
  format: z.object({
    format_name: z.string().optional(),
    format_long_name: z.string().optional(),
    duration: z.string().optional(),
    bit_rate: z.string().optional(),
    tags: z.object({ major_brand: z.string().optional() }).optional(),
  }),
  streams: z
    .array(
      z.object({
        index: z.number(),
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        channels: z.number().optional(),
        sample_rate: z.string().optional(),
        duration: z.string().optional(),
        disposition: z.object({ attached_pic: z.number().optional() }).optional(),
        // The full probe (lib/ingest/full-probe.ts) reads these.
        display_aspect_ratio: z.string().optional(),
        avg_frame_rate: z.string().optional(),
        r_frame_rate: z.string().optional(),
        field_order: z.string().optional(),
        pix_fmt: z.string().optional(),
        bits_per_raw_sample: z.string().optional(),
        color_transfer: z.string().optional(),
        bit_rate: z.string().optional(),
        channel_layout: z.string().optional(),
        tags: z.object({ language: z.string().optional() }).optional(),
      }),
    )
    .default([]),
});

export type ProbeResult = {
  durationMs: number | null;
  /** ffprobe's codec_name (h264, hevc, mpeg2video…) of the first video stream that is not cover art. */
  videoCodec: string | null;
  /** ffprobe's codec_name (aac, ac3, opus…) of the first audio stream. */
  audioCodec: string | null;
  /** Short container name, see containerName. */
  container: string | null;
  /** Every stream, normalised (lib/ingest/full-probe.ts). */
  full: FullProbe;
  raw: z.infer<typeof probeOutput>;
};

export type ProbeErrorCode = "empty" | "unreadable" | "no_streams" | "invalid" | "timeout";

/** A file ffprobe could not make sense of; the message is ffprobe's own where it gave one. */
export class ProbeError extends Error {
  constructor(
    readonly code: ProbeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ProbeError";
  }
}

/**
 * Reads a media file's duration, codecs and container with ffprobe. Throws ProbeError for a file
 * that is empty, cannot be opened, is not media, or takes longer than `timeoutMs` (the process is
 * killed); an aborted `signal` rejects with its AbortError, and an ffprobe that cannot start with a
 * plain Error (a set-up problem, not the file's).
 */
export async function probeFile(
  file: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ProbeResult> {
  options.signal?.throwIfAborted();
  // Absolute, so a name starting with "-" cannot pass for an ffprobe option.
  const absolute = path.resolve(file);
  await checkReadable(absolute);
  const output = await runFfprobe(absolute, options.timeoutMs ?? 30_000, options.signal);
  return readOutput(absolute, output);
}

async function checkReadable(file: string): Promise<void> {
  let handle;
  try {
    // Non-blocking, so a named pipe cannot hold the open; regular files ignore the flag.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new ProbeError("unreadable", error instanceof Error ? error.message : String(error));
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ProbeError("unreadable", `Not a regular file: ${file}`);
    if (info.size === 0) throw new ProbeError("empty", "The file is empty (0 bytes)");
  } finally {
    await handle.close();
  }
}

async function runFfprobe(file: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<string> {
  const binary = ffprobePath();
  const args = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file];
  let ran: ProbeRun;
  try {
    ran = await prober.run({ binary, args, timeoutMs, maxBuffer: 32 * 1024 * 1024, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    // The helper itself stopped: this file's probe is lost, not the run.
    throw new ProbeError("invalid", `ffprobe gave no answer: ${(error as Error).message}`);
  }
  const { error, stdout, stderr } = ran;
  if (!error) return stdout;
  if (error.syscall?.startsWith("spawn")) throw new Error(`Cannot run ffprobe (${binary}): ${error.message}`);
  if (error.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER")
    throw new ProbeError("invalid", "ffprobe's output is too large");
  if (error.killed) throw new ProbeError("timeout", `ffprobe gave no answer within ${timeoutMs} ms`);
  throw new ProbeError("invalid", ffprobeMessage(file, stderr) || `ffprobe failed (exit code ${error.code})`);
}

// ffprobe prefixes its lines with "[demuxer @ 0x…] " or "FILE: "; the rest is what a person can read.
function ffprobeMessage(file: string, stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((line) =>
      line
        .replace(/^\[[^\]]* @ 0x[0-9a-f]+\]\s*/, "")
        .replace(`${file}: `, "")
        .trim(),
    )
    .filter(Boolean);
  return [...new Set(lines)].join("; ");
}

function readOutput(file: string, stdout: string): ProbeResult {
  let raw: ProbeResult["raw"];
  try {
    raw = probeOutput.parse(JSON.parse(stdout));
  } catch {
    throw new ProbeError("invalid", "ffprobe's output could not be read");
  }
  const video = raw.streams.find((stream) => stream.codec_type === "video" && stream.disposition?.attached_pic !== 1);
  const audio = raw.streams.find((stream) => stream.codec_type === "audio");
  if (!video && !audio) {
    const found = raw.streams.map((stream) => stream.codec_type ?? "unknown");
    throw new ProbeError(
      "no_streams",
      `No audio or video stream${found.length ? ` (found: ${[...new Set(found)].join(", ")})` : ""}`,
    );
  }
  const { format_name: formatName, tags } = raw.format;
  return {
    durationMs: durationMsOf(raw),
    videoCodec: video?.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    container: formatName
      ? containerName({ formatName, majorBrand: tags?.major_brand, extension: path.extname(file), audioOnly: !video })
      : null,
    full: fullProbeOf(raw.streams),
    raw,
  };
}

function durationMsOf({ format, streams }: ProbeResult["raw"]): number | null {
  const seconds = (value: string | undefined) => {
    const parsed = Number(value);
    return value !== undefined && Number.isFinite(parsed) && parsed >= 0 ? parsed : null;
  };
  const streamSeconds = streams.map((stream) => seconds(stream.duration)).filter((value) => value !== null);
  const best = seconds(format.duration) ?? (streamSeconds.length ? Math.max(...streamSeconds) : null);
  return best === null ? null : Math.round(best * 1000);
}

/**
 * Short container name from ffprobe's format_name (its demuxer's list of names). Where one demuxer
 * reads several containers, the major brand or the extension tells them apart; docs/media-probing.md
 * has the table.
 */
export function containerName(hints: {
  formatName: string;
  majorBrand?: string;
  extension: string;
  audioOnly: boolean;
}): string {
  const brand = hints.majorBrand?.trim();
  switch (hints.formatName) {
    case "mov,mp4,m4a,3gp,3g2,mj2":
      if (brand === "qt") return "mov";
      return brand === "M4A" && hints.audioOnly ? "m4a" : "mp4";
    case "matroska,webm":
      return hints.extension.toLowerCase() === ".webm" ? "webm" : "mkv";
    case "asf":
      return "wmv";
    default:
      // mpegts, avi, mpeg (program stream), flv, ogg, mp3, wav, flac, aac, ac3, mxf… are already short.
      return hints.formatName.split(",")[0] ?? hints.formatName;
  }
}
