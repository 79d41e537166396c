import { describe, expect, it } from "vitest";
import { ffmpegMessage } from "@/lib/media/ffmpeg-message";

describe("ffmpegMessage", () => {
  it("keeps ffmpeg's last distinct lines without its prefixes", () => {
    const stderr = [
      "[matroska,webm @ 0x55d0c1a2b3c0] EBML header parsing failed",
      "[matroska,webm @ 0x55d0c1a2b3c0] EBML header parsing failed",
      "",
      "Error opening input: Invalid data found when processing input",
    ].join("\n");
    expect(ffmpegMessage(stderr)).toBe(
      "EBML header parsing failed; Error opening input: Invalid data found when processing input",
    );
  });

  it("never shows the input's path, another path or a URL with its key", () => {
    const stderr = [
      "/srv/media/show/ep1.mkv: No such file or directory",
      "Error opening output '/var/cache/asset-desk/preview/x/seg-%d.ts'",
      "http://plex.local:32400/library/parts/1/file.mkv?X-Plex-Token=secret: Server returned 401",
    ].join("\n");
    const message = ffmpegMessage(stderr, ["/srv/media/show/ep1.mkv"]);
    expect(message).toBe("the file: No such file or directory; Error opening output '…'; … Server returned 401");
    expect(message).not.toMatch(/srv|cache|plex|secret/);
  });
});
