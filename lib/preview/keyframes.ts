import "server-only";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { ffprobeInputArgs, type MediaInput } from "@/lib/media/input";
import { ffprobePath } from "@/lib/media/binaries";

// Where a file's video keyframes lie, the only places a remux (`-c copy`) can cut a segment. ffprobe
// lists the packets without decoding them, so this reads the file once at the disk's speed.

const TIMEOUT_MS = 120_000;

/** Keyframe times of the first video stream, in seconds from the start of the media. */
export async function keyframeTimes(input: MediaInput, signal?: AbortSignal): Promise<number[]> {
  const args = [
    "-v",
    "error",
    "-select_streams",
    "V:0",
    "-show_entries",
    "packet=pts_time,flags:format=start_time",
    "-of",
    "csv",
    ...ffprobeInputArgs(input),
  ];
  const child = spawn(ffprobePath(), args, { stdio: ["ignore", "pipe", "pipe"], signal, timeout: TIMEOUT_MS });
  const times: number[] = [];
  let start = 0;
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
  const lines = createInterface({ input: child.stdout });
  lines.on("line", (line) => {
    const [section, first, flags] = line.split(",");
    if (section === "packet" && flags?.startsWith("K")) {
      const time = Number(first);
      if (Number.isFinite(time)) times.push(time);
    } else if (section === "format") {
      const time = Number(first);
      if (Number.isFinite(time)) start = time;
    }
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) throw new Error(`ffprobe could not list the keyframes: ${stderr.trim() || `exit code ${code}`}`);
  return times.map((time) => Math.max(0, time - start));
}
