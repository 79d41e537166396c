import { describe, expect, it } from "vitest";
import { fileName, formatBytes, formatDateTime, formatDuration } from "@/lib/format";

describe("formatting for people", () => {
  it("shows sizes in binary units", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1536)).toBe("1.50 KiB");
    expect(formatBytes(3_796_916_003n)).toBe("3.54 GiB");
  });

  it("shows durations as m:ss or h:mm:ss, and a dash when unknown", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(17_400)).toBe("0:17");
    expect(formatDuration(1_472_000)).toBe("24:32");
    expect(formatDuration(5_400_000)).toBe("1:30:00");
  });

  it("shows times in UTC", () => {
    expect(formatDateTime(new Date("2026-11-24T03:01:00Z"))).toBe("24 Nov 2026, 03:01 UTC");
  });

  it("takes the file name from paths and URIs", () => {
    expect(fileName("/media/tv/Show - S01E01.mkv")).toBe("Show - S01E01.mkv");
    expect(fileName("smb://nas/share/My%20Film.mp4")).toBe("My Film.mp4");
    expect(fileName("C:\\media\\clip.avi")).toBe("clip.avi");
  });
});
