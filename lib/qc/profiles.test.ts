import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import {
  createQcProfile,
  deleteQcProfile,
  listQcProfiles,
  setDefaultQcProfile,
  updateQcProfile,
} from "@/lib/qc/profiles";
import { createAsset } from "@/lib/seed/factories";

// Profiles: the two seeded standards, exactly one default, a change re-judges the results measured
// under it, and neither the default nor a profile in use can be deleted. Every change is audited.

const actor = { id: null, uuid: null, email: "qc-profiles@test.local" };
const thresholds = {
  targetLufs: -23,
  toleranceLu: 1,
  maxTruePeakDbtp: -1,
  blackMinS: 1,
  silenceMinS: 2,
  edgeS: 2,
  freezeMinS: 2,
};

describe("QC profiles", () => {
  it("come seeded with EBU R128 as the default and ATSC A/85", async () => {
    const profiles = await listQcProfiles(await getDb());
    expect(profiles.slice(0, 2)).toMatchObject([
      { name: "EBU R128", targetLufs: -23, toleranceLu: 1, maxTruePeakDbtp: -1, isDefault: true },
      { name: "ATSC A/85", targetLufs: -24, toleranceLu: 2, isDefault: false },
    ]);
  });

  it("keep one default, re-judge their results on a change, and refuse to delete the default or one in use", async () => {
    const db = await getDb();
    const profile = await createQcProfile(db, actor, { name: "Web", ...thresholds, toleranceLu: 10 });
    const asset = await createAsset(db);
    const { id: assetId, size, hashSha256 } = await db.asset.findUniqueOrThrow({ where: { uuid: asset.uuid } });
    const { id: profileId } = await db.qcProfile.findUniqueOrThrow({ where: { uuid: profile.uuid } });
    await db.qcResult.create({
      data: { assetId, profileId, size, hashSha256, verdict: "pass", integratedLufs: -16, truePeakDbtp: -3 },
    });
    await db.asset.update({ where: { id: assetId }, data: { qcVerdict: "pass", loudnessLufs: -16 } });

    // Tighter: −16 LUFS is now outside −23 ± 1 LU, for the result and for the asset.
    await updateQcProfile(db, actor, profile.uuid, { name: "Web", ...thresholds });
    expect(await db.asset.findUniqueOrThrow({ where: { id: assetId } })).toMatchObject({ qcVerdict: "fail" });

    await setDefaultQcProfile(db, actor, profile.uuid);
    const defaults = (await listQcProfiles(db)).filter((row) => row.isDefault);
    expect(defaults.map((row) => row.name)).toEqual(["Web"]);
    await expect(deleteQcProfile(db, actor, profile.uuid)).rejects.toThrow(/default profile/);
    const ebu = (await listQcProfiles(db)).find((row) => row.name === "EBU R128")!;
    await setDefaultQcProfile(db, actor, ebu.uuid);
    await expect(deleteQcProfile(db, actor, profile.uuid)).rejects.toThrow(/1 QC result\(s\) were measured under it/);

    const spare = await createQcProfile(db, actor, { name: "Spare", ...thresholds });
    await deleteQcProfile(db, actor, spare.uuid);
    const audit = await db.auditEvent.findMany({
      where: { targetUuid: { in: [profile.uuid, spare.uuid] } },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(audit.map((row) => row.action)).toEqual([
      "qc_profile.create",
      "qc_profile.update",
      "qc_profile.default",
      "qc_profile.create",
      "qc_profile.delete",
    ]);
    await expect(createQcProfile(db, actor, { name: "Web", ...thresholds })).rejects.toThrow(/exists already/);
  });
});
