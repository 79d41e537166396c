import { execFile } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containerName, ProbeError, probeFile } from "@/lib/ingest/probe";
import { type FixtureName, makeMediaFixtures } from "@/lib/testing/media-fixtures";

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;

let dir: string;
let at: Record<FixtureName, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-probe-"));
  at = await makeMediaFixtures(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Reference = {
  format: { format_name: string; duration?: string };
  streams: { codec_type: string; codec_name: string; disposition: { attached_pic: number } }[];
};

// ffprobe asked directly, with other options than probeFile uses: the answer probeFile must agree with.
async function askFfprobe(file: string): Promise<Reference> {
  const entries = "format=format_name,duration:stream=codec_type,codec_name:stream_disposition=attached_pic";
  const { stdout } = await run("ffprobe", ["-v", "error", "-show_entries", entries, "-of", "json", file]);
  return JSON.parse(stdout) as Reference;
}

// The container each fixture must get, per the table in docs/media-probing.md.
const playable: [FixtureName, string][] = [
  ["mp4", "mp4"],
  ["mkv", "mkv"],
  ["webm", "webm"],
  ["mpegts", "mpegts"],
  ["avi", "avi"],
  ["mov", "mov"],
  ["noAudio", "mp4"],
  ["recording", "mpegts"],
  ["m4a", "m4a"],
  ["mp3", "mp3"],
  ["duplicate", "mp4"],
];

describe("probeFile reads", () => {
  it.each(playable)("%s as ffprobe does, container %s", async (name, container) => {
    const [result, reference] = await Promise.all([probeFile(at[name]), askFfprobe(at[name])]);
    const codecOf = (type: string) =>
      reference.streams.find((stream) => stream.codec_type === type && stream.disposition.attached_pic !== 1)
        ?.codec_name ?? null;
    expect(result.videoCodec).toBe(codecOf("video"));
    expect(result.audioCodec).toBe(codecOf("audio"));
    expect(result.container).toBe(container);
    expect(Math.abs(result.durationMs! - Math.round(Number(reference.format.duration) * 1000))).toBeLessThanOrEqual(1);
  });

  it("ignores cover art: an mp3 with a picture is audio only", async () => {
    const reference = await askFfprobe(at.mp3);
    expect(
      reference.streams.some((stream) => stream.codec_type === "video" && stream.disposition.attached_pic === 1),
    ).toBe(true);
    expect((await probeFile(at.mp3)).videoCodec).toBeNull();
  });

  it("gives audio-only and video-only files a null codec on the missing side", async () => {
    expect(await probeFile(at.m4a)).toMatchObject({ videoCodec: null, audioCodec: "aac" });
    expect(await probeFile(at.noAudio)).toMatchObject({ videoCodec: "h264", audioCodec: null });
  });

  it("keeps only the listed fields of ffprobe's output", async () => {
    const { raw } = await probeFile(at.mp4);
    expect(Object.keys(raw.format).sort()).toEqual(["bit_rate", "duration", "format_long_name", "format_name", "tags"]);
    expect(raw.format.tags).toEqual({ major_brand: "isom" });
    expect(raw.streams[0]).toMatchObject({
      index: 0,
      codec_type: "video",
      codec_name: "h264",
      width: 160,
      height: 120,
      duration: "1.000000",
      disposition: { attached_pic: 0 },
      // What the full probe reads (lib/ingest/full-probe.ts).
      pix_fmt: "yuv420p",
      field_order: "progressive",
      avg_frame_rate: "25/1",
    });
    expect(Object.keys(raw.streams[0]!)).not.toContain("codec_long_name");
    expect(Object.keys(raw.streams[1]!).sort()).toEqual([
      "avg_frame_rate",
      "bit_rate",
      "channel_layout",
      "channels",
      "codec_name",
      "codec_type",
      "disposition",
      "duration",
      "index",
      "r_frame_rate",
      "sample_rate",
      "tags",
    ]);
  });
});

describe("probeFile fails", () => {
  const failure = (file: string, options?: Parameters<typeof probeFile>[1]) =>
    probeFile(file, options).then(
      () => expect.unreachable(`${file} was probed`),
      (error: unknown) => {
        expect(error).toBeInstanceOf(ProbeError);
        return error as ProbeError;
      },
    );

  it("with ffprobe's own message for bytes that are not media", async () => {
    expect(await failure(at.corrupt)).toMatchObject({
      code: "invalid",
      message: "Invalid data found when processing input",
    });
  });

  it("for an mp4 cut before its moov atom", async () => {
    expect(await failure(at.truncated)).toMatchObject({
      code: "invalid",
      message: expect.stringContaining("moov atom not found"),
    });
  });

  it("without running ffprobe for an empty file", async () => {
    expect(await failure(at.empty)).toMatchObject({ code: "empty" });
  });

  it("for a file ffprobe reads that holds no audio or video", async () => {
    expect(await failure(at.subtitles)).toMatchObject({
      code: "no_streams",
      message: "No audio or video stream (found: subtitle)",
    });
  });

  it("for a missing file or a broken link", async () => {
    expect(await failure(path.join(dir, "nowhere.mp4"))).toMatchObject({ code: "unreadable" });
    expect(await failure(at.dangling)).toMatchObject({ code: "unreadable" });
  });

  it.skipIf(isRoot)("for a file without read permission", async () => {
    await chmod(at.duplicate, 0o000);
    try {
      expect(await failure(at.duplicate)).toMatchObject({
        code: "unreadable",
        message: expect.stringContaining("permission denied"),
      });
    } finally {
      await chmod(at.duplicate, 0o644);
    }
  });

  it("when ffprobe takes longer than the timeout", async () => {
    expect(await failure(at.mov, { timeoutMs: 1 })).toMatchObject({ code: "timeout" });
  });

  it("with the AbortError, not a ProbeError, when the caller aborts", async () => {
    const controller = new AbortController();
    const probe = probeFile(at.mov, { signal: controller.signal });
    controller.abort();
    await expect(probe).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("containerName", () => {
  it.each([
    [{ formatName: "mov,mp4,m4a,3gp,3g2,mj2", majorBrand: "qt  ", extension: ".mov", audioOnly: false }, "mov"],
    [{ formatName: "mov,mp4,m4a,3gp,3g2,mj2", majorBrand: "M4A ", extension: ".m4a", audioOnly: true }, "m4a"],
    [{ formatName: "mov,mp4,m4a,3gp,3g2,mj2", majorBrand: "M4A ", extension: ".m4a", audioOnly: false }, "mp4"],
    [{ formatName: "mov,mp4,m4a,3gp,3g2,mj2", extension: ".3gp", audioOnly: false }, "mp4"],
    [{ formatName: "matroska,webm", extension: ".WEBM", audioOnly: false }, "webm"],
    [{ formatName: "matroska,webm", extension: "", audioOnly: false }, "mkv"],
    [{ formatName: "asf", extension: ".wma", audioOnly: true }, "wmv"],
    [{ formatName: "mpeg", extension: ".vob", audioOnly: false }, "mpeg"],
    [{ formatName: "image2", extension: ".jpg", audioOnly: false }, "image2"],
    [{ formatName: "hls,applehttp", extension: ".m3u8", audioOnly: false }, "hls"],
  ])("%o → %s", (hints, expected) => {
    expect(containerName(hints)).toBe(expected);
  });
});
