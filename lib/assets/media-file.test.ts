import { mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMediaFile } from "@/lib/assets/media-file";
import { parseRange } from "@/lib/media/byte-range";
import { localPath, type MediaRoots } from "@/lib/assets/media-roots";

describe("parseRange", () => {
  const size = 1000;

  it.each([
    ["bytes=0-99", { kind: "partial", start: 0, end: 99 }],
    ["bytes=100-", { kind: "partial", start: 100, end: 999 }],
    ["bytes=-100", { kind: "partial", start: 900, end: 999 }],
    ["bytes=-5000", { kind: "partial", start: 0, end: 999 }],
    ["bytes=990-5000", { kind: "partial", start: 990, end: 999 }],
    ["bytes=999-999", { kind: "partial", start: 999, end: 999 }],
    ["BYTES= 5 - 9 ", { kind: "partial", start: 5, end: 9 }],
  ])("reads %s", (header, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it.each([
    [null],
    [""],
    ["bytes=0-99,200-299"], // several ranges: the whole file
    ["bytes=-"],
    ["bytes=abc-"],
    ["bytes=100-50"],
    ["bytes=1.5-3"],
    ["items=0-99"],
    ["0-99"],
  ])("ignores %s and sends the whole file", (header) => {
    expect(parseRange(header, size)).toEqual({ kind: "whole" });
  });

  it.each([["bytes=1000-"], ["bytes=1000-2000"], ["bytes=-0"]])("cannot satisfy %s", (header) => {
    expect(parseRange(header, size)).toEqual({ kind: "unsatisfiable" });
  });

  it("cannot satisfy any range of an empty file", () => {
    expect(parseRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-10", 0)).toEqual({ kind: "unsatisfiable" });
  });
});

describe("localPath", () => {
  it("accepts absolute paths and file:// URIs only", () => {
    expect(localPath("/media/a b.mp4")).toBe("/media/a b.mp4");
    expect(localPath("file:///media/a%20b.mp4")).toBe("/media/a b.mp4");
    expect(localPath("media/a.mp4")).toBeNull();
    expect(localPath("smb://nas/media/a.mp4")).toBeNull();
    expect(localPath("file://nas/media/a.mp4")).toBeNull();
  });
});

describe("openMediaFile", () => {
  let dir: string;
  let outside: string;
  let roots: MediaRoots;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-media-"));
    outside = await mkdtemp(path.join(os.tmpdir(), "asset-desk-media-outside-"));
    await writeFile(path.join(dir, "clip.mp4"), "0123456789");
    await writeFile(path.join(outside, "secret.mp4"), "secret");
    roots = { real: [await realpath(dir)] };
  });
  afterAll(() =>
    Promise.all([rm(dir, { recursive: true, force: true }), rm(outside, { recursive: true, force: true })]),
  );

  it("streams the requested bytes of a file named by path or file:// URI", async () => {
    for (const uri of [path.join(dir, "clip.mp4"), pathToFileURL(path.join(dir, "clip.mp4")).href]) {
      const file = await openMediaFile(uri, roots);
      expect(file?.size).toBe(10);
      expect(await new Response(file!.stream(2, 5)).text()).toBe("2345");
    }
  });

  it("returns null for a missing file, a folder or a relative path", async () => {
    expect(await openMediaFile(path.join(dir, "missing.mp4"), roots)).toBeNull();
    expect(await openMediaFile(dir, roots)).toBeNull();
    expect(await openMediaFile("clip.mp4", roots)).toBeNull();
  });

  it("returns null for a file outside the roots, however it is reached", async () => {
    await symlink(path.join(outside, "secret.mp4"), path.join(dir, "link.mp4"));
    for (const uri of [
      path.join(outside, "secret.mp4"),
      path.join(dir, "..", path.basename(outside), "secret.mp4"),
      path.join(dir, "link.mp4"),
      "/etc/passwd",
    ]) {
      expect(await openMediaFile(uri, roots)).toBeNull();
    }
    expect(await openMediaFile(path.join(dir, "clip.mp4"), { real: [] })).toBeNull();
  });
});
