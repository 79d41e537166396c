import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ActingViewer } from "@/lib/assets/visibility";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { ASSET_LIST_DEFAULTS } from "@/lib/assets/list-params";
import { REASONS, type Transition } from "@/lib/assets/transitions";
import { undoBatch } from "@/lib/assets/undo";
import { applyTransition, previewTransition, transitionAsset } from "@/lib/assets/workflow";
import { createAsset, createUser } from "@/lib/seed/factories";

async function actorOf(role: Role): Promise<ActingViewer> {
  const db = await getDb();
  const user = await createUser(db, { role });
  const row = await db.user.findUniqueOrThrow({ where: { uuid: user.uuid } });
  return { id: row.id, uuid: row.uuid, email: row.email, role };
}
const editor = () => actorOf("editor");

async function state(uuid: string) {
  const db = await getDb();
  const asset = await db.asset.findUniqueOrThrow({
    where: { uuid },
    select: {
      canonical: true,
      isDeleted: true,
      deleteReason: true,
      version: true,
      catalogAsset: { select: { title: true, tags: true, filePath: true } },
    },
  });
  const audit = await db.auditEvent.findMany({
    where: { targetUuid: uuid },
    orderBy: { id: "asc" },
    select: { action: true, actorEmail: true, before: true, after: true, batchUuid: true },
  });
  return { ...asset, audit };
}

describe("deleted assets below trash.manage", () => {
  it("are unknown to operators and editors — single changes, pre-flight and bulk by uuid or filter — and plain to admins", async () => {
    const db = await getDb();
    const tag = `hidden${process.pid}x${Date.now()}`;
    const live = await createAsset(db, { uri: `/media/${tag}/live.mkv` });
    const deleted = await createAsset(db, { uri: `/media/${tag}/deleted.mkv`, isDeleted: true, deletedAt: new Date() });
    const byUuid = { kind: "uuids" as const, uuids: [live.uuid, deleted.uuid] };
    const byFilter = {
      kind: "filter" as const,
      filter: { ...ASSET_LIST_DEFAULTS, status: "deleted" as const, q: tag },
    };
    const unknown = "00000000-0000-4000-8000-000000000000";
    const unknownRefusal = await transitionAsset(db, await editor(), "approve", unknown).catch(
      (error: unknown) => error,
    );

    for (const role of ["operator", "editor"] as const) {
      const actor = await actorOf(role);
      for (const transition of ["approve", "delete", "revoke", "promote"] as const) {
        // Exactly what an unknown uuid gets: not "it is deleted", which would tell it exists.
        await expect(transitionAsset(db, actor, transition, deleted.uuid)).rejects.toEqual(unknownRefusal);
      }
      expect(await previewTransition(db, role, "approve", byFilter)).toMatchObject({
        total: 0,
        willChange: 0,
        skipped: {},
      });
      expect(await previewTransition(db, role, "delete", byUuid)).toMatchObject({
        total: 1,
        willChange: 1,
        alreadyDone: 0,
      });
      const report = await applyTransition(db, actor, "approve", byUuid, { bulk: true });
      expect(report).toMatchObject({ changed: 1, alreadyDone: 0, skipped: {} });
      await applyTransition(
        db,
        await actorOf("admin"),
        "revoke",
        { kind: "uuids", uuids: [live.uuid] },
        { bulk: false },
      );
      expect(await applyTransition(db, actor, "approve", byFilter, { bulk: true })).toMatchObject({
        changed: 0,
        alreadyDone: 0,
        skipped: {},
      });
    }
    expect(await state(deleted.uuid)).toMatchObject({ canonical: false, isDeleted: true, version: 1, audit: [] });

    const admin = await actorOf("admin");
    expect(await previewTransition(db, "admin", "approve", byFilter)).toMatchObject({
      total: 1,
      skipped: { deleted: 1 },
    });
    await expect(transitionAsset(db, admin, "approve", deleted.uuid)).rejects.toThrow(REASONS.deleted);
    await expect(transitionAsset(db, admin, "restore", deleted.uuid)).resolves.toEqual({ changed: true });
  });
});

describe("single transitions", () => {
  it("approves a probed asset, once, with an audit row naming the editor", async () => {
    const db = await getDb();
    const actor = await editor();
    const asset = await createAsset(db);
    await expect(transitionAsset(db, actor, "approve", asset.uuid)).resolves.toEqual({ changed: true });
    await expect(transitionAsset(db, actor, "approve", asset.uuid)).resolves.toEqual({ changed: false });
    const after = await state(asset.uuid);
    expect(after).toMatchObject({ canonical: true, version: 2 });
    expect(after.audit).toEqual([
      {
        action: "asset.approve",
        actorEmail: actor.email,
        before: { canonical: false },
        after: { canonical: true },
        batchUuid: null,
      },
    ]);
  });

  it.each([
    ["deleted", { isDeleted: true, deletedAt: new Date() }, REASONS.deleted],
    ["without a duration", { durationMs: null }, REASONS.missing_duration],
    ["without a container", { container: null }, REASONS.failing_probe],
    ["without any codec", { videoCodec: null, audioCodec: null }, REASONS.failing_probe],
    [
      "whose file ffprobe could not read, whatever figures it holds",
      { probeError: "moov atom not found" },
      REASONS.failing_probe,
    ],
  ])("refuses to approve an asset %s, saying why, and changes nothing", async (_label, overrides, message) => {
    const db = await getDb();
    const asset = await createAsset(db, overrides);
    // An admin: the only role that sees a deleted asset, and so the only one told why.
    await expect(transitionAsset(db, await actorOf("admin"), "approve", asset.uuid)).rejects.toThrow(message);
    expect(await state(asset.uuid)).toMatchObject({ canonical: false, version: 1, audit: [] });
  });

  it("promotes an approved asset to one catalog entry titled from its file, idempotently", async () => {
    const db = await getDb();
    const actor = await editor();
    const asset = await createAsset(db, { canonical: true, uri: `/media/films/Copper Skies ${Date.now()}.mkv` });
    await transitionAsset(db, actor, "promote", asset.uuid, { tags: ["film", "evening"] });
    await expect(transitionAsset(db, actor, "promote", asset.uuid)).resolves.toEqual({ changed: false });
    const after = await state(asset.uuid);
    expect(after.catalogAsset).toEqual({
      title: expect.stringMatching(/^Copper Skies \d+$/),
      tags: ["film", "evening"],
      filePath: asset.uri,
    });
    expect(after.audit.map((event) => event.action)).toEqual(["asset.promote"]);
    expect(await db.catalogAsset.count({ where: { sourceAsset: { uuid: asset.uuid } } })).toBe(1);
  });

  it("titles a catalog entry from the episode the asset is linked to", async () => {
    const db = await getDb();
    const asset = await createAsset(db, { canonical: true });
    const episode = await db.episode.create({
      data: { seriesTitle: `Maple Street ${Date.now()}`, seasonNumber: 1, episodeNumber: 4, title: "Bake Sale" },
    });
    await db.episodeAsset.create({
      data: { episodeId: episode.id, assetId: (await db.asset.findUniqueOrThrow({ where: { uuid: asset.uuid } })).id },
    });
    await transitionAsset(db, await editor(), "promote", asset.uuid);
    expect((await state(asset.uuid)).catalogAsset?.title).toBe(`${episode.seriesTitle} S01E04 – Bake Sale`);
  });

  it("refuses to promote what is not approved or is deleted", async () => {
    const db = await getDb();
    const actor = await editor();
    await expect(transitionAsset(db, actor, "promote", (await createAsset(db)).uuid)).rejects.toThrow(
      REASONS.not_approved,
    );
    await expect(
      transitionAsset(
        db,
        await actorOf("admin"),
        "promote",
        (await createAsset(db, { canonical: true, isDeleted: true })).uuid,
      ),
    ).rejects.toThrow(REASONS.deleted);
  });

  it("keeps a promoted asset approved and undeleted until it is withdrawn from the catalog", async () => {
    const db = await getDb();
    const actor = await editor();
    const asset = await createAsset(db, { canonical: true });
    await transitionAsset(db, actor, "promote", asset.uuid);
    await expect(transitionAsset(db, actor, "revoke", asset.uuid)).rejects.toThrow(REASONS.promoted);
    await expect(transitionAsset(db, actor, "delete", asset.uuid)).rejects.toThrow(REASONS.promoted);

    await transitionAsset(db, actor, "withdraw", asset.uuid);
    expect((await state(asset.uuid)).catalogAsset).toBeNull();
    await transitionAsset(db, actor, "revoke", asset.uuid);
    await transitionAsset(db, actor, "delete", asset.uuid, { deleteReason: "Rights expired" });
    const after = await state(asset.uuid);
    expect(after).toMatchObject({ canonical: false, isDeleted: true, deleteReason: "Rights expired" });
    expect(after.audit.map((event) => event.action)).toEqual([
      "asset.promote",
      "asset.withdraw",
      "asset.revoke",
      "asset.delete",
    ]);
  });

  it("restores a deleted asset and forgets who deleted it and why (the audit log keeps it)", async () => {
    const db = await getDb();
    const actor = await actorOf("admin");
    const asset = await createAsset(db);
    await transitionAsset(db, actor, "delete", asset.uuid, { deleteReason: "Wrong episode" });
    await transitionAsset(db, actor, "restore", asset.uuid);
    const after = await state(asset.uuid);
    expect(after).toMatchObject({ isDeleted: false, deleteReason: null });
    expect(after.audit[1]).toMatchObject({
      action: "asset.restore",
      before: { isDeleted: true, deleteReason: "Wrong episode" },
      after: { isDeleted: false },
    });
  });

  it("reports an unknown asset as not found", async () => {
    await expect(
      transitionAsset(await getDb(), await editor(), "approve", "00000000-0000-4000-8000-000000000000"),
    ).rejects.toThrow(/no longer exists/);
  });
});

describe("bulk transitions", () => {
  it("walks a filter in bounded batches; the pre-flight summary predicts the result exactly", async () => {
    const db = await getDb();
    const actor = await editor();
    const tag = `bulk${Date.now()}`;
    const make = (overrides: Parameters<typeof createAsset>[1]) =>
      createAsset(db, { uri: `/bulk/${tag}/${Math.random()}.mkv`, ...overrides });
    await Promise.all([
      make({}),
      make({}),
      make({}),
      make({ canonical: true }),
      make({ durationMs: null }),
      make({ isDeleted: true }),
      make({ container: null }),
    ]);
    const selection = { kind: "filter" as const, filter: { ...ASSET_LIST_DEFAULTS, status: "all" as const, q: tag } };

    const preflight = await previewTransition(db, actor.role, "approve", selection);
    expect(preflight).toEqual({
      transition: "approve",
      total: 6,
      willChange: 3,
      alreadyDone: 1,
      skipped: { missing_duration: 1, failing_probe: 1 },
      qc: { failed: 0, notChecked: 6 },
    });
    const report = await applyTransition(db, actor, "approve", selection, { bulk: true, batchSize: 2 });
    expect(report).toMatchObject({ changed: 3, alreadyDone: 1, skipped: { missing_duration: 1, failing_probe: 1 } });
    expect(await db.auditEvent.count({ where: { batchUuid: report.batchUuid } })).toBe(3);
  });

  it("undoes a bulk approve as a unit, reporting what changed since instead of skipping it silently", async () => {
    const db = await getDb();
    const actor = await editor();
    const tag = `undo${Date.now()}`;
    const assets = await Promise.all([1, 2, 3].map((n) => createAsset(db, { uri: `/undo/${tag}/${n}.mkv` })));
    const selection = { kind: "filter" as const, filter: { ...ASSET_LIST_DEFAULTS, q: tag } };
    const approved = await applyTransition(db, actor, "approve", selection, { bulk: true });
    expect(approved.changed).toBe(3);
    await transitionAsset(db, actor, "promote", assets[0]!.uuid);

    const undo = await undoBatch(db, actor, approved.batchUuid!);
    expect(undo).toMatchObject({ changed: 2, changedSince: 1 });
    expect((await state(assets[0]!.uuid)).canonical).toBe(true);
    expect((await state(assets[1]!.uuid)).canonical).toBe(false);
    expect((await state(assets[1]!.uuid)).audit.at(-1)).toMatchObject({
      action: "asset.revoke",
      after: { canonical: false, undoOf: approved.batchUuid },
    });
    await expect(undoBatch(db, actor, approved.batchUuid!)).rejects.toThrow(/already undone/);
  });

  it("resumes an undo that was cut off, and counts what the first part already reverted", async () => {
    const db = await getDb();
    const actor = await editor();
    const tag = `resume${Date.now()}`;
    const assets = await Promise.all([1, 2, 3, 4].map((n) => createAsset(db, { uri: `/resume/${tag}/${n}.mkv` })));
    const approved = await applyTransition(
      db,
      actor,
      "approve",
      { kind: "filter", filter: { ...ASSET_LIST_DEFAULTS, q: tag } },
      { bulk: true },
    );
    // The first undo only got through one asset before it was interrupted.
    await applyTransition(
      db,
      actor,
      "revoke",
      { kind: "uuids", uuids: [assets[0]!.uuid] },
      { bulk: true, undoOf: approved.batchUuid! },
    );

    const resumed = await undoBatch(db, actor, approved.batchUuid!);
    expect(resumed).toMatchObject({ changed: 3, changedSince: 0 });
    for (const asset of assets) expect((await state(asset.uuid)).canonical).toBe(false);
    await expect(undoBatch(db, actor, approved.batchUuid!)).rejects.toThrow(/already undone/);
  });

  it("writes exactly one audit row per asset changed, for any mix of states and transitions (property)", async () => {
    const db = await getDb();
    // An admin, who sees deleted assets (restore included).
    const actor = await actorOf("admin");
    const stateArbitrary = fc.record({
      canonical: fc.boolean(),
      isDeleted: fc.boolean(),
      promoted: fc.boolean(),
      probed: fc.boolean(),
    });
    const transitions: Transition[] = ["approve", "revoke", "promote", "withdraw", "delete", "restore"];
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(stateArbitrary, { maxLength: 12 }),
        fc.constantFrom(...transitions),
        fc.integer({ min: 1, max: 5 }),
        async (states, transition, batchSize) => {
          const tag = `prop${process.pid}w${++run}w`;
          for (const [index, s] of states.entries()) {
            // A promoted asset is approved and not deleted (the invariant the workflow keeps).
            const promoted = s.promoted && !s.isDeleted;
            const asset = await createAsset(db, {
              uri: `/prop/${tag}/${index}.mkv`,
              canonical: s.canonical || promoted,
              isDeleted: s.isDeleted,
              durationMs: s.probed ? 60_000 : null,
            });
            if (promoted)
              await db.catalogAsset.create({
                data: {
                  title: "t",
                  durationMs: 60_000,
                  filePath: asset.uri,
                  sourceAsset: { connect: { uuid: asset.uuid } },
                },
              });
          }
          // By uuid, so deleted assets are in the selection too (the "all" tab leaves them out).
          const deletedToo = {
            kind: "uuids" as const,
            uuids: (
              await db.asset.findMany({ where: { uri: { startsWith: `/prop/${tag}/` } }, select: { uuid: true } })
            ).map((a) => a.uuid),
          };
          const preflight = await previewTransition(db, actor.role, transition, deletedToo);
          const report = await applyTransition(db, actor, transition, deletedToo, { bulk: true, batchSize });
          expect(report.changed).toBe(preflight.willChange);
          expect(await db.auditEvent.count({ where: { batchUuid: report.batchUuid } })).toBe(report.changed);
          expect(
            await db.asset.count({
              where: { uri: { startsWith: `/prop/${tag}/` }, isDeleted: true, catalogAsset: { isNot: null } },
            }),
          ).toBe(0);
          expect(
            await db.asset.count({
              where: { uri: { startsWith: `/prop/${tag}/` }, canonical: false, catalogAsset: { isNot: null } },
            }),
          ).toBe(0);
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);
});
