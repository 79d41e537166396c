import "server-only";
import { execFile } from "node:child_process";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { hashFile } from "@/lib/ingest/file-threads";
import { fileTime } from "@/lib/ingest/plan";

// Short real clips, so the demo's media preview has something to play in each of its ways: two
// formats browsers play as they are (direct), H.264 in Matroska (remux) and four that must be
// transcoded. Made with ffmpeg's test pattern and a sine tone when ffmpeg is on PATH.

const run = promisify(execFile);
const DURATION_MS = 12_000;
const SOURCE = [
  "-f",
  "lavfi",
  "-i",
  `testsrc=size=320x240:rate=25:duration=${DURATION_MS / 1000}`,
  "-f",
  "lavfi",
  "-i",
  `sine=frequency=440:duration=${DURATION_MS / 1000}`,
];
// A keyframe every 2 s, as broadcast and streaming files have them (a remux can cut only there).
const H264 = ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "50"];

export const SAMPLE_CLIPS = [
  {
    file: "sample-h264-aac.mp4",
    container: "mp4",
    videoCodec: "h264",
    audioCodec: "aac",
    encode: [...H264, "-c:a", "aac", "-movflags", "+faststart"],
  },
  {
    file: "sample-vp9-opus.webm",
    container: "webm",
    videoCodec: "vp9",
    audioCodec: "opus",
    encode: ["-c:v", "libvpx-vp9", "-b:v", "300k", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus"],
  },
  {
    file: "sample-h264-aac.mkv",
    container: "mkv",
    videoCodec: "h264",
    audioCodec: "aac",
    encode: [...H264, "-c:a", "aac"],
  },
  {
    file: "sample-mpeg2-mp2.ts",
    container: "mpegts",
    videoCodec: "mpeg2video",
    audioCodec: "mp2",
    encode: ["-c:v", "mpeg2video", "-c:a", "mp2", "-f", "mpegts"],
  },
  {
    file: "sample-mpeg4-mp3.avi",
    container: "avi",
    videoCodec: "mpeg4",
    audioCodec: "mp3",
    encode: ["-c:v", "mpeg4", "-c:a", "libmp3lame"],
  },
  {
    file: "sample-hevc-ac3.mkv",
    container: "mkv",
    videoCodec: "hevc",
    audioCodec: "ac3",
    encode: [
      "-c:v",
      "libx265",
      "-preset",
      "ultrafast",
      "-x265-params",
      "log-level=error",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "ac3",
    ],
  },
  {
    file: "sample-prores-pcm.mov",
    container: "mov",
    videoCodec: "prores",
    audioCodec: "pcm_s16le",
    encode: ["-c:v", "prores", "-profile:v", "0", "-pix_fmt", "yuv422p10le", "-c:a", "pcm_s16le"],
  },
] as const;

/** `<data dir>/samples`, or a folder in the system temp folder when the database lives in memory. */
export function samplesDir(dataDir = env.ASSET_DESK_DATA_DIR): string {
  return dataDir.startsWith("memory://")
    ? path.join(os.tmpdir(), "asset-desk-samples")
    : path.resolve(dataDir, "samples");
}

const isFile = (file: string) =>
  stat(file).then(
    (found) => found.isFile(),
    () => false,
  );

async function hasFfmpeg(): Promise<boolean> {
  return run("ffmpeg", ["-version"]).then(
    () => true,
    () => false,
  );
}

export type SampleResult = { dir: string; created: number; skipped: string | null };

/**
 * Makes the clips that are missing from `dir` and adds, as pending assets with a filesystem
 * reference, those no asset points at yet: safe to repeat. Nothing is probed (the attributes are
 * known); size and sha256 are read from the file.
 */
export async function seedSampleMedia(db: Db, { dir = samplesDir() }: { dir?: string } = {}): Promise<SampleResult> {
  if (!(await hasFfmpeg())) return { dir, created: 0, skipped: "ffmpeg is not on PATH" };
  await mkdir(dir, { recursive: true });
  let created = 0;
  for (const { file, encode, ...format } of SAMPLE_CLIPS) {
    const uri = path.join(dir, file);
    if (!(await isFile(uri))) {
      // Encoded under another name first, so an interrupted run never leaves half a clip behind.
      const partial = path.join(dir, `.${process.pid}-${file}`);
      try {
        await run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...SOURCE, ...encode, "-shortest", partial]);
        await rename(partial, uri);
      } finally {
        await rm(partial, { force: true });
      }
    }
    if (await db.asset.findUnique({ where: { uri }, select: { uuid: true } })) continue;
    const { size, mtimeMs } = await stat(uri);
    await db.asset.create({
      data: {
        uri,
        size: BigInt(size),
        durationMs: DURATION_MS,
        ...format,
        hashSha256: await hashFile(uri),
        fileMtime: fileTime(mtimeMs),
        discoveredAt: new Date(),
        providerRefs: { create: { provider: "filesystem", providerKey: uri, raw: { path: uri, size } } },
      },
    });
    created += 1;
  }
  return { dir, created, skipped: null };
}

/** One line for the CLI: what happened to the sample clips, and why when they were skipped. */
export function sampleSummary({ dir, created, skipped }: SampleResult): string {
  if (skipped) return `Sample media clips skipped: ${skipped} (install ffmpeg to get playable previews).`;
  return created ? `Sample media clips: ${created} added from ${dir}.` : `Sample media clips already present (${dir}).`;
}
