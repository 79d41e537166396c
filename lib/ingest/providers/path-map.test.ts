import { describe, expect, it } from "vitest";
import { applyPathMaps, parsePathMap } from "./path-map";

describe("applyPathMaps", () => {
  it("replaces a matching prefix and leaves other paths unchanged", () => {
    const maps = [{ from: "/data/media", to: "/mnt/media" }];

    expect(applyPathMaps("/data/media/Movies/A.mkv", maps)).toBe("/mnt/media/Movies/A.mkv");
    expect(applyPathMaps("/other/A.mkv", maps)).toBe("/other/A.mkv");
    expect(applyPathMaps("/data/media/Movies/A.mkv", [])).toBe("/data/media/Movies/A.mkv");
  });

  it("matches whole path segments only", () => {
    const maps = [{ from: "/media", to: "/mnt/media" }];

    expect(applyPathMaps("/media2/x.mkv", maps)).toBe("/media2/x.mkv");
    expect(applyPathMaps("/media/x.mkv", maps)).toBe("/mnt/media/x.mkv");
    expect(applyPathMaps("/media", maps)).toBe("/mnt/media");
  });

  it("lets the longest matching prefix win, whatever the order", () => {
    const maps = [
      { from: "/data", to: "/mnt/data" },
      { from: "/data/tv", to: "/srv/tv" },
      { from: "/data/tv/kids/extra", to: "/nowhere" },
    ];

    expect(applyPathMaps("/data/tv/kids/a.mkv", maps)).toBe("/srv/tv/kids/a.mkv");
    expect(applyPathMaps("/data/movies/a.mkv", maps)).toBe("/mnt/data/movies/a.mkv");
  });

  it("ignores trailing slashes on either side of a map", () => {
    expect(applyPathMaps("/data/media/a.mkv", [{ from: "/data/media/", to: "/mnt/media/" }])).toBe("/mnt/media/a.mkv");
    expect(applyPathMaps("/data/a.mkv", [{ from: "/", to: "/mnt/root" }])).toBe("/mnt/root/data/a.mkv");
  });

  it("maps Windows paths with backslashes, any drive-letter case, into forward slashes", () => {
    const maps = [{ from: "D:\\Media", to: "/mnt/media" }];

    expect(applyPathMaps("D:\\Media\\x.mkv", maps)).toBe("/mnt/media/x.mkv");
    expect(applyPathMaps("d:\\media\\Movies\\x.mkv", maps)).toBe("/mnt/media/Movies/x.mkv");
    expect(applyPathMaps("D:/Media/x.mkv", maps)).toBe("/mnt/media/x.mkv");
    expect(applyPathMaps("D:\\Media2\\x.mkv", maps)).toBe("D:\\Media2\\x.mkv");
    expect(applyPathMaps("\\\\nas\\share\\x.mkv", [{ from: "\\\\nas\\share", to: "/mnt/nas" }])).toBe("/mnt/nas/x.mkv");
  });

  it("keeps case-sensitive matching for POSIX paths", () => {
    expect(applyPathMaps("/Data/x.mkv", [{ from: "/data", to: "/mnt" }])).toBe("/Data/x.mkv");
  });
});

describe("parsePathMap", () => {
  it("splits on the first equals sign", () => {
    expect(parsePathMap("/data/media=/mnt/media")).toEqual({ from: "/data/media", to: "/mnt/media" });
    expect(parsePathMap("D:\\Media=/mnt/a=b")).toEqual({ from: "D:\\Media", to: "/mnt/a=b" });
  });

  it("rejects a map without both sides", () => {
    for (const text of ["/data/media", "=/mnt", "/data=", "  =  "]) {
      expect(() => parsePathMap(text)).toThrow(/A path map reads FROM=TO/);
    }
  });
});
