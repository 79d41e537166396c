import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Where each fixture lies under the folder given to makeMediaFixtures. */
const LAYOUT = {
  mp4: "video/clip.mp4", // h264 + aac, moov atom at the end
  mkv: "video/clip.mkv", // hevc (mpeg4 without libx265) + opus (ac3 without libopus)
  webm: "video/clip.webm", // vp9 (vp8) + opus (vorbis)
  mpegts: "video/broadcast.ts", // mpeg2video + mp2
  avi: "video/clip.avi", // mpeg4 + mp3 (pcm without libmp3lame)
  mov: "video/clip.mov", // prores + pcm, brand "qt  "
  noAudio: "video/silent.mp4", // h264 alone
  recording: "video/recording", // MPEG-TS without an extension (h264 + aac)
  loop: "video/loop", // symlink to ".."
  m4a: "audio/tone.m4a", // aac alone, brand "M4A "
  mp3: "audio/tone.mp3", // mp3 with cover art (an attached-picture mjpeg stream)
  duplicate: "copies/clip-copy.mp4", // byte copy of mp4
  corrupt: "broken/corrupt.mp4", // pseudo-random bytes
  empty: "broken/empty.mkv", // 0 bytes
  truncated: "broken/truncated.mp4", // first 30% of mp4: no moov atom
  dangling: "broken/dangling.mkv", // symlink to a file that does not exist
  notes: "extras/notes.txt",
  cover: "extras/cover.jpg", // a real jpeg
  subtitles: "extras/clip.srt", // ffprobe reads it: one subtitle stream, no audio or video
  typescript: "extras/script.ts", // TypeScript, not MPEG-TS
  hidden: ".hidden.mp4",
  hiddenFolder: ".thumbnails/clip.mp4",
} as const;

export type FixtureName = keyof typeof LAYOUT;

const PICTURE = ["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=1"];
const TONE = ["-f", "lavfi", "-i", "sine=frequency=440:duration=1"];

/** Makes small test media with the system ffmpeg (about a second on two cores); returns absolute paths. */
export async function makeMediaFixtures(dir: string): Promise<Record<FixtureName, string>> {
  const at = Object.fromEntries(
    Object.entries(LAYOUT).map(([name, file]) => [name, path.resolve(dir, file)]),
  ) as Record<FixtureName, string>;
  await Promise.all(
    [...new Set(Object.values(at).map((file) => path.dirname(file)))].map((folder) =>
      mkdir(folder, { recursive: true }),
    ),
  );
  const pick = await encoderPicker();
  const ffmpeg = (args: string[]) => run("ffmpeg", ["-v", "error", "-y", ...args]);
  const x265Quiet = pick("libx265", "mpeg4") === "libx265" ? ["-x265-params", "log-level=error"] : [];

  await Promise.all([
    ffmpeg([...PICTURE, ...TONE, "-c:v", pick("libx264", "mpeg4"), "-preset", "ultrafast", "-c:a", "aac", at.mp4]),
    ffmpeg([
      ...PICTURE,
      ...TONE,
      "-c:v",
      pick("libx265", "mpeg4"),
      "-preset",
      "ultrafast",
      ...x265Quiet,
      "-c:a",
      pick("libopus", "ac3"),
      at.mkv,
    ]),
    ffmpeg([
      ...PICTURE,
      ...TONE,
      "-c:v",
      pick("libvpx-vp9", "libvpx"),
      "-deadline",
      "realtime",
      "-cpu-used",
      "8",
      "-c:a",
      pick("libopus", "libvorbis"),
      at.webm,
    ]),
    ffmpeg([...PICTURE, ...TONE, "-c:v", "mpeg2video", "-c:a", "mp2", "-f", "mpegts", at.mpegts]),
    ffmpeg([...PICTURE, ...TONE, "-c:v", "mpeg4", "-c:a", pick("libmp3lame", "pcm_s16le"), at.avi]),
    ffmpeg([...PICTURE, ...TONE, "-c:v", "prores", "-profile:v", "0", "-c:a", "pcm_s16le", at.mov]),
    ffmpeg([...PICTURE, "-c:v", pick("libx264", "mpeg4"), "-preset", "ultrafast", at.noAudio]),
    ffmpeg([
      ...PICTURE,
      ...TONE,
      "-c:v",
      pick("libx264", "mpeg4"),
      "-preset",
      "ultrafast",
      "-c:a",
      "aac",
      "-f",
      "mpegts",
      at.recording,
    ]),
    ffmpeg([...TONE, "-c:a", "aac", at.m4a]),
    ffmpeg([...PICTURE, "-frames:v", "1", at.cover]),
  ]);
  await ffmpeg([
    ...TONE,
    "-i",
    at.cover,
    "-map",
    "0",
    "-map",
    "1",
    "-c:a",
    pick("libmp3lame", "mp2"),
    "-c:v",
    "copy",
    "-disposition:v",
    "attached_pic",
    "-f",
    "mp3",
    at.mp3,
  ]);

  const mp4 = await readFile(at.mp4);
  await Promise.all([
    copyFile(at.mp4, at.duplicate),
    copyFile(at.mp4, at.hidden),
    copyFile(at.mp4, at.hiddenFolder),
    writeFile(at.truncated, mp4.subarray(0, Math.floor(mp4.length * 0.3))),
    writeFile(at.corrupt, pseudoRandomBytes(4096)),
    writeFile(at.empty, ""),
    writeFile(at.notes, "Notes about the clips.\n"),
    writeFile(at.subtitles, "1\n00:00:00,000 --> 00:00:01,000\nHello\n"),
    writeFile(at.typescript, "export const answer = 42;\n"),
    symlink("..", at.loop),
    symlink("missing.mkv", at.dangling),
  ]);
  return at;
}

// The first available encoder of each list, so the fixtures build on any ffmpeg build.
async function encoderPicker(): Promise<(...names: string[]) => string> {
  const { stdout } = await run("ffmpeg", ["-hide_banner", "-encoders"]);
  const available = new Set(stdout.split("\n").map((line) => line.trim().split(/\s+/)[1]));
  return (...names) => {
    const found = names.find((name) => available.has(name));
    if (!found) throw new Error(`ffmpeg has none of the encoders ${names.join(", ")}`);
    return found;
  };
}

// Fixed bytes, so whether ffprobe rejects "random" data does not change from run to run.
function pseudoRandomBytes(length: number): Buffer {
  const blocks = Array.from({ length: Math.ceil(length / 32) }, (_, i) =>
    createHash("sha256").update(`corrupt ${i}`).digest(),
  );
  return Buffer.concat(blocks).subarray(0, length);
}
