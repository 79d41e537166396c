import { describe, expect, it } from "vitest";
import { normalizeCodec, normalizeContainer } from "./codecs";

describe("normalizeCodec", () => {
  it("maps provider names to ffprobe's codec_name and passes the rest through lower-cased", () => {
    expect(["dca", "DCA-MA", "h265", "mpeg2video", "HEVC", "pcm"].map(normalizeCodec)).toEqual([
      "dts",
      "dts",
      "hevc",
      "mpeg2video",
      "hevc",
      "pcm",
    ]);
    expect(normalizeCodec(undefined)).toBeNull();
    expect(normalizeCodec("")).toBeNull();
  });
});

describe("normalizeContainer", () => {
  it("maps provider names and ffprobe demuxer lists to short container names", () => {
    const names = [
      "mov,mp4,m4a,3gp,3g2,mj2",
      "matroska,webm",
      "matroska",
      "mkv",
      "ts",
      "mpegts",
      "m2ts",
      "asf",
      "avi",
      "mov",
      "webm",
    ];
    expect(names.map(normalizeContainer)).toEqual([
      "mp4",
      "mkv",
      "mkv",
      "mkv",
      "mpegts",
      "mpegts",
      "mpegts",
      "wmv",
      "avi",
      "mov",
      "webm",
    ]);
    expect(normalizeContainer("mpegts,foo")).toBe("mpegts");
    expect(normalizeContainer(null)).toBeNull();
  });
});
