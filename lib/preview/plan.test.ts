import { describe, expect, it } from "vitest";
import { previewPlan } from "@/lib/preview/plan";

const format = (container: string | null, videoCodec: string | null, audioCodec: string | null) => ({
  container,
  videoCodec,
  audioCodec,
});

describe("previewPlan", () => {
  it.each([
    ["mp4", "h264", "aac", "video/mp4"],
    ["mp4", "h264", "mp3", "video/mp4"],
    ["mov", "h264", null, "video/mp4"],
    ["webm", "vp9", "opus", "video/webm"],
    ["webm", "vp8", "vorbis", "video/webm"],
    ["WebM", "AV1", null, "video/webm"],
    ["mp3", null, "mp3", "audio/mpeg"],
  ])("plays %s with %s video and %s audio directly as %s", (container, video, audio, mimeType) => {
    expect(previewPlan(format(container, video, audio))).toMatchObject({ mode: "direct", mimeType });
  });

  it.each([
    ["mkv", "h264", "aac", "copy", "remuxed: H.264/AAC in Matroska (MKV), rewrapped without re-encoding"],
    ["mpegts", "h264", "mp3", "copy", "remuxed: H.264/MP3 in MPEG-TS, rewrapped without re-encoding"],
    ["avi", "h264", null, "copy", "remuxed: H.264 in AVI, rewrapped without re-encoding"],
    ["mp4", "h264", "ac3", "aac", "remuxed: H.264/AC-3 in MP4; the video is copied, the AC-3 audio becomes AAC"],
    [
      "mov",
      "h264",
      "pcm_s24le",
      "aac",
      "remuxed: H.264/PCM in QuickTime (MOV); the video is copied, the PCM audio becomes AAC",
    ],
  ])("remuxes %s with %s video and %s audio (audio %s)", (container, video, audio, audioMode, why) => {
    expect(previewPlan(format(container, video, audio))).toEqual({ mode: "remux", audio: audioMode, why });
  });

  it.each([
    ["mpegts", "mpeg2video", "mp2", "transcoded: MPEG-2/MP2 in MPEG-TS"],
    ["avi", "mpeg4", "mp3", "transcoded: MPEG-4 Part 2/MP3 in AVI"],
    ["mkv", "hevc", "ac3", "transcoded: HEVC (H.265)/AC-3 in Matroska (MKV)"],
    ["mov", "prores", "pcm_s16le", "transcoded: ProRes/PCM in QuickTime (MOV)"],
    ["webm", "h264", "opus", "remuxed: H.264/Opus in WebM; the video is copied, the Opus audio becomes AAC"],
    ["mp4", "hevc", "aac", "transcoded: HEVC (H.265)/AAC in MP4"],
    ["wav", null, "pcm_s16le", "direct: PCM audio"],
    ["mka", null, "ac3", "transcoded: AC-3 audio"],
  ])("plays %s with %s video and %s audio as %s", (container, video, audio, why) => {
    expect(previewPlan(format(container, video, audio)).why).toBe(why);
  });

  it("says so when the file has not been probed", () => {
    for (const missing of [
      format(null, null, null),
      format("mp4", null, null),
      format(null, "h264", "aac"),
      format(" ", "h264", null),
    ]) {
      expect(previewPlan(missing)).toEqual({ mode: "none", why: expect.stringMatching(/^Not probed yet/) });
    }
  });
});
