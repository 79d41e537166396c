import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

// Clips with known defects for QC, made with ffmpeg's lavfi sources (20 s, 25 fps, 48 kHz mono,
// H.264 + AAC): `defects` has black from 5 s to 10 s, silence from 12 s to 16 s, a still picture from
// 14 s to 17 s, and a 1 kHz tone at about −14 LUFS elsewhere; `clean` is the same without defects.

const SECONDS = 20;
/** Peak amplitude of a mono 1 kHz sine at −14 LUFS (a full-scale sine in one channel reads −3.01). */
const TONE_AT_MINUS_14 = 10 ** ((-14 + 3.01) / 20);

export const DEFECTS = {
  black: { startMs: 5000, endMs: 10_000 },
  silence: { startMs: 12_000, endMs: 16_000 },
  freeze: { startMs: 14_000, endMs: 17_000 },
} as const;

export async function makeQcClip(file: string, kind: "defects" | "clean", seconds = SECONDS): Promise<void> {
  const defects = kind === "defects";
  const tone = `${TONE_AT_MINUS_14.toFixed(4)}*sin(2*PI*1000*t)`;
  const audio = defects ? `if(gte(t,12)*lt(t,16),0,${tone})` : tone;
  const picture = defects
    ? "[0:v]drawbox=color=black:t=fill:enable='gte(t,5)*lt(t,10)',split[a][b];[a][b]freezeframes=first=350:last=424:replace=350[v]"
    : "[0:v]null[v]";
  await run("ffmpeg", [
    ...["-v", "error", "-y"],
    ...["-f", "lavfi", "-i", `testsrc2=size=320x180:rate=25:duration=${seconds}`],
    ...["-f", "lavfi", "-i", `aevalsrc='${audio}':s=48000:d=${seconds}`],
    ...["-filter_complex", picture, "-map", "[v]", "-map", "1:a"],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-b:a", "192k", file],
  ]);
}

/** Integrated loudness as `ffmpeg -af ebur128` reports it, run by hand. */
export async function referenceLoudness(file: string): Promise<number> {
  const { stderr } = await run("ffmpeg", [
    "-hide_banner",
    "-nostats",
    "-i",
    file,
    "-vn",
    "-af",
    "ebur128",
    "-f",
    "null",
    "-",
  ]);
  const match = /Integrated loudness:\s*\n\s*I:\s*(-?[\d.]+) LUFS/.exec(stderr);
  if (!match) throw new Error("ebur128 gave no integrated loudness");
  return Number(match[1]);
}
