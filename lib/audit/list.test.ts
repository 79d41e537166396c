import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { listAuditEvents } from "@/lib/audit/list";
import { AUDIT_LIST_DEFAULTS, parseAuditListParams, type AuditListQuery } from "@/lib/audit/list-params";

const DAY = 86_400_000;

/** 60 events: two actors, three actions, one batch of ten, at most three per timestamp (so ties are paged by uuid). */
async function auditFixture() {
  const db = await getDb();
  const target = randomUUID();
  const batch = randomUUID();
  const actor = `auditor-${randomUUID().slice(0, 8)}@test.local`;
  const start = Date.UTC(2026, 4, 1, 9);
  await db.auditEvent.createMany({
    data: Array.from({ length: 60 }, (_, index) => ({
      at: new Date(start + Math.floor(index / 3) * DAY),
      actorEmail: index % 2 === 0 ? actor : "someone-else@test.local",
      action: ["asset.approve", "asset.delete", "asset.restore"][index % 3]!,
      targetType: "asset",
      targetUuid: index < 6 ? target : randomUUID(),
      before: { n: index },
      after: { n: index + 1 },
      batchUuid: index >= 20 && index < 30 ? batch : null,
    })),
  });
  return { db, target, batch, actor };
}

async function walk(query: AuditListQuery, direction: "after" | "before" = "after") {
  const db = await getDb();
  let page = await listAuditEvents(db, query);
  const seen = page.rows.map((row) => row.uuid);
  for (let guard = 0; guard < 50; guard++) {
    const cursor = direction === "after" ? page.next : page.previous;
    if (!cursor) break;
    page = await listAuditEvents(db, { ...query, [direction]: cursor });
    seen.push(...page.rows.map((row) => row.uuid));
  }
  return seen;
}

describe("audit log list", () => {
  it("pages through every event in time order without repeats, ties broken by uuid", async () => {
    const { db, actor } = await auditFixture();
    const query = { ...AUDIT_LIST_DEFAULTS, actor, per: 25 as const };
    const uuids = await walk(query);
    const expected = await db.auditEvent.findMany({
      where: { actorEmail: actor },
      orderBy: [{ at: "desc" }, { uuid: "desc" }],
      select: { uuid: true },
    });
    expect(uuids).toEqual(expected.map((row) => row.uuid));
    expect(uuids).toHaveLength(30);
    const ascending = await walk({ ...query, dir: "asc" });
    expect(ascending).toEqual([...uuids].reverse());
  });

  it("filters by actor (any case), action, target, batch and UTC date range", async () => {
    const { db, target, batch, actor } = await auditFixture();
    const rows = async (change: Partial<AuditListQuery>) =>
      (await listAuditEvents(db, { ...AUDIT_LIST_DEFAULTS, per: 100, ...change })).rows;
    expect((await rows({ target })).map((row) => (row.after as { n: number }).n).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    const batchRows = await rows({ batch });
    expect(batchRows).toHaveLength(10);
    expect(batchRows.every((row) => row.batchUuid === batch)).toBe(true);
    const deletes = await rows({ actor: actor.toUpperCase(), action: "asset.delete" });
    // Index % 2 == 0 and index % 3 == 1: 4, 10, 16, … 58.
    expect(deletes.map((row) => (row.before as { n: number }).n)).toEqual([58, 52, 46, 40, 34, 28, 22, 16, 10, 4]);
    // Days 2026-05-02 … 05-03 hold indexes 3 … 8.
    const days = await rows({ target, from: "2026-05-02", to: "2026-05-03" });
    expect(days.map((row) => (row.before as { n: number }).n).sort((a, b) => a - b)).toEqual([3, 4, 5]);
  });

  it("reads its URL with notices for what it cannot use", () => {
    const { query, notices } = parseAuditListParams({
      action: "asset.explode",
      batch: "nope",
      actor: "Ed@Example.org",
      per: "25",
    });
    expect(query).toMatchObject({ action: undefined, batch: undefined, actor: "ed@example.org", per: 25 });
    expect(notices).toHaveLength(2);
  });
});
