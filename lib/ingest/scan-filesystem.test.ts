import { execFile } from "node:child_process";
import { appendFile, mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActingViewer } from "@/lib/assets/visibility";
import { getDb } from "@/lib/db";
import { applyTransition } from "@/lib/assets/workflow";
import { getRunSummary } from "@/lib/ingest/run-report";
import { createRun, executeRun } from "@/lib/ingest/runs";
import { createSource } from "@/lib/ingest/sources";
import { makeMediaFixtures, type FixtureName } from "@/lib/testing/media-fixtures";
import { createFolderSource, type FolderSource } from "@/lib/testing/folder-source";

// The filesystem scan end to end on real media made by ffmpeg, against the database the desk uses:
// what is recorded, what a rescan skips, and how changed, missing and deleted files are handled.

const exec = promisify(execFile);
let dir: string;
let files: Record<FixtureName, string>;
let sourceUuid: string;
let actor: ActingViewer;
let scan: FolderSource["scan"];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-scan-"));
  files = await makeMediaFixtures(dir);
  ({ actor, sourceUuid, scan } = await createFolderSource("Fixtures", [dir]));
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const asset = async (file: string) => (await getDb()).asset.findUnique({ where: { uri: file } });

/** What ffprobe itself says of a file, for comparison. */
async function ffprobeCodecs(file: string) {
  const { stdout } = await exec("ffprobe", [
    "-v",
    "error",
    "-show_entries",
    "stream=codec_type,codec_name:stream_disposition=attached_pic",
    "-of",
    "json",
    file,
  ]);
  const streams = (
    JSON.parse(stdout) as {
      streams: { codec_type: string; codec_name: string; disposition?: { attached_pic?: number } }[];
    }
  ).streams;
  return {
    videoCodec: streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic)?.codec_name ?? null,
    audioCodec: streams.find((s) => s.codec_type === "audio")?.codec_name ?? null,
  };
}

const PLAYABLE: FixtureName[] = [
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
];
const BROKEN: FixtureName[] = ["corrupt", "empty", "truncated"];

describe("a first scan", () => {
  let first: Awaited<ReturnType<typeof scan>>;
  beforeAll(async () => {
    first = await scan();
  }, 120_000);

  it("records every media file once, new and unapproved, with the codecs ffprobe reports and the sha256 sha256sum computes", async () => {
    for (const name of PLAYABLE) {
      const row = await asset(files[name]);
      expect(row, name).toMatchObject({
        canonical: false,
        isDeleted: false,
        probeError: null,
        size: BigInt((await stat(files[name])).size),
      });
      expect({ videoCodec: row!.videoCodec, audioCodec: row!.audioCodec }, name).toEqual(
        await ffprobeCodecs(files[name]),
      );
      expect(row!.durationMs, name).toBeGreaterThan(500);
      const { stdout } = await exec("sha256sum", [files[name]]);
      expect(row!.hashSha256, name).toBe(stdout.split(" ")[0]);
    }
    expect((await asset(files.mp4))!.hashSha256).toBe((await asset(files.duplicate))!.hashSha256);
  });

  it("records corrupt, empty and truncated files with their error and goes on", async () => {
    for (const name of BROKEN) {
      const row = await asset(files[name]);
      expect(row?.probeError, name).toBeTruthy();
      expect(row!.durationMs).toBeNull();
    }
    expect((await asset(files.corrupt))!.probeError).toMatch(/invalid data/i);
    expect(first.counts.failed).toBeGreaterThanOrEqual(BROKEN.length);
    expect(first.errors.map((e) => e.path)).toEqual(expect.arrayContaining(BROKEN.map((name) => files[name])));
  });

  it("skips hidden files, hidden folders and non-media, and does not follow the symlink loop", async () => {
    for (const name of ["notes", "cover", "subtitles", "typescript", "hidden", "hiddenFolder"] as FixtureName[])
      expect(await asset(files[name]), name).toBeNull();
    const db = await getDb();
    const recorded = await db.asset.findMany({ where: { uri: { startsWith: dir } }, select: { uri: true } });
    expect(recorded.map((row) => row.uri).sort()).toEqual([...PLAYABLE, ...BROKEN].map((name) => files[name]).sort());
    expect(first.counts.new).toBe(PLAYABLE.length);
  });

  it("records each discovery in the audit log and as a filesystem provider ref", async () => {
    const db = await getDb();
    const row = await asset(files.mkv);
    expect(await db.auditEvent.count({ where: { targetUuid: row!.uuid, action: "asset.discover" } })).toBe(1);
    expect(await db.providerRef.count({ where: { assetId: row!.id, provider: "filesystem" } })).toBe(1);
  });
});

describe("a rescan", () => {
  it("of an unchanged tree reads nothing and changes nothing", async () => {
    const db = await getDb();
    // Same size and modification time, other bytes: a rescan that re-hashed would notice. (A whole
    // second, because utimes cannot restore a sub-millisecond time exactly; a touch alone is no change.)
    const original = await readFile(files.webm);
    const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await utimes(files.webm, mtime, mtime);
    expect((await scan()).counts).toMatchObject({ changed: 0, new: 0 });
    const before = await db.asset.findMany({
      where: { uri: { startsWith: dir } },
      orderBy: { id: "asc" },
      select: { uuid: true, version: true, updatedAt: true },
    });
    const audits = await db.auditEvent.count();
    await writeFile(files.webm, Buffer.alloc(original.length, 1));
    await utimes(files.webm, mtime, mtime);
    try {
      const summary = await scan();
      // The dangling symlink is reported as a failure on every run; nothing else is read.
      expect(summary.counts).toEqual({ new: 0, changed: 0, missing: 0, failed: 1, unchanged: summary.total! - 1 });
      expect(summary.errors.map((e) => e.path)).toEqual([files.dangling]);
      expect(
        await db.asset.findMany({
          where: { uri: { startsWith: dir } },
          orderBy: { id: "asc" },
          select: { uuid: true, version: true, updatedAt: true },
        }),
      ).toEqual(before);
      expect(await db.auditEvent.count()).toBe(audits + 1); // the run's own "scan.start"
    } finally {
      await writeFile(files.webm, original);
      await utimes(files.webm, mtime, mtime);
    }
  });

  it("updates a pending asset whose file changed, on the record", async () => {
    await appendFile(files.mkv, Buffer.alloc(4096, 7));
    const before = (await asset(files.mkv))!;
    const summary = await scan();
    const after = (await asset(files.mkv))!;
    expect(summary.counts).toMatchObject({ changed: 1, new: 0 });
    expect(after).toMatchObject({ version: before.version + 1, size: before.size + 4096n, canonical: false });
    expect(after.hashSha256).not.toBe(before.hashSha256);
    const event = await (
      await getDb()
    ).auditEvent.findFirst({ where: { targetUuid: after.uuid, action: "asset.content_change" } });
    expect(event?.before).toMatchObject({ hashSha256: before.hashSha256 });
  });

  it("revokes approval and withdraws from the catalog when an approved file's content changes", async () => {
    const db = await getDb();
    const row = (await asset(files.mp4))!;
    for (const transition of ["approve", "promote"] as const)
      await applyTransition(db, actor, transition, { kind: "uuids", uuids: [row.uuid] }, { bulk: false });
    expect(await db.catalogAsset.count({ where: { sourceAssetId: row.id } })).toBe(1);
    await appendFile(files.mp4, Buffer.alloc(1024, 3));
    const summary = await scan();
    expect(summary.counts.changed).toBe(1);
    expect(await asset(files.mp4)).toMatchObject({ canonical: false });
    expect(await db.catalogAsset.count({ where: { sourceAssetId: row.id } })).toBe(0);
    const events = await db.auditEvent.findMany({
      where: { targetUuid: row.uuid, action: { in: ["asset.revoke", "asset.withdraw"] } },
      orderBy: { id: "asc" },
    });
    expect(events.slice(-2).map((e) => [e.action, (e.after as { reason?: string }).reason])).toEqual([
      ["asset.withdraw", "content_changed"],
      ["asset.revoke", "content_changed"],
    ]);
    const items = await db.scanRunItem.findMany({
      where: { run: { uuid: summary.uuid }, outcome: { not: "failed" } },
      select: { outcome: true, path: true },
    });
    expect(items).toEqual([{ outcome: "revoked", path: files.mp4 }]);
  });

  it("marks a vanished file missing (not deleted), and found again when it comes back", async () => {
    // Out of the scanned folder: a file renamed inside it is a move (lib/ingest/moves.test.ts).
    const moved = `${dir}-avi.away`;
    await exec("mv", [files.avi, moved]);
    const gone = await scan();
    expect(gone.counts.missing).toBe(1);
    expect(await asset(files.avi)).toMatchObject({ isDeleted: false, missingSince: expect.any(Date) });
    expect((await scan()).counts.missing).toBe(0); // still missing, not counted twice
    await exec("mv", [moved, files.avi]);
    const back = await scan();
    expect(back.counts.changed).toBe(1);
    expect(await asset(files.avi)).toMatchObject({ missingSince: null });
  });

  it("leaves a soft-deleted asset deleted when its file is seen again, even changed", async () => {
    const db = await getDb();
    const row = (await asset(files.mov))!;
    await applyTransition(db, actor, "delete", { kind: "uuids", uuids: [row.uuid] }, { bulk: false });
    await appendFile(files.mov, Buffer.alloc(512, 1));
    const summary = await scan();
    expect(summary.counts.changed).toBe(0);
    expect(await asset(files.mov)).toMatchObject({
      isDeleted: true,
      version: row.version + 1,
      hashSha256: row.hashSha256,
    });
  });

  it("refuses a second run of a source while one is queued", async () => {
    const db = await getDb();
    const queued = await createRun(db, actor, sourceUuid, "cli");
    await expect(createRun(db, actor, sourceUuid, "desk")).rejects.toThrow(/already queued or running/);
    await executeRun(db, queued.uuid);
  });
});

describe("a scan that cannot read its folder", () => {
  it("fails with a clear error and marks nothing missing", async () => {
    const db = await getDb();
    const gone = await mkdtemp(path.join(os.tmpdir(), "asset-desk-gone-"));
    const source = await createSource(db, actor, {
      kind: "filesystem",
      name: "Vanishing",
      roots: [gone],
      url: "",
      secret: "",
      libraries: [],
      pathMaps: [],
    });
    await rm(gone, { recursive: true });
    const run = await createRun(db, actor, source.uuid, "desk");
    expect(await executeRun(db, run.uuid)).toEqual({
      uuid: run.uuid,
      status: "failed",
      error: `Folder not found: ${gone}`,
    });
    expect(await getRunSummary(db, run.uuid)).toMatchObject({
      status: "failed",
      finishedAt: expect.any(String),
      counts: { missing: 0 },
    });
  });
});
