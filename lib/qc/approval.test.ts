import { describe, expect, it } from "vitest";
import type { ActingViewer } from "@/lib/assets/visibility";
import { REASONS } from "@/lib/assets/transitions";
import { applyTransition, previewTransition, transitionAsset } from "@/lib/assets/workflow";
import { getDb } from "@/lib/db";
import { createAsset, createUser } from "@/lib/seed/factories";

// The approval gate (lib/assets/rules.ts): an asset that failed QC is approved only with an
// override and its reason, which the audit row keeps; the bulk pre-flight counts failed and
// unchecked assets; single, bulk and pre-flight all read the same rule.

async function editor(): Promise<ActingViewer> {
  const db = await getDb();
  const user = await createUser(db, { role: "editor" });
  const row = await db.user.findUniqueOrThrow({ where: { uuid: user.uuid } });
  return { id: row.id, uuid: row.uuid, email: row.email, role: "editor" };
}

const canonical = async (uuid: string) =>
  (await (await getDb()).asset.findUniqueOrThrow({ where: { uuid }, select: { canonical: true } })).canonical;

const approvals = async (uuid: string) =>
  (await getDb()).auditEvent.findMany({
    where: { targetUuid: uuid, action: "asset.approve" },
    select: { after: true },
  });

describe("approving an asset that failed QC", () => {
  it("is refused without an override, and allowed with a reason that the audit row records", async () => {
    const db = await getDb();
    const actor = await editor();
    const failed = await createAsset(db, { qcVerdict: "fail", canonical: false });
    await expect(transitionAsset(db, actor, "approve", failed.uuid)).rejects.toThrow(REASONS.qc_failed);
    expect(await canonical(failed.uuid)).toBe(false);

    const reason = "Black slate at 0:05 is intended; signed off by the channel.";
    await transitionAsset(db, actor, "approve", failed.uuid, { qcOverride: reason });
    expect(await canonical(failed.uuid)).toBe(true);
    expect(await approvals(failed.uuid)).toEqual([
      { after: { canonical: true, qcVerdict: "fail", qcOverride: reason } },
    ]);
  });

  it("needs no override for a pass, a warn or an unchecked asset", async () => {
    const db = await getDb();
    const actor = await editor();
    for (const qcVerdict of ["pass", "warn", null] as const) {
      const asset = await createAsset(db, { qcVerdict, canonical: false });
      await transitionAsset(db, actor, "approve", asset.uuid);
      expect(await approvals(asset.uuid)).toEqual([{ after: { canonical: true } }]);
    }
  });

  it("in bulk: the pre-flight counts failed and unchecked assets; without an override they are skipped", async () => {
    const db = await getDb();
    const actor = await editor();
    const assets = await Promise.all(
      (["fail", "fail", "pass", null] as const).map((qcVerdict) => createAsset(db, { qcVerdict, canonical: false })),
    );
    const selection = { kind: "uuids" as const, uuids: assets.map((asset) => asset.uuid) };
    expect(await previewTransition(db, "editor", "approve", selection)).toMatchObject({
      total: 4,
      willChange: 2,
      skipped: { qc_failed: 2 },
      qc: { failed: 2, notChecked: 1 },
    });

    const refused = await applyTransition(db, actor, "approve", selection, { bulk: true });
    expect(refused).toMatchObject({ changed: 2, skipped: { qc_failed: 2 } });
    expect(await canonical(assets[0]!.uuid)).toBe(false);

    const reason = "Known black in the trailer; approved for the web channel.";
    const overridden = await applyTransition(db, actor, "approve", selection, { bulk: true, qcOverride: reason });
    expect(overridden).toMatchObject({ changed: 2, alreadyDone: 2, skipped: {} });
    expect(await approvals(assets[1]!.uuid)).toEqual([
      { after: { canonical: true, qcVerdict: "fail", qcOverride: reason } },
    ]);
  });
});
