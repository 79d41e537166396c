import { describe, expect, it } from "vitest";
import { browserPlayback } from "@/lib/assets/media";

const format = (container: string | null, videoCodec: string | null, audioCodec: string | null) => ({
  container,
  videoCodec,
  audioCodec,
});

describe("browserPlayback", () => {
  it.each([
    ["mp4", "h264", "aac", "video/mp4"],
    ["mp4", "h264", "mp3", "video/mp4"],
    ["mov", "h264", null, "video/mp4"],
    ["webm", "vp9", "opus", "video/webm"],
    ["webm", "vp8", "vorbis", "video/webm"],
    ["WebM", "AV1", null, "video/webm"],
  ])("plays %s with %s video and %s audio as %s", (container, video, audio, mimeType) => {
    expect(browserPlayback(format(container, video, audio))).toEqual({ playable: true, mimeType });
  });

  it.each([
    [
      "mpegts",
      "mpeg2video",
      "ac3",
      "Browsers cannot play MPEG-TS with MPEG-2 video; open the file in a desktop player.",
    ],
    ["mkv", "h264", "aac", "Browsers cannot play Matroska (MKV) with H.264 video; open the file in a desktop player."],
    ["avi", "mpeg4", "mp3", "Browsers cannot play AVI with MPEG-4 Part 2 video; open the file in a desktop player."],
    ["mp4", "hevc", "aac", "Browsers cannot play HEVC (H.265) video in MP4; open the file in a desktop player."],
    [
      "mov",
      "prores",
      "pcm_s16le",
      "Browsers cannot play ProRes video in QuickTime (MOV); open the file in a desktop player.",
    ],
    ["mp4", "h264", "ac3", "Browsers cannot play AC-3 audio in MP4; open the file in a desktop player."],
    [
      "mov",
      "h264",
      "pcm_s24le",
      "Browsers cannot play PCM audio in QuickTime (MOV); open the file in a desktop player.",
    ],
    ["webm", "h264", "opus", "Browsers cannot play H.264 video in WebM; open the file in a desktop player."],
  ])("does not play %s with %s video and %s audio", (container, video, audio, reason) => {
    expect(browserPlayback(format(container, video, audio))).toEqual({ playable: false, reason });
  });

  it("says so when the file has not been probed", () => {
    for (const missing of [
      format(null, null, null),
      format("mp4", null, "aac"),
      format(null, "h264", "aac"),
      format(" ", "h264", null),
    ]) {
      expect(browserPlayback(missing)).toEqual({ playable: false, reason: expect.stringMatching(/^Not probed yet/) });
    }
  });
});
