import { randomBytes } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reprobeAsset } from "@/lib/assets/reprobe";
import { latestProbeRun, requestReprobe, startBackfill, workProbeRun } from "@/lib/assets/probe-runs";
import type { ActingViewer } from "@/lib/assets/visibility";
import { transitionAsset } from "@/lib/assets/workflow";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { createRun, executeRun } from "@/lib/ingest/runs";
import { createSource } from "@/lib/ingest/sources";
import { createUser } from "@/lib/seed/factories";
import { makeProbeFixtures, type ProbeFixture } from "@/lib/testing/probe-fixtures";

// "Probe again" on real files: a file fixed in place (same size, same time) that a rescan skips is
// read again and becomes approvable; new bytes follow the scanner's content-change rules; the bulk
// run and the backfill record progress.

let dir: string;
let at: Record<ProbeFixture, string>;
let sourceUuid: string;
let admin: ActingViewer;
let operator: ActingViewer;

async function actor(role: "admin" | "operator"): Promise<ActingViewer> {
  const db = await getDb();
  const row = await db.user.findUniqueOrThrow({ where: { uuid: (await createUser(db, { role })).uuid } });
  return { id: row.id, uuid: row.uuid, email: row.email, role: row.role };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-reprobe-"));
  at = await makeProbeFixtures(path.join(dir, "made"));
  admin = await actor("admin");
  operator = await actor("operator");
  const roots = [path.join(dir, "library")];
  await mkdir(roots[0]!, { recursive: true });
  const source = await createSource(await getDb(), admin, {
    kind: "filesystem",
    name: "Reprobe",
    roots,
    url: "",
    secret: "",
    libraries: [],
    pathMaps: [],
  });
  sourceUuid = source.uuid;
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scan() {
  const db = await getDb();
  const run = await createRun(db, admin, sourceUuid, "cli");
  expect(await executeRun(db, run.uuid)).toMatchObject({ status: "succeeded" });
}

const assetAt = async (file: string) => (await getDb()).asset.findUniqueOrThrow({ where: { uri: file } });

/** A file of the clip's size that is not media, with a fixed modification time. */
async function brokenCopyOf(clip: string, name: string): Promise<{ file: string; mtime: Date }> {
  const file = path.join(dir, "library", name);
  await writeFile(file, randomBytes((await stat(clip)).size));
  const mtime = new Date("2026-01-02T03:04:05.000Z");
  await utimes(file, mtime, mtime);
  return { file, mtime };
}

describe("probe again", () => {
  it("reads a probe-failed file fixed in place with the same size and time, and the asset becomes approvable", async () => {
    const { file, mtime } = await brokenCopyOf(at.clean, "fixed.mp4");
    await scan();
    const failed = await assetAt(file);
    expect(failed.probeError).not.toBeNull();
    await expect(transitionAsset(await getDb(), admin, "approve", failed.uuid)).rejects.toThrow(KnownError);

    // Fixed in place: the clip's bytes, the same size, the same modification time.
    await writeFile(file, await readFile(at.clean));
    await utimes(file, mtime, mtime);
    const fixed = await stat(file);
    expect(fixed.mtime.getTime()).toBe(mtime.getTime());
    await scan();
    expect((await assetAt(file)).probeError).toBe(failed.probeError); // a rescan skips it

    const report = await reprobeAsset(await getDb(), operator, failed.uuid);
    expect(report).toMatchObject({ outcome: "changed", contentChanged: true, probeError: null });
    const after = await assetAt(file);
    expect(after).toMatchObject({ probeError: null, videoCodec: "h264", videoHeight: 720, interlaced: false });
    expect(after.hashSha256).not.toBe(failed.hashSha256);
    expect(await transitionAsset(await getDb(), admin, "approve", failed.uuid)).toEqual({ changed: true });

    const audit = await (
      await getDb()
    ).auditEvent.findMany({
      where: { targetUuid: failed.uuid, action: { in: ["asset.reprobe", "asset.content_change"] } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((row) => [row.action, row.actorEmail])).toEqual([
      ["asset.content_change", operator.email],
      ["asset.reprobe", operator.email],
    ]);
    expect(audit[1]!.before).toMatchObject({ probeError: failed.probeError, probe: null });
    expect(audit[1]!.after).toMatchObject({ probeError: null, probe: { videoHeight: 720 } });
  });

  it("revokes an approved asset whose bytes changed though its size and time did not", async () => {
    const file = path.join(dir, "library", "swapped.mkv");
    await copyFile(at.subtitled, file);
    const mtime = new Date("2026-01-03T00:00:00.000Z");
    await utimes(file, mtime, mtime);
    await scan();
    const asset = await assetAt(file);
    expect(asset).toMatchObject({ subtitleCount: 1, audioLanguages: ["fra"] });
    await transitionAsset(await getDb(), admin, "approve", asset.uuid);

    const bytes = await readFile(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1); // same size, other sha256
    await writeFile(file, bytes);
    await utimes(file, mtime, mtime);
    expect(await reprobeAsset(await getDb(), operator, asset.uuid)).toMatchObject({
      outcome: "revoked",
      contentChanged: true,
    });
    expect((await assetAt(file)).canonical).toBe(false);
  });

  it("answers a deleted asset as unknown below trash.manage", async () => {
    const file = path.join(dir, "library", "deleted.ts");
    await copyFile(at.interlaced, file);
    await scan();
    const asset = await assetAt(file);
    await transitionAsset(await getDb(), admin, "delete", asset.uuid, { deleteReason: "test" });
    await expect(reprobeAsset(await getDb(), operator, asset.uuid)).rejects.toMatchObject({ kind: "not_found" });
    expect(await reprobeAsset(await getDb(), admin, asset.uuid)).toMatchObject({ outcome: "unchanged" });
  });

  it("runs a bulk probe again over a filter (every probe-failed asset) with its progress", async () => {
    const { file: stillBroken } = await brokenCopyOf(at.surround, "still-broken.mp4");
    const { file: repaired, mtime } = await brokenCopyOf(at.hlg, "repaired.mkv");
    await scan();
    await writeFile(repaired, await readFile(at.hlg));
    await utimes(repaired, mtime, mtime);

    const run = await requestReprobe(await getDb(), operator, { kind: "filter", query: "issue=probe_failed" });
    expect(run).toMatchObject({ kind: "reprobe", status: "queued", total: 2, done: 0 });
    await workProbeRun(await getDb(), run.uuid);
    expect(await latestProbeRun(await getDb(), "reprobe")).toMatchObject({
      status: "succeeded",
      total: 2,
      done: 2,
      failed: 1,
    });
    expect(await assetAt(repaired)).toMatchObject({ probeError: null, hdr: true, videoHeight: 1080 });
    expect((await assetAt(stillBroken)).probeError).not.toBeNull();
  });
});

describe("the backfill", () => {
  it("gives the assets recorded before the full probe their streams; asking again resumes the open run", async () => {
    const db = await getDb();
    const files = await Promise.all(
      (["clean", "surround"] as const).map(async (name) => {
        const file = path.join(dir, "library", `old-${name}${path.extname(at[name])}`);
        await copyFile(at[name], file);
        return file;
      }),
    );
    await scan();
    // As recorded before the full probe existed.
    await db.asset.updateMany({
      where: { uri: { in: files } },
      data: {
        probe: Prisma.DbNull,
        videoHeight: null,
        interlaced: null,
        hdr: null,
        audioChannels: null,
        subtitleCount: null,
      },
    });
    const run = await startBackfill(db, admin);
    expect(run).toMatchObject({ kind: "backfill", total: 2, resumed: false });
    expect(await startBackfill(db, admin)).toMatchObject({ uuid: run.uuid, resumed: true });
    await workProbeRun(db, run.uuid);
    expect(await latestProbeRun(db, "backfill")).toMatchObject({ status: "succeeded", done: 2, failed: 0 });
    expect(await assetAt(files[0]!)).toMatchObject({ videoHeight: 720, audioChannels: 2 });
    expect(await assetAt(files[1]!)).toMatchObject({ audioChannels: 6 });
  });
});
