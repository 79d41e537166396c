import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { editAsset } from "@/lib/assets/edit";
import { ASSET_LIST_DEFAULTS } from "@/lib/assets/list-params";
import type { Transition } from "@/lib/assets/transitions";
import { applyTransition, transitionAsset, type Selection } from "@/lib/assets/workflow";
import { KnownError } from "@/lib/errors";
import { createAsset, createUser } from "@/lib/seed/factories";

// Two editors acting on the same assets at the same instant, in parallel transactions on real
// PostgreSQL. Each race is forced: a third transaction holds the rows' locks until every racer is
// waiting for them (seen in pg_stat_activity), then lets go, so the racers collide every time
// rather than by luck. Small batches make the bulk runs interleave batch by batch after that.

const editors = new Map<string, Actor>();
async function editor(name: string): Promise<Actor> {
  const known = editors.get(name);
  if (known) return known;
  const db = await getDb();
  const user = await createUser(db, { role: "editor" });
  const row = await db.user.findUniqueOrThrow({ where: { uuid: user.uuid } });
  const actor: Actor = { id: row.id, uuid: row.uuid, email: row.email, name: row.name, role: "editor" };
  editors.set(name, actor);
  return actor;
}

let round = 0;
async function assetsTagged(db: Db, specs: Array<{ count: number; canonical?: boolean }>) {
  const tag = `race${process.pid}r${++round}r`;
  let index = 0;
  for (const { count, canonical = false } of specs) {
    for (let n = 0; n < count; n++) await createAsset(db, { uri: `/race/${tag}/${index++}.mkv`, canonical });
  }
  const selection: Selection = { kind: "filter", filter: { ...ASSET_LIST_DEFAULTS, status: "all", q: tag } };
  return { tag, selection };
}

/** Starts every racer while the rows are locked, and releases them together once all wait. */
async function collide<T>(
  db: Db,
  lockedRows: Prisma.Sql,
  racers: Array<() => Promise<T>>,
): Promise<Array<PromiseSettledResult<T>>> {
  let running: Array<Promise<T>> = [];
  await db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT a.id FROM assets a WHERE ${lockedRows} FOR UPDATE`;
      running = racers.map((racer) => racer());
      for (const promise of running) promise.catch(() => undefined);
      for (let waited = 0; (await lockWaiters(db)) < racers.length; waited += 20) {
        if (waited > 10_000) throw new Error("the racers never queued for the locks");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    { timeout: 20_000 },
  );
  return Promise.allSettled(running);
}

async function lockWaiters(db: Db): Promise<number> {
  const [{ n }] = await db.$queryRaw<[{ n: number }]>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return n;
}

function fulfilled<T>(results: Array<PromiseSettledResult<T>>): T[] {
  for (const result of results) if (result.status === "rejected") throw result.reason;
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}

interface AssetState {
  uuid: string;
  canonical: boolean;
  isDeleted: boolean;
  promoted: boolean;
  version: number;
}

async function statesOf(db: Db, tag: string): Promise<Map<string, AssetState>> {
  const rows = await db.asset.findMany({
    where: { uri: { startsWith: `/race/${tag}/` } },
    select: { uuid: true, canonical: true, isDeleted: true, version: true, catalogAsset: { select: { id: true } } },
  });
  return new Map(rows.map(({ catalogAsset, ...row }) => [row.uuid, { ...row, promoted: catalogAsset !== null }]));
}

async function auditOf(db: Db, uuids: string[]) {
  return db.auditEvent.findMany({
    where: { targetUuid: { in: uuids } },
    orderBy: { id: "asc" },
    select: { action: true, targetUuid: true },
  });
}

const EFFECT: Partial<Record<string, (state: AssetState) => Partial<AssetState> | null>> = {
  "asset.approve": (s) => (s.canonical ? null : { canonical: true }),
  "asset.revoke": (s) => (s.canonical ? { canonical: false } : null),
  "asset.promote": (s) => (s.promoted ? null : { promoted: true }),
  "asset.withdraw": (s) => (s.promoted ? { promoted: false } : null),
  "asset.delete": (s) => (s.isDeleted ? null : { isDeleted: true }),
  "asset.restore": (s) => (s.isDeleted ? { isDeleted: false } : null),
};

/**
 * Replays the audit trail over the "before" states: every row must be a change that really happened
 * (from a state where it changes something), the replay must end in the "after" states, and each
 * asset's version must have moved once per audit row.
 */
async function expectAuditMatchesChanges(db: Db, tag: string, before: Map<string, AssetState>) {
  const after = await statesOf(db, tag);
  const replayed = new Map([...before].map(([uuid, state]) => [uuid, { ...state }]));
  const rows = new Map<string, number>();
  for (const event of await auditOf(db, [...before.keys()])) {
    const state = replayed.get(event.targetUuid)!;
    const change = EFFECT[event.action]!(state);
    expect(change, `${event.action} of ${event.targetUuid} changed nothing`).not.toBeNull();
    Object.assign(state, change);
    rows.set(event.targetUuid, (rows.get(event.targetUuid) ?? 0) + 1);
  }
  const flags = ({ canonical, isDeleted, promoted }: AssetState) => ({ canonical, isDeleted, promoted });
  for (const [uuid, state] of after) {
    expect(flags(state)).toEqual(flags(replayed.get(uuid)!));
    expect(state.version - before.get(uuid)!.version).toBe(rows.get(uuid) ?? 0);
  }
  return after;
}

const byTag = (tag: string) => Prisma.sql`a.uri LIKE ${`/race/${tag}/%`}`;

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  "concurrent editors on PostgreSQL (needs TEST_DATABASE_URL; PGlite has one connection)",
  () => {
    it("bulk promote racing bulk delete of the same approved assets: never promoted and deleted, one audit row per change", async () => {
      const db = await getDb();
      const [alice, bob] = await Promise.all([editor("alice"), editor("bob")]);
      for (let r = 0; r < 3; r++) {
        const { tag, selection } = await assetsTagged(db, [{ count: 200, canonical: true }]);
        const before = await statesOf(db, tag);
        const [promote, remove] = fulfilled(
          await collide(db, byTag(tag), [
            () => applyTransition(db, alice, "promote", selection, { bulk: true, batchSize: 7 }),
            () => applyTransition(db, bob, "delete", selection, { bulk: true, batchSize: 11, deleteReason: "race" }),
          ]),
        );
        const after = await expectAuditMatchesChanges(db, tag, before);
        const states = [...after.values()];
        expect(states.filter((s) => s.promoted && s.isDeleted)).toEqual([]);
        // Every asset went one way or the other: whoever locked it first won, the other was refused.
        expect(promote!.changed + remove!.changed).toBe(200);
        expect(states.filter((s) => s.promoted)).toHaveLength(promote!.changed);
        expect(states.filter((s) => s.isDeleted)).toHaveLength(remove!.changed);
        expect(await db.auditEvent.count({ where: { batchUuid: promote!.batchUuid } })).toBe(promote!.changed);
        expect(await db.auditEvent.count({ where: { batchUuid: remove!.batchUuid } })).toBe(remove!.changed);
        expect(remove!.skipped).toEqual(remove!.changed === 200 ? {} : { promoted: 200 - remove!.changed });
      }
    }, 120_000);

    it("two bulk promotes of the same assets: one catalog entry and one promote audit row per asset", async () => {
      const db = await getDb();
      const [alice, bob] = await Promise.all([editor("alice"), editor("bob")]);
      const { tag, selection } = await assetsTagged(db, [{ count: 60, canonical: true }]);
      const reports = fulfilled(
        await collide(db, byTag(tag), [
          () => applyTransition(db, alice, "promote", selection, { bulk: true, batchSize: 5 }),
          () => applyTransition(db, bob, "promote", selection, { bulk: true, batchSize: 8 }),
        ]),
      );
      expect(reports.reduce((sum, report) => sum + report.changed, 0)).toBe(60);
      expect(reports.reduce((sum, report) => sum + report.alreadyDone, 0)).toBe(60);
      const entries = await db.catalogAsset.groupBy({
        by: ["sourceAssetId"],
        where: { sourceAsset: { uri: { startsWith: `/race/${tag}/` } } },
        _count: true,
      });
      expect(entries).toHaveLength(60);
      expect(entries.every((entry) => entry._count === 1)).toBe(true);
      const audit = await auditOf(db, [...(await statesOf(db, tag)).keys()]);
      expect(audit).toHaveLength(60);
      expect(new Set(audit.map((event) => event.targetUuid)).size).toBe(60);
      expect(audit.every((event) => event.action === "asset.promote")).toBe(true);
    });

    it("two single promotes of one asset at once: one catalog entry, one audit row, both told it is promoted", async () => {
      const db = await getDb();
      const { tag } = await assetsTagged(db, [{ count: 1, canonical: true }]);
      const [uuid] = [...(await statesOf(db, tag)).keys()];
      const results = fulfilled(
        await collide(db, byTag(tag), [
          async () => transitionAsset(db, await editor("alice"), "promote", uuid!),
          async () => transitionAsset(db, await editor("bob"), "promote", uuid!),
        ]),
      );
      expect(results.map((result) => result.changed).sort()).toEqual([false, true]);
      expect(await db.catalogAsset.count({ where: { sourceAsset: { uuid } } })).toBe(1);
      expect(await auditOf(db, [uuid!])).toEqual([{ action: "asset.promote", targetUuid: uuid }]);
    });

    it("two editors saving the same form at once: one save wins, the other is told, nothing is lost silently", async () => {
      const db = await getDb();
      const asset = await createAsset(db);
      const form = await db.asset.findUniqueOrThrow({
        where: { uuid: asset.uuid },
        select: {
          uuid: true,
          version: true,
          uri: true,
          durationMs: true,
          videoCodec: true,
          audioCodec: true,
          container: true,
        },
      });
      const edits = [
        { ...form, durationMs: 111_000, container: "mxf" },
        { ...form, durationMs: 222_000, videoCodec: "av1" },
      ];
      const [alice, bob] = await Promise.all([editor("alice"), editor("bob")]);
      const results = await collide(db, Prisma.sql`a.uuid = ${asset.uuid}::uuid`, [
        () => editAsset(db, alice, edits[0]!),
        () => editAsset(db, bob, edits[1]!),
      ]);

      const winner = results.findIndex((result) => result.status === "fulfilled");
      const loser = results[1 - winner];
      expect(winner).toBeGreaterThanOrEqual(0);
      expect(loser?.status).toBe("rejected");
      const refusal = (loser as PromiseRejectedResult).reason;
      expect(refusal).toBeInstanceOf(KnownError);
      expect(refusal).toMatchObject({
        kind: "conflict",
        message: expect.stringMatching(/Someone changed this asset after you opened it/),
      });
      const row = await db.asset.findUniqueOrThrow({
        where: { uuid: asset.uuid },
        select: {
          uuid: true,
          version: true,
          uri: true,
          durationMs: true,
          videoCodec: true,
          audioCodec: true,
          container: true,
        },
      });
      expect(row).toEqual({ ...edits[winner], version: form.version + 1 });
      const audit = await db.auditEvent.findMany({
        where: { targetUuid: asset.uuid },
        select: { action: true, actorEmail: true },
      });
      expect(audit).toEqual([{ action: "asset.update", actorEmail: [alice, bob][winner]!.email }]);
    });

    it.each<[string, Transition[]]>([
      ["approve vs revoke", ["approve", "revoke"]],
      ["approve vs delete", ["approve", "delete"]],
      ["approve vs revoke vs delete", ["approve", "revoke", "delete"]],
    ])(
      "%s over mixed assets: every audit row is a change that happened, and every change has one",
      async (_name, transitions) => {
        const db = await getDb();
        const { tag, selection } = await assetsTagged(db, [{ count: 40 }, { count: 40, canonical: true }]);
        const before = await statesOf(db, tag);
        const actors = await Promise.all(transitions.map((_, index) => editor(`racer${index}`)));
        const reports = fulfilled(
          await collide(
            db,
            byTag(tag),
            transitions.map(
              (transition, index) => () =>
                applyTransition(db, actors[index]!, transition, selection, { bulk: true, batchSize: 3 + index * 4 }),
            ),
          ),
        );
        await expectAuditMatchesChanges(db, tag, before);
        for (const report of reports)
          expect(await db.auditEvent.count({ where: { batchUuid: report.batchUuid } })).toBe(report.changed);
      },
    );

    it("bulk runs over overlapping selections listed in opposite orders both complete (locks are taken in id order)", async () => {
      const db = await getDb();
      const [alice, bob] = await Promise.all([editor("alice"), editor("bob")]);
      for (let r = 0; r < 3; r++) {
        const { tag } = await assetsTagged(db, [{ count: 90 }]);
        const uuids = (
          await db.asset.findMany({
            where: { uri: { startsWith: `/race/${tag}/` } },
            orderBy: { id: "asc" },
            select: { uuid: true },
          })
        ).map((a) => a.uuid);
        const before = await statesOf(db, tag);
        const results = await collide(db, byTag(tag), [
          () =>
            applyTransition(
              db,
              alice,
              "approve",
              { kind: "uuids", uuids: uuids.slice(0, 60) },
              { bulk: true, batchSize: 4 },
            ),
          () =>
            applyTransition(
              db,
              bob,
              "delete",
              { kind: "uuids", uuids: uuids.slice(30).reverse() },
              { bulk: true, batchSize: 4 },
            ),
        ]);
        expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled"]);
        const [approve, remove] = fulfilled(results);
        expect(remove!.changed).toBe(60);
        expect(approve!.changed).toBeGreaterThanOrEqual(30);
        await expectAuditMatchesChanges(db, tag, before);
      }
    }, 60_000);
  },
);
