import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import {
  PreviewBusy,
  PreviewFailed,
  runningEncoders,
  segmentPath,
  stopAllEncoders,
  tuning,
  type Rendition,
} from "@/lib/preview/encoder";
import { keyframeTimes } from "@/lib/preview/keyframes";
import { keyframeSegments, SEGMENT_SECONDS, uniformSegments } from "@/lib/preview/segments";

// The preview encoder with the real ffmpeg on real files: segments made where the player asks,
// restarted on a seek, stopped when nobody asks, and the transcode limit.

const run = promisify(execFile);
let work: string;
let broadcast: string; // 300 s of MPEG-2 + MP2 in MPEG-TS: transcoded (far longer than any test waits)
let matroska: string; // 30 s of H.264 + AAC in MKV, a keyframe every 2 s: remuxed

async function streams(file: string) {
  const { stdout } = await run("ffprobe", [
    "-v",
    "error",
    "-show_entries",
    "stream=codec_type,codec_name,height:format=start_time,duration",
    "-of",
    "json",
    file,
  ]);
  return JSON.parse(stdout) as {
    streams: { codec_type: string; codec_name: string; height?: number }[];
    format: { start_time: string; duration: string };
  };
}

/** Waits for a state, not a time: polls until `check` holds or the ceiling passes. */
async function until(check: () => boolean, ceilingMs = 30_000): Promise<void> {
  const end = Date.now() + ceilingMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("the state was not reached");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let renditions = 0;
function rendition(file: string, mode: Rendition["mode"], map: Rendition["map"]): Rendition {
  renditions += 1;
  return {
    key: `test-${renditions}-${mode}`,
    dir: path.join(work, `r${renditions}`),
    mode,
    input: { kind: "file", path: file },
    audio: mode === "remux" ? "copy" : "aac",
    hasVideo: true,
    map,
  };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "asset-desk-encoder-"));
  broadcast = path.join(work, "broadcast.ts");
  matroska = path.join(work, "clip.mkv");
  const source = (seconds: number) => [
    "-f",
    "lavfi",
    "-i",
    `testsrc2=size=320x240:rate=25:duration=${seconds}`,
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=440:duration=${seconds}`,
  ];
  await Promise.all([
    run("ffmpeg", ["-v", "error", ...source(300), "-c:v", "mpeg2video", "-c:a", "mp2", "-f", "mpegts", broadcast]),
    run("ffmpeg", [
      "-v",
      "error",
      ...source(30),
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-pix_fmt",
      "yuv420p",
      "-g",
      "50",
      "-c:a",
      "aac",
      matroska,
    ]),
  ]);
});

const defaults = { ...tuning };
afterEach(async () => {
  Object.assign(tuning, defaults);
  stopAllEncoders();
  await until(() => runningEncoders().length === 0);
  env.ASSET_DESK_TRANSCODES = undefined;
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("transcode", () => {
  it("makes the segment asked for as H.264 + AAC at its place on the timeline, and restarts where a seek lands", async () => {
    const target = rendition(broadcast, "transcode", uniformSegments(300));
    const first = await segmentPath(target, 0);
    const head = await streams(first);
    expect(head.streams.map((stream) => [stream.codec_type, stream.codec_name]).sort()).toEqual([
      ["audio", "aac"],
      ["video", "h264"],
    ]);
    expect(Number(head.format.duration)).toBeCloseTo(SEGMENT_SECONDS, 0);

    // Far beyond what the running process will reach soon: a new process starts at segment 6.
    const far = await segmentPath(target, 6);
    const [encoder] = runningEncoders();
    expect(encoder?.key).toBe(target.key);
    const tail = await streams(far);
    // MPEG-TS adds its mux delay (1.4 s) to every timestamp; what matters is the place on the timeline.
    expect(Number(tail.format.start_time) - Number(head.format.start_time)).toBeCloseTo(6 * SEGMENT_SECONDS, 0);
    const made = (await readdir(target.dir)).filter((name) => name.endsWith(".ts"));
    expect(made).not.toContain("3.ts");
  });

  it("stops the process when nobody asks for a segment, long before the end of the file", async () => {
    Object.assign(tuning, { idleMs: 1_000, aheadSegments: 1_000 });
    const idle = rendition(broadcast, "transcode", uniformSegments(300));
    await segmentPath(idle, 0);
    await until(() => !runningEncoders().some((encoder) => encoder.key === idle.key), 20_000);
    // 300 s of video cannot be transcoded in the second it was given: it was stopped, not finished.
    expect(await readdir(idle.dir)).not.toContain("74.ts");
  });

  it("stops the process when the only waiting request is aborted (the viewer closed the page)", async () => {
    Object.assign(tuning, { abortGraceMs: 500, aheadSegments: 1_000 });
    const aborted = rendition(broadcast, "transcode", uniformSegments(300));
    const abort = new AbortController();
    const waiting = segmentPath(aborted, 4, abort.signal);
    await until(() => runningEncoders().some((encoder) => encoder.key === aborted.key));
    abort.abort(new Error("the viewer left"));
    await expect(waiting).rejects.toThrow("the viewer left");
    await until(() => !runningEncoders().some((encoder) => encoder.key === aborted.key), 10_000);
    expect(await readdir(aborted.dir)).not.toContain("74.ts");
  });

  it("refuses a transcode beyond the limit while another runs, and moves the viewer's own process on a seek", async () => {
    env.ASSET_DESK_TRANSCODES = 1;
    const busy = rendition(broadcast, "transcode", uniformSegments(300));
    const other = rendition(broadcast, "transcode", uniformSegments(300));
    const abort = new AbortController();
    const waiting = segmentPath(busy, 5, abort.signal);
    await until(() => runningEncoders().length === 1);
    await expect(segmentPath(other, 0)).rejects.toBeInstanceOf(PreviewBusy);
    // A second viewer of the same asset elsewhere in it needs a process of its own: refused too.
    await expect(segmentPath(busy, 60)).rejects.toBeInstanceOf(PreviewBusy);
    // The viewer seeks (its request is aborted): its own process moves, within the limit.
    abort.abort(new Error("seeked"));
    await expect(waiting).rejects.toThrow("seeked");
    await segmentPath(busy, 60);
    expect(runningEncoders().map((encoder) => encoder.start)).toEqual([60]);
  });

  it("says so for a segment past the end, and when ffmpeg cannot read the file", async () => {
    // The database says 320 s, the file has 300: the last segments never come.
    const target = rendition(broadcast, "transcode", uniformSegments(320));
    await expect(segmentPath(target, 78)).rejects.toThrow(/past the end/);
    await expect(segmentPath(target, 80)).rejects.toBeInstanceOf(PreviewFailed);
    const broken = rendition(path.join(work, "missing.ts"), "transcode", uniformSegments(300));
    await expect(segmentPath(broken, 0)).rejects.toThrow(/ffmpeg could not make the preview: .*No such file/);
  });
});

describe("remux", () => {
  it("cuts at the source's keyframes and copies the H.264 video without re-encoding it", async () => {
    const keyframes = await keyframeTimes({ kind: "file", path: matroska });
    expect(keyframes.slice(0, 4).map((time) => Math.round(time * 10) / 10)).toEqual([0, 2, 4, 6]);
    const map = keyframeSegments(keyframes, 30);
    expect(map.starts.slice(0, 3).map(Math.round)).toEqual([0, 4, 8]);
    const target = rendition(matroska, "remux", map);
    const second = await streams(await segmentPath(target, 1));
    expect(
      second.streams.map((stream) => [stream.codec_type, stream.codec_name, stream.height ?? null]).sort(),
    ).toEqual([
      ["audio", "aac", null],
      ["video", "h264", 240],
    ]);
    expect(Number(second.format.duration)).toBeCloseTo(SEGMENT_SECONDS, 0);
  });
});
