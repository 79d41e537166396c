import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { countStatuses } from "@/lib/testing/counts";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import { DEMO_USERS, seedDemo } from "@/lib/seed/demo";
import { hashFile } from "@/lib/ingest/file-threads";
import { getRunSummary } from "@/lib/ingest/run-report";
import { createRun, executeRun } from "@/lib/ingest/runs";
import { SAMPLE_CLIPS } from "@/lib/seed/samples";

const samples = await mkdtemp(path.join(os.tmpdir(), "asset-desk-demo-samples-"));
afterAll(() => rm(samples, { recursive: true, force: true }));

describe("demo seed", () => {
  // A ceiling, not a wait: the seed encodes seven real clips with ffmpeg, which on a busy two-core
  // machine takes far longer than the default 30 s.
  it(
    "creates a desk with every state, every provider, two series, duplicates and one user per role",
    { timeout: 300_000 },
    async () => {
      const db = await getDb();
      const result = await seedDemo(db, { password: "pa55-word", samples });
      expect(result.assets).toBeGreaterThanOrEqual(300);

      const counts = await countStatuses(db);
      for (const status of ["pending", "approved", "promoted", "deleted"] as const)
        expect(counts[status], status).toBeGreaterThan(5);

      const providers = await db.providerRef.groupBy({ by: ["provider"], _count: { _all: true } });
      expect(providers.map((row) => row.provider).sort()).toEqual(["filesystem", "jellyfin", "plex"]);
      const series = await db.episode.groupBy({ by: ["seriesTitle"] });
      expect(series).toHaveLength(2);
      const containers = await db.asset.groupBy({ by: ["container"], where: { container: { not: null } } });
      expect(containers.length).toBeGreaterThanOrEqual(4);
      const duplicates = await db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM (SELECT hash_sha256 FROM assets WHERE hash_sha256 IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d`;
      expect(Number(duplicates[0]?.n)).toBeGreaterThan(0);
      expect(await db.asset.count({ where: { durationMs: null } })).toBeGreaterThan(0);
      expect(await db.asset.count({ where: { missingSince: { not: null }, isDeleted: false } })).toBeGreaterThan(0);
      expect(await db.asset.count({ where: { probeError: { not: null }, isDeleted: false } })).toBeGreaterThan(0);

      // Workflow invariants hold in the demo data too.
      expect(await db.catalogAsset.count({ where: { sourceAsset: { canonical: false } } })).toBe(0);
      expect(await db.asset.count({ where: { canonical: true, durationMs: null } })).toBe(0);
      expect(await db.asset.count({ where: { canonical: true, probeError: { not: null } } })).toBe(0);
      expect(await db.auditEvent.count({ where: { action: "asset.promote" } })).toBe(counts.promoted);

      const users = await db.user.findMany({ orderBy: { email: "asc" } });
      expect(users.map((user) => [user.email, user.role])).toEqual(
        [...DEMO_USERS].sort((a, b) => a.email.localeCompare(b.email)).map((user) => [user.email, user.role]),
      );
      expect(await verifyPassword(users[0]!.passwordHash, "pa55-word")).toBe(true);
      expect(await verifyPassword(users[0]!.passwordHash, "wrong")).toBe(false);
    },
  );

  it("adds real sample clips as pending assets with their true size and hash when ffmpeg is available", async (context) => {
    const db = await getDb();
    const clips = await db.asset.findMany({
      where: { uri: { startsWith: samples } },
      include: { providerRefs: true },
      orderBy: { uri: "asc" },
    });
    if (clips.length === 0) context.skip("ffmpeg is not on PATH");
    expect(clips.map((clip) => [path.basename(clip.uri), clip.container, clip.videoCodec, clip.audioCodec])).toEqual(
      SAMPLE_CLIPS.map((clip) => [clip.file, clip.container, clip.videoCodec, clip.audioCodec]).sort(),
    );
    for (const clip of clips) {
      expect(clip.canonical).toBe(false);
      expect(clip.size).toBe(BigInt((await stat(clip.uri)).size));
      expect(clip.hashSha256).toBe(await hashFile(clip.uri));
      expect(clip.providerRefs).toMatchObject([{ provider: "filesystem", providerKey: clip.uri }]);
    }
  });

  it("offers the sample folder as a source whose scan finds the clips as seeded", async (context) => {
    const db = await getDb();
    const source = await db.source.findUnique({ where: { name: "Sample clips" } });
    if (!source) context.skip("ffmpeg is not on PATH");
    const actor = { id: null, uuid: null, email: "demo-test@test.local" };
    const run = await createRun(db, actor, source!.uuid, "cli");
    expect(await executeRun(db, run.uuid)).toMatchObject({ status: "succeeded" });
    expect((await getRunSummary(db, run.uuid)).counts).toEqual({
      new: 0,
      changed: 0,
      unchanged: SAMPLE_CLIPS.length,
      missing: 0,
      failed: 0,
    });
  });

  it("runs again without duplicating data and leaves existing users exactly as they are", async () => {
    const db = await getDb();
    const assets = await db.asset.count();
    // What an admin did since the first seed: a new password, a disabled account, a lower role.
    await db.user.update({
      where: { email: "admin@demo.local" },
      data: { passwordHash: await hashPassword("changed by its owner") },
    });
    await db.user.update({ where: { email: "editor@demo.local" }, data: { disabled: true } });
    await db.user.update({ where: { email: "operator@demo.local" }, data: { role: "editor" } });
    const before = await db.user.findMany({ orderBy: { email: "asc" } });

    const again = await seedDemo(db, { password: "another", samples });
    expect(again.assets).toBe(0);
    expect(again.samples.created).toBe(0);
    expect(await db.asset.count()).toBe(assets);
    expect(await db.user.findMany({ orderBy: { email: "asc" } })).toEqual(before);
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.local" } });
    expect(await verifyPassword(admin.passwordHash, "another")).toBe(false);
    expect(await verifyPassword(admin.passwordHash, "changed by its owner")).toBe(true);
  });
});
