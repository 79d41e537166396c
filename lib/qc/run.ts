import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadMediaRoots } from "@/lib/assets/media-roots";
import { KnownError } from "@/lib/errors";
import { log } from "@/lib/log";
import { resolveMediaInput } from "@/lib/media/resolve-input";
import { analyzeMedia, QcError } from "@/lib/qc/analyze";
import type { QcMeasurements } from "@/lib/qc/types";
import { qcVerdict, type QcThresholds } from "@/lib/qc/verdict";

// Checking one asset: its current file, under the default profile, stored as the asset's one QC
// result with the file's identity (hash and size). The asset's verdict and loudness columns (the
// table's filter and sort) are set only while the asset still holds that file: a scan that saw
// new bytes meanwhile has reset them (lib/ingest/ingest.ts), and this result must not vouch for them.

/** How long one QC may run before ffmpeg is killed: a whole feature is decoded. */
export const QC_TIMEOUT_MS = 2 * 60 * 60 * 1000;

const ASSET_SELECT = {
  id: true,
  uuid: true,
  uri: true,
  size: true,
  hashSha256: true,
  durationMs: true,
  videoCodec: true,
  audioCodec: true,
} as const;

export type QcOutcome = "checked" | "failed" | "unknown";

export async function defaultProfile(db: Db | Prisma.TransactionClient) {
  const profile = await db.qcProfile.findFirst({ where: { isDefault: true } });
  if (!profile)
    throw new Error("No default QC profile: the qc migration seeds one, and the default cannot be deleted.");
  return profile;
}

/** Checks the asset's file and stores the result; a file that cannot be read is stored as an error. */
export async function runQc(db: Db, uuid: string, options: { signal?: AbortSignal } = {}): Promise<QcOutcome> {
  const asset = await db.asset.findUnique({ where: { uuid }, select: ASSET_SELECT });
  if (!asset) return "unknown";
  const profile = await defaultProfile(db);
  const started = performance.now();
  let measured: QcMeasurements | null = null;
  let error: string | null = null;
  try {
    const input = await resolveMediaInput(db, asset, await loadMediaRoots(db));
    if (!input) error = "The file cannot be read here: it is missing, or outside every source's folders.";
    else
      measured = await analyzeMedia(input, {
        hasVideo: asset.videoCodec !== null,
        hasAudio: asset.audioCodec !== null,
        durationMs: asset.durationMs,
        timeoutMs: QC_TIMEOUT_MS,
        signal: options.signal,
      });
  } catch (caught) {
    if (options.signal?.aborted) throw caught;
    // The file's problem, or an admin's (a provider source's secret or URL): stored, shown, a fail.
    if ((caught instanceof QcError && caught.code !== "setup") || caught instanceof KnownError) error = caught.message;
    else throw caught;
  }
  await storeResult(db, asset, profile, measured, error);
  log.info({ assetUuid: uuid, error: error ?? undefined, ms: Math.round(performance.now() - started) }, "qc done");
  return error === null ? "checked" : "failed";
}

type AssetRow = {
  id: number;
  size: bigint;
  hashSha256: string | null;
  durationMs: number | null;
  audioCodec: string | null;
};
type ProfileRow = QcThresholds & { id: number };

async function storeResult(
  db: Db,
  asset: AssetRow,
  profile: ProfileRow,
  measured: QcMeasurements | null,
  error: string | null,
): Promise<void> {
  const figures = measured ?? { integratedLufs: null, loudnessRangeLu: null, truePeakDbtp: null, events: [] };
  const { verdict, reasons } = qcVerdict(profile, {
    ...figures,
    error,
    hasAudio: asset.audioCodec !== null,
    durationMs: asset.durationMs,
  });
  const data = {
    profileId: profile.id,
    hashSha256: asset.hashSha256,
    size: asset.size,
    verdict,
    reasons: reasons as unknown as Prisma.InputJsonValue,
    integratedLufs: figures.integratedLufs,
    loudnessRangeLu: figures.loudnessRangeLu,
    truePeakDbtp: figures.truePeakDbtp,
    events: figures.events as unknown as Prisma.InputJsonValue,
    error,
    measuredAt: new Date(),
  };
  await db.$transaction(async (tx) => {
    await tx.qcResult.upsert({ where: { assetId: asset.id }, create: { assetId: asset.id, ...data }, update: data });
    await tx.$executeRaw`UPDATE assets SET qc_verdict = ${verdict}::qc_verdict, loudness_lufs = ${figures.integratedLufs}
      WHERE id = ${asset.id} AND size = ${asset.size} AND hash_sha256 IS NOT DISTINCT FROM ${asset.hashSha256}`;
  });
}

/**
 * After a profile changed: the verdicts of the results measured under it, again (the figures are
 * kept, so no file is read). Only results of the asset's current file reach the asset's columns.
 */
export async function reapplyProfile(tx: Prisma.TransactionClient, profile: ProfileRow): Promise<void> {
  const results = await tx.qcResult.findMany({
    where: { profileId: profile.id },
    select: {
      id: true,
      assetId: true,
      hashSha256: true,
      size: true,
      integratedLufs: true,
      truePeakDbtp: true,
      events: true,
      error: true,
      asset: { select: { audioCodec: true, durationMs: true } },
    },
  });
  for (const result of results) {
    const { verdict, reasons } = qcVerdict(profile, {
      integratedLufs: result.integratedLufs,
      truePeakDbtp: result.truePeakDbtp,
      events: result.events as never,
      error: result.error,
      hasAudio: result.asset.audioCodec !== null,
      durationMs: result.asset.durationMs,
    });
    await tx.qcResult.update({ where: { id: result.id }, data: { verdict, reasons: reasons as never } });
    await tx.$executeRaw`UPDATE assets SET qc_verdict = ${verdict}::qc_verdict
      WHERE id = ${result.assetId} AND size = ${result.size} AND hash_sha256 IS NOT DISTINCT FROM ${result.hashSha256}`;
  }
}
