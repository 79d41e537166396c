import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Clips whose streams the full probe must read exactly (lib/ingest/full-probe.test.ts, e2e/probe.spec.ts). */
export const PROBE_LAYOUT = {
  clean: "probe/clean-720p.mp4", // 1280x720 progressive 8-bit h264 (no transfer tagged), stereo aac, no language, no subtitles
  interlaced: "probe/interlaced-sd.ts", // 720x576 top field first h264, mono aac
  surround: "probe/surround.mp4", // 320x180 h264, 5.1 ac3
  subtitled: "probe/subtitled.mkv", // 320x180 h264, mono aac tagged fra, an SRT track tagged eng
  hlg: "probe/hlg-1080p.mkv", // 1920x1080 hevc yuv420p10le, transfer arib-std-b67 (HLG), no audio
} as const;

export type ProbeFixture = keyof typeof PROBE_LAYOUT;

const picture = (size: string, seconds = 1) => [
  "-f",
  "lavfi",
  "-i",
  `testsrc2=size=${size}:rate=25:duration=${seconds}`,
];
const TONE = ["-f", "lavfi", "-i", "sine=frequency=440:duration=1"];
const X264 = ["-c:v", "libx264", "-preset", "ultrafast"];

/** Makes the clips with the system ffmpeg (libx264, libx265); returns absolute paths. */
export async function makeProbeFixtures(dir: string): Promise<Record<ProbeFixture, string>> {
  const at = Object.fromEntries(
    Object.entries(PROBE_LAYOUT).map(([name, file]) => [name, path.resolve(dir, file)]),
  ) as Record<ProbeFixture, string>;
  await mkdir(path.join(dir, "probe"), { recursive: true });
  const srt = path.join(dir, "probe-track.srt");
  await writeFile(srt, "1\n00:00:00,000 --> 00:00:00,900\nHello\n");
  const ffmpeg = (args: string[]) => run("ffmpeg", ["-v", "error", "-y", ...args]);
  await Promise.all([
    ffmpeg([...picture("1280x720"), ...TONE, "-ac", "2", ...X264, "-c:a", "aac", at.clean]),
    ffmpeg([
      ...picture("720x576"),
      ...TONE,
      "-vf",
      "setfield=tff",
      "-flags",
      "+ildct+ilme",
      ...X264,
      "-c:a",
      "aac",
      at.interlaced,
    ]),
    ffmpeg([
      ...picture("320x180"),
      ...TONE,
      "-af",
      "pan=5.1|c0=c0|c1=c0|c2=c0|c3=c0|c4=c0|c5=c0",
      ...X264,
      "-c:a",
      "ac3",
      at.surround,
    ]),
    ffmpeg([
      ...picture("320x180"),
      ...TONE,
      "-i",
      srt,
      "-map",
      "0",
      "-map",
      "1",
      "-map",
      "2",
      ...X264,
      "-c:a",
      "aac",
      "-c:s",
      "srt",
      "-metadata:s:a:0",
      "language=fra",
      "-metadata:s:s:0",
      "language=eng",
      at.subtitled,
    ]),
    ffmpeg([
      ...picture("1920x1080", 0.4),
      "-c:v",
      "libx265",
      "-preset",
      "ultrafast",
      "-x265-params",
      "log-level=error",
      "-pix_fmt",
      "yuv420p10le",
      "-color_trc",
      "arib-std-b67",
      "-color_primaries",
      "bt2020",
      "-colorspace",
      "bt2020nc",
      at.hlg,
    ]),
  ]);
  return at;
}
