import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createAsset } from "@/lib/seed/factories";
import { makeClip, meanLuma, pictureSize } from "@/lib/testing/thumbnail-fixtures";
import { parseStripVtt, stripCues, stripLayout, stripVtt } from "@/lib/thumbnails/layout";
import { makeThumbnails } from "@/lib/thumbnails/make";
import { POSTER_FILE, sampledCopyArgs, STRIP_FILE, videoFrameRate } from "@/lib/thumbnails/render";
import { enforceThumbnailCap, entryDir, thumbnailState } from "@/lib/thumbnails/store";

// Thumbnails made by the real ffmpeg from real clips inside a filesystem source's folder.

let dir: string;
const sha256 = async (file: string) =>
  createHash("sha256")
    .update(await readFile(file))
    .digest("hex");

/** An asset recorded as a scan would record this clip. */
async function clipAsset(file: string, durationMs: number) {
  const info = await stat(file);
  return createAsset(await getDb(), {
    uri: file,
    size: BigInt(info.size),
    durationMs,
    container: "mp4",
    videoCodec: "mpeg4",
    audioCodec: null,
    hashSha256: await sha256(file),
    probeError: null,
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-thumbs-"));
  await (await getDb()).source.create({ data: { kind: "filesystem", name: `thumbs ${dir}`, roots: [dir] } });
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the strip's layout", () => {
  it("has one tile per 10 s, at least 1 and at most 100, ten to a row", () => {
    expect(stripLayout(4_000)).toMatchObject({ tiles: 1, columns: 1, rows: 1, intervalMs: 4_000 });
    expect(stripLayout(60_000)).toMatchObject({ tiles: 6, columns: 6, rows: 1, intervalMs: 10_000 });
    expect(stripLayout(95_000)).toMatchObject({ tiles: 10, columns: 10, rows: 1, intervalMs: 9_500 });
    expect(stripLayout(601_000)).toMatchObject({ tiles: 61, columns: 10, rows: 7 });
    expect(stripLayout(7_200_000)).toMatchObject({ tiles: 100, columns: 10, rows: 10, intervalMs: 72_000 });
    expect(stripLayout(60_000)).toMatchObject({ tileWidth: 160, tileHeight: 90 });
  });

  it("has cues end to end from 0 to the duration, each pointing at its tile", () => {
    for (const durationMs of [4_000, 61_234, 601_000, 7_200_001]) {
      const layout = stripLayout(durationMs);
      const cues = parseStripVtt(stripVtt("/strip.jpg", stripCues(layout, durationMs)));
      expect(cues).toHaveLength(layout.tiles);
      expect(cues[0]!.startMs).toBe(0);
      expect(cues.at(-1)!.endMs).toBe(durationMs);
      cues.forEach((cue, k) => {
        if (k > 0) expect(cue.startMs).toBe(cues[k - 1]!.endMs);
        expect(cue).toMatchObject({
          x: (k % layout.columns) * 160,
          y: Math.floor(k / layout.columns) * 90,
          w: 160,
          h: 90,
        });
      });
    }
  });
});

describe("makeThumbnails", () => {
  it("takes a poster that is not the black lead-in of the clip", async () => {
    const file = path.join(dir, "black-start.mp4");
    await makeClip(file, { seconds: 6, blackSeconds: 2 });
    const { uuid } = await clipAsset(file, 6_000);
    expect(await makeThumbnails(await getDb(), uuid)).toBe("made");
    const poster = path.join(entryDir(uuid), POSTER_FILE);
    expect(await pictureSize(poster)).toEqual({ width: 320, height: 180 });
    // The clip's first frame is black (luma 16 in video range); the test pattern is far brighter.
    expect(await meanLuma(poster)).toBeGreaterThan(60);
  });

  it("lays the strip out as the layout says: three 160x90 tiles for 25 s", async () => {
    const file = path.join(dir, "25s.mp4");
    await makeClip(file, { seconds: 25 });
    const { uuid } = await clipAsset(file, 25_000);
    expect(await makeThumbnails(await getDb(), uuid)).toBe("made");
    expect(await pictureSize(path.join(entryDir(uuid), STRIP_FILE))).toEqual({ width: 480, height: 90 });
    const state = await thumbnailState(uuid, (await (await getDb()).asset.findUniqueOrThrow({ where: { uuid } }))!);
    expect(state).toMatchObject({ kind: "ready", meta: { tiles: 3, columns: 3, rows: 1, intervalMs: 25_000 / 3 } });
  });

  it("leaves current pictures alone, and makes new ones when the file changed", async () => {
    const db = await getDb();
    const file = path.join(dir, "changing.mp4");
    await makeClip(file, { seconds: 3 });
    const { uuid } = await clipAsset(file, 3_000);
    expect(await makeThumbnails(db, uuid)).toBe("made");
    expect(await makeThumbnails(db, uuid)).toBe("current");
    const before = await readFile(path.join(entryDir(uuid), POSTER_FILE));

    // The file is replaced (black from start to end) and a rescan records its new hash.
    await makeClip(file, { seconds: 3, blackSeconds: 3 });
    await db.asset.update({ where: { uuid }, data: { hashSha256: await sha256(file) } });
    expect((await thumbnailState(uuid, await db.asset.findUniqueOrThrow({ where: { uuid } }))).kind).toBe("missing");
    expect(await makeThumbnails(db, uuid)).toBe("made");
    const after = await readFile(path.join(entryDir(uuid), POSTER_FILE));
    expect(after.equals(before)).toBe(false);
    expect(await meanLuma(path.join(entryDir(uuid), POSTER_FILE))).toBeLessThan(30);
  });

  it("records a file it cannot read, without its path, and makes nothing for an asset without video", async () => {
    const db = await getDb();
    const file = path.join(dir, "broken.mp4");
    await writeFile(file, Buffer.alloc(4096, 1));
    const broken = await clipAsset(file, 10_000);
    expect(await makeThumbnails(db, broken.uuid)).toBe("failed");
    const state = await thumbnailState(broken.uuid, await db.asset.findUniqueOrThrow({ where: { uuid: broken.uuid } }));
    expect(state.kind).toBe("failed");
    expect(JSON.stringify(state)).not.toContain(dir);

    const audio = await createAsset(db, { uri: path.join(dir, "tone.m4a"), videoCodec: null, audioCodec: "aac" });
    expect(await makeThumbnails(db, audio.uuid)).toBe("no_video");
    const outside = await createAsset(db, {
      uri: "/etc/passwd",
      videoCodec: "h264",
      durationMs: 1_000,
      probeError: null,
    });
    expect(await makeThumbnails(db, outside.uuid)).toBe("unreachable");
  });
});

describe("the cache cap", () => {
  it("evicts the least recently used entries until the folder fits, keeping the one being written", async () => {
    const db = await getDb();
    const first = path.join(dir, "cap-0.mp4");
    await makeClip(first, { seconds: 2 });
    const uuids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const file = path.join(dir, `cap-${i}.mp4`);
      if (i > 0) await copyFile(first, file);
      uuids.push((await clipAsset(file, 2_000)).uuid);
    }
    for (const [i, uuid] of uuids.entries()) {
      expect(await makeThumbnails(db, uuid)).toBe("made");
      // Used in order: 0 longest ago.
      const at = new Date(Date.now() - (10 - i) * 60_000);
      await utimes(entryDir(uuid), at, at);
    }
    const sizes = await Promise.all(uuids.map((uuid) => folderBytes(entryDir(uuid))));
    // The folder also holds the other tests' entries, all used more recently than these four.
    const total = (await enforceThumbnailCap({ force: true, capBytes: Number.MAX_SAFE_INTEGER }))!.totalBytes;
    const cap = total - sizes[1]! - sizes[2]!;
    const result = await enforceThumbnailCap({ force: true, capBytes: cap, keep: uuids[0] });
    expect(result?.totalBytes).toBeLessThanOrEqual(cap);
    const kept = await Promise.all(uuids.map(async (uuid) => (await stat(entryDir(uuid)).catch(() => null)) !== null));
    // The oldest is kept because it is in use; the next two oldest go.
    expect(kept).toEqual([true, false, false, true]);
  });
});

async function folderBytes(folder: string): Promise<number> {
  const names = await readdir(folder);
  const sizes = await Promise.all(names.map(async (name) => (await stat(path.join(folder, name))).size));
  return sizes.reduce((a, b) => a + b, 0);
}

describe("an intra-only source (every frame a keyframe)", () => {
  /** A Motion JPEG clip, 320x180, 25 fps: black for the first 10 s, then the test pattern. */
  async function mjpegClip(file: string, seconds: number) {
    await promisify(execFile)("ffmpeg", [
      ...["-v", "error", "-y", "-filter_complex"],
      `color=c=black:size=320x180:rate=25:duration=10[b];testsrc2=size=320x180:rate=25:duration=${seconds - 10}[t];[b][t]concat=n=2:v=1[v]`,
      ...["-map", "[v]", "-c:v", "mjpeg", "-q:v", "5", file],
    ]);
  }

  it("is thinned before decoding: 25 of its 750 frames reach the decoder, timestamps kept", async () => {
    const file = path.join(dir, "intra-sample.avi");
    await mjpegClip(file, 30);
    const layout = stripLayout(30_000);
    const copied = path.join(dir, "intra-sample.nut");
    const input = { kind: "file" as const, path: file };
    expect(await videoFrameRate(input)).toBe(25);
    const args = sampledCopyArgs(input, 30_000, layout, 25);
    await promisify(execFile)("ffmpeg", [...args.slice(0, -1), "-y", copied]);
    const { stdout } = await promisify(execFile)("ffprobe", [
      ...["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0", copied],
    ]);
    const times = stdout.trim().split("\n").map(Number);
    // 25 poster candidates over 30 s: one frame of every 30 (1.2 s at 25 fps).
    expect(times).toEqual(Array.from({ length: 25 }, (_, k) => k * 1.2).map((t) => expect.closeTo(t, 3)));
  });

  it("gets a poster from the picture, not the black lead-in, and each strip tile from its own span", async () => {
    const file = path.join(dir, "intra.avi");
    await mjpegClip(file, 30);
    const info = await stat(file);
    const { uuid } = await createAsset(await getDb(), {
      uri: file,
      size: BigInt(info.size),
      durationMs: 30_000,
      container: "avi",
      videoCodec: "mjpeg",
      audioCodec: null,
      hashSha256: await sha256(file),
      probeError: null,
    });
    expect(await makeThumbnails(await getDb(), uuid)).toBe("made");
    expect(await meanLuma(path.join(entryDir(uuid), POSTER_FILE))).toBeGreaterThan(60);
    const strip = path.join(entryDir(uuid), STRIP_FILE);
    expect(await pictureSize(strip)).toEqual({ width: 480, height: 90 });
    // Tile 0 stands for 0–10 s (its middle, 5 s, is black); tiles 1 and 2 for the pattern.
    const tiles = await Promise.all([0, 1, 2].map((k) => meanLuma(strip, { x: k * 160, y: 0, w: 160, h: 90 })));
    expect(tiles[0]).toBeLessThan(30);
    expect(tiles[1]).toBeGreaterThan(60);
    expect(tiles[2]).toBeGreaterThan(60);
  });
});
