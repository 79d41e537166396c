import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/write";
import { writeAudit } from "@/lib/audit/write";
import { KnownError } from "@/lib/errors";
import { reapplyProfile } from "@/lib/qc/run";

// QC profiles, an admin's setting: several may exist, exactly one is the default (the one new QC
// runs use). A profile in use by a stored result, or the default, cannot be deleted. Changing a
// profile's thresholds re-judges the results measured under it (their figures are kept).

const number = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number.` })
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);

export const qcProfileSchema = z.strictObject({
  name: z.string().trim().min(1, "Give the profile a name.").max(100, "Keep the name under 100 characters."),
  targetLufs: number("Target loudness", -70, 0),
  toleranceLu: number("Tolerance", 0, 20),
  maxTruePeakDbtp: number("Maximum true peak", -30, 6),
  blackMinS: number("Black", 0, 3600),
  silenceMinS: number("Silence", 0, 3600),
  edgeS: number("Start and end", 0, 3600),
  freezeMinS: number("Still picture", 0, 3600),
});
export type QcProfileInput = z.infer<typeof qcProfileSchema>;

const THRESHOLDS = {
  name: true,
  targetLufs: true,
  toleranceLu: true,
  maxTruePeakDbtp: true,
  blackMinS: true,
  silenceMinS: true,
  edgeS: true,
  freezeMinS: true,
} as const;
const PUBLIC = { ...THRESHOLDS, uuid: true, isDefault: true } as const;

/** Every profile, the default first, with how many results use it. */
export async function listQcProfiles(db: Db) {
  const rows = await db.qcProfile.findMany({
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
    select: { ...PUBLIC, _count: { select: { results: true } } },
  });
  return rows.map(({ _count, ...profile }) => ({ ...profile, results: _count.results }));
}
export type QcProfileView = Awaited<ReturnType<typeof listQcProfiles>>[number];

const nameTaken = (name: string) =>
  new KnownError("conflict", `A profile named “${name}” exists already.`, { name: ["That name is taken."] });

export async function createQcProfile(db: Db, actor: AuditActor, input: QcProfileInput) {
  return db.$transaction(async (tx) => {
    if (await tx.qcProfile.findUnique({ where: { name: input.name } })) throw nameTaken(input.name);
    const profile = await tx.qcProfile.create({ data: input, select: PUBLIC });
    await writeAudit(tx, actor, [
      { action: "qc_profile.create", targetType: "qc_profile", targetUuid: profile.uuid, after: input },
    ]);
    return profile;
  });
}

export async function updateQcProfile(db: Db, actor: AuditActor, uuid: string, input: QcProfileInput) {
  return db.$transaction(async (tx) => {
    const before = await tx.qcProfile.findUnique({ where: { uuid }, select: THRESHOLDS });
    if (!before) throw new KnownError("not_found", "That profile no longer exists.");
    const clash = await tx.qcProfile.findUnique({ where: { name: input.name }, select: { uuid: true } });
    if (clash && clash.uuid !== uuid) throw nameTaken(input.name);
    const profile = await tx.qcProfile.update({ where: { uuid }, data: input });
    await reapplyProfile(tx, profile);
    await writeAudit(tx, actor, [
      { action: "qc_profile.update", targetType: "qc_profile", targetUuid: uuid, before, after: input },
    ]);
  });
}

/** Makes the profile the default (the one new QC runs use); the previous default stops being it. */
export async function setDefaultQcProfile(db: Db, actor: AuditActor, uuid: string) {
  return db.$transaction(async (tx) => {
    const profile = await tx.qcProfile.findUnique({ where: { uuid }, select: { id: true, isDefault: true } });
    if (!profile) throw new KnownError("not_found", "That profile no longer exists.");
    if (profile.isDefault) return;
    const previous = await tx.qcProfile.findFirst({ where: { isDefault: true }, select: { uuid: true } });
    await tx.qcProfile.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
    await tx.qcProfile.update({ where: { uuid }, data: { isDefault: true } });
    await writeAudit(tx, actor, [
      {
        action: "qc_profile.default",
        targetType: "qc_profile",
        targetUuid: uuid,
        before: { defaultUuid: previous?.uuid ?? null },
        after: { defaultUuid: uuid },
      },
    ]);
  });
}

export async function deleteQcProfile(db: Db, actor: AuditActor, uuid: string) {
  return db.$transaction(async (tx) => {
    const profile = await tx.qcProfile.findUnique({
      where: { uuid },
      select: { isDefault: true, _count: { select: { results: true } } },
    });
    if (!profile) throw new KnownError("not_found", "That profile no longer exists.");
    if (profile.isDefault)
      throw new KnownError("conflict", "It is the default profile; make another one the default first.");
    if (profile._count.results > 0)
      throw new KnownError(
        "conflict",
        `${profile._count.results} QC result(s) were measured under it; it stays so their verdicts can be explained.`,
      );
    const before = await tx.qcProfile.delete({ where: { uuid }, select: THRESHOLDS });
    await writeAudit(tx, actor, [{ action: "qc_profile.delete", targetType: "qc_profile", targetUuid: uuid, before }]);
  });
}
