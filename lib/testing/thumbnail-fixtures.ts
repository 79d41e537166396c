import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * A small real clip (320x180, 25 fps, MPEG-4 Part 2 so any ffmpeg build encodes it, a keyframe every
 * second): `blackSeconds` of black, then a moving test pattern until `seconds`.
 */
export async function makeClip(
  file: string,
  { seconds, blackSeconds = 0 }: { seconds: number; blackSeconds?: number },
) {
  const pattern = `testsrc2=size=320x180:rate=25:duration=${seconds - blackSeconds}`;
  const graph =
    blackSeconds > 0
      ? `color=c=black:size=320x180:rate=25:duration=${blackSeconds}[b];${pattern}[t];[b][t]concat=n=2:v=1[v]`
      : `${pattern}[v]`;
  await run("ffmpeg", [
    "-v",
    "error",
    "-y",
    "-filter_complex",
    graph,
    "-map",
    "[v]",
    "-c:v",
    "mpeg4",
    "-g",
    "25",
    "-q:v",
    "5",
    file,
  ]);
}

/** The average brightness (0–255) of a picture, or of a region of it, decoded by ffmpeg to 8-bit grey. */
export async function meanLuma(
  picture: string,
  region?: { x: number; y: number; w: number; h: number },
): Promise<number> {
  const crop = region ? ["-vf", `crop=${region.w}:${region.h}:${region.x}:${region.y}`] : [];
  const args = ["-v", "error", "-i", picture, ...crop, "-f", "rawvideo", "-pix_fmt", "gray", "-"];
  const { stdout } = await run("ffmpeg", args, {
    encoding: "buffer",
    maxBuffer: 64 * 1024 * 1024,
  });
  const bytes = stdout as unknown as Buffer;
  return bytes.reduce((sum, value) => sum + value, 0) / bytes.length;
}

/** Width and height of a picture, by ffprobe. */
export async function pictureSize(picture: string): Promise<{ width: number; height: number }> {
  const { stdout } = await run("ffprobe", [
    "-v",
    "error",
    "-show_entries",
    "stream=width,height",
    "-of",
    "json",
    picture,
  ]);
  const [stream] = (JSON.parse(stdout) as { streams: { width: number; height: number }[] }).streams;
  return { width: stream!.width, height: stream!.height };
}
