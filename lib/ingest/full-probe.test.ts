import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fullProbeOf, probeColumnsOf } from "@/lib/ingest/full-probe";
import { probeFile } from "@/lib/ingest/probe";
import { makeProbeFixtures, type ProbeFixture } from "@/lib/testing/probe-fixtures";

// The full probe of clips ffmpeg made with known streams: each is read to exactly those values.

let dir: string;
let at: Record<ProbeFixture, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-full-probe-"));
  at = await makeProbeFixtures(dir);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const probe = async (name: ProbeFixture) => (await probeFile(at[name])).full;

describe("the full probe", () => {
  it("reads a clean 720p clip as progressive, 8-bit, SDR, stereo, without languages or subtitles", async () => {
    const full = await probe("clean");
    expect(full.video).toEqual([
      expect.objectContaining({
        codec: "h264",
        width: 1280,
        height: 720,
        displayAspect: "16:9",
        frameRate: 25,
        fieldOrder: "progressive",
        pixelFormat: "yuv420p",
        bitDepth: 8,
        hdr: null,
      }),
    ]);
    expect(full.audio).toEqual([
      expect.objectContaining({
        codec: "aac",
        channels: 2,
        channelLayout: "stereo",
        sampleRate: 44100,
        language: null,
      }),
    ]);
    expect(full.subtitles).toEqual([]);
    expect(probeColumnsOf(full)).toEqual({
      videoHeight: 720,
      interlaced: false,
      hdr: false,
      audioChannels: 2,
      audioLanguages: [],
      subtitleCount: 0,
    });
  });

  it("reads an interlaced clip as top field first", async () => {
    const full = await probe("interlaced");
    expect(full.video[0]).toMatchObject({ width: 720, height: 576, fieldOrder: "tff", frameRate: 25 });
    expect(probeColumnsOf(full)).toMatchObject({ videoHeight: 576, interlaced: true, hdr: false, audioChannels: 1 });
  });

  it("reads 5.1 audio: six channels and their layout", async () => {
    const full = await probe("surround");
    expect(full.audio).toEqual([
      expect.objectContaining({ codec: "ac3", channels: 6, channelLayout: "5.1(side)", sampleRate: 44100 }),
    ]);
    expect(probeColumnsOf(full)).toMatchObject({ audioChannels: 6, interlaced: false, subtitleCount: 0 });
  });

  it("reads a subtitle track with its language and codec, and the audio's language", async () => {
    const full = await probe("subtitled");
    expect(full.subtitles).toEqual([{ index: 2, codec: "subrip", language: "eng" }]);
    expect(full.audio[0]).toMatchObject({ language: "fra" });
    expect(probeColumnsOf(full)).toMatchObject({ audioLanguages: ["fra"], subtitleCount: 1 });
  });

  it("reads a 10-bit HLG clip as HDR (HLG), 10 bits, bt2020 colour", async () => {
    const full = await probe("hlg");
    expect(full.video[0]).toMatchObject({
      codec: "hevc",
      width: 1920,
      height: 1080,
      pixelFormat: "yuv420p10le",
      bitDepth: 10,
      transfer: "arib-std-b67",
      hdr: "hlg",
      fieldOrder: "progressive",
    });
    expect(full.audio).toEqual([]);
    expect(probeColumnsOf(full)).toMatchObject({
      videoHeight: 1080,
      hdr: true,
      audioChannels: null,
      audioLanguages: [],
    });
  });

  it("names HDR10 by its transfer (smpte2084) and the field order ffprobe names by display order", () => {
    const full = fullProbeOf([
      { index: 0, codec_type: "video", color_transfer: "smpte2084", pix_fmt: "yuv420p10le", field_order: "bt" },
      { index: 1, codec_type: "video", field_order: "tb" },
      { index: 2, codec_type: "video", field_order: "unknown", disposition: { attached_pic: 1 } },
    ]);
    expect(full.video.map((v) => [v.hdr, v.fieldOrder, v.bitDepth])).toEqual([
      ["hdr10", "tff", 10],
      [null, "bff", null],
    ]);
  });
});
