import { chmod, copyFile, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMediaCandidate, needsSniff } from "@/lib/ingest/media-kind";
import { type WalkEntry, walkMedia } from "@/lib/ingest/walk";
import { type FixtureName, makeMediaFixtures } from "@/lib/testing/media-fixtures";

const isRoot = process.getuid?.() === 0;

let dir: string;
let outside: string;
let at: Record<FixtureName, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-walk-"));
  outside = await mkdtemp(path.join(os.tmpdir(), "asset-desk-walk-outside-"));
  at = await makeMediaFixtures(dir);
  // Links out of the walked tree, to a folder and to a file: never followed (a share could link to /etc).
  await copyFile(at.m4a, path.join(outside, "elsewhere.m4a"));
  await symlink(outside, path.join(dir, "linked"));
  await symlink(path.join(outside, "elsewhere.m4a"), path.join(dir, "secret.m4a"));
  // A link to a file inside the tree is followed.
  await symlink(at.mp3, path.join(dir, "alias.mp3"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

async function walk(roots: string[]): Promise<WalkEntry[]> {
  const entries: WalkEntry[] = [];
  for await (const entry of walkMedia(roots)) entries.push(entry);
  return entries;
}

const pathsOf = (entries: WalkEntry[], kind: WalkEntry["kind"]) =>
  entries
    .filter((entry) => entry.kind === kind)
    .map((entry) => entry.path)
    .sort();

describe("walkMedia", () => {
  it("reports the media files once each, and skips non-media, hidden files, the link loop and links out of the tree", async () => {
    const entries = await walk([dir]);
    const media: FixtureName[] = [
      "mp4",
      "mkv",
      "webm",
      "mpegts",
      "avi",
      "mov",
      "noAudio",
      "recording",
      "m4a",
      "mp3",
      "duplicate",
      "corrupt",
      "empty",
      "truncated",
    ];
    expect(pathsOf(entries, "file")).toEqual([...media.map((name) => at[name]), path.join(dir, "alias.mp3")].sort());
    expect(pathsOf(entries, "skipped")).toEqual([at.notes, at.cover, at.subtitles, at.typescript].sort());
    const outsideLink = {
      kind: "error",
      message: "The link leads outside the source's folders, so it is not followed.",
    };
    expect(entries.filter((entry) => entry.kind === "error").sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { kind: "error", path: at.dangling, message: expect.stringContaining("ENOENT") },
      { ...outsideLink, path: path.join(dir, "linked") },
      { ...outsideLink, path: path.join(dir, "secret.m4a") },
    ]);
  });

  it("follows a link into another folder being walked", async () => {
    const entries = await walk([dir, outside]);
    expect(pathsOf(entries, "file")).toContain(path.join(outside, "elsewhere.m4a"));
    expect(pathsOf(entries, "file")).toContain(path.join(dir, "secret.m4a"));
    expect(entries.filter((entry) => entry.kind === "error").map((entry) => entry.path)).toEqual([at.dangling]);
  });

  it("gives each file its size and modification time", async () => {
    const mp4 = (await walk([path.dirname(at.mp4)])).find((entry) => entry.path === at.mp4);
    expect(mp4).toMatchObject({ kind: "file", size: expect.any(Number), mtimeMs: expect.any(Number) });
    if (mp4?.kind === "file") expect(mp4.size).toBeGreaterThan(1000);
  });

  it("resolves relative roots and reads a folder named twice once", async () => {
    const relative = path.relative(process.cwd(), path.dirname(at.m4a));
    expect(pathsOf(await walk([relative, path.dirname(at.m4a)]), "file")).toEqual([at.m4a, at.mp3]);
  });

  it("throws before yielding for a root that is missing or not a folder", async () => {
    await expect(walk([dir, path.join(dir, "nowhere")])).rejects.toThrow(
      `Folder not found: ${path.join(dir, "nowhere")}`,
    );
    await expect(walk([at.mp4])).rejects.toThrow(`Not a folder: ${at.mp4}`);
  });

  it("stops when the signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const walking = walkMedia([dir], { signal: controller.signal });
    await expect(walking.next()).rejects.toMatchObject({ name: "AbortError" });
  });

  it.skipIf(isRoot)("reports a folder it cannot read and goes on", async () => {
    const locked = path.join(dir, "locked");
    await mkdir(locked);
    await chmod(locked, 0o000);
    try {
      const entries = await walk([dir]);
      expect(entries).toContainEqual({ kind: "error", path: locked, message: expect.stringContaining("EACCES") });
      expect(pathsOf(entries, "file")).toContain(at.mp4);
    } finally {
      await chmod(locked, 0o755);
      await rm(locked, { recursive: true });
    }
  });
});

describe("isMediaCandidate", () => {
  const packet = (at: number[]) => {
    const head = Buffer.alloc(512);
    for (const offset of at) head[offset] = 0x47;
    return head;
  };

  it("decides by a known extension, without reading the file", () => {
    expect(needsSniff("/m/Film.MKV")).toBe(false);
    expect(isMediaCandidate("/m/Film.MKV")).toBe(true);
    expect(needsSniff("/m/Film.nfo")).toBe(false);
    expect(isMediaCandidate("/m/Film.nfo")).toBe(false);
  });

  it("takes a .ts file only with MPEG-TS sync bytes at 0 and 188", () => {
    expect(needsSniff("/m/show.ts")).toBe(true);
    expect(isMediaCandidate("/m/show.ts", packet([0, 188]))).toBe(true);
    expect(isMediaCandidate("/m/show.ts", packet([0]))).toBe(false);
    expect(isMediaCandidate("/m/show.ts", Buffer.from("export const x = 1;\n"))).toBe(false);
  });

  it.each([
    ["mp4", Buffer.from("\0\0\0\x20ftypisom", "latin1")],
    ["matroska", Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f])],
    ["avi", Buffer.from("RIFF\0\0\0\0AVI LIST", "latin1")],
    ["wav", Buffer.from("RIFF\0\0\0\0WAVEfmt ", "latin1")],
    ["mpeg program stream", Buffer.from([0x00, 0x00, 0x01, 0xba, 0x44])],
    ["ogg", Buffer.from("OggS\0\x02", "latin1")],
    ["flv", Buffer.from("FLV\x01\x05", "latin1")],
    ["asf", Buffer.from([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9])],
    ["mp3 with ID3", Buffer.from("ID3\x04\0", "latin1")],
    ["mp3 frame", Buffer.from([0xff, 0xfb, 0x90, 0x64])],
    ["adts aac", Buffer.from([0xff, 0xf1, 0x50, 0x80])],
    ["flac", Buffer.from("fLaC\0\0\0\x22", "latin1")],
  ])("sniffs %s in a file without an extension", (_, head) => {
    expect(isMediaCandidate("/m/recording", head)).toBe(true);
    expect(isMediaCandidate("/m/Film.2024", head)).toBe(true);
  });

  it("does not take text, UTF-16 text or an unread file without an extension", () => {
    expect(isMediaCandidate("/m/README", Buffer.from("Read me first\n"))).toBe(false);
    expect(isMediaCandidate("/m/README", Buffer.from("\ufeffRead me", "utf16le"))).toBe(false);
    expect(isMediaCandidate("/m/recording")).toBe(false);
  });
});
