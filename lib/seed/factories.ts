import "server-only";
import type { Db } from "@/lib/db";
import type { Prisma, Role } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { between, hex, pick, seededRandom, type Random } from "@/lib/seed/random";

// Test-data and demo-data factories: one source of realistic assets, shared by tests and seeds.

export const MEDIA_PROFILES = [
  { container: "mkv", videoCodec: "h264", audioCodec: "aac" },
  { container: "mkv", videoCodec: "hevc", audioCodec: "eac3" },
  { container: "mp4", videoCodec: "h264", audioCodec: "aac" },
  { container: "mp4", videoCodec: "hevc", audioCodec: "aac" },
  { container: "mpegts", videoCodec: "mpeg2video", audioCodec: "ac3" },
  { container: "avi", videoCodec: "mpeg4", audioCodec: "mp3" },
  { container: "mov", videoCodec: "prores", audioCodec: "pcm_s16le" },
  { container: "webm", videoCodec: "vp9", audioCodec: "opus" },
] as const;

const EXTENSION: Record<string, string> = {
  mkv: "mkv",
  mp4: "mp4",
  mpegts: "ts",
  avi: "avi",
  mov: "mov",
  webm: "webm",
};

export type AssetInput = Prisma.AssetCreateManyInput;

/** Attributes of a probed, hashed asset at `uri` (the extension follows the container). */
export function assetAttributes(random: Random, uriStem: string, overrides: Partial<AssetInput> = {}): AssetInput {
  const profile = pick(random, MEDIA_PROFILES);
  const durationMs = overrides.durationMs ?? between(random, 20_000, 7_200_000);
  // Bit rates between 1 and 8 Mbit/s give sizes that match the duration.
  const size = BigInt(Math.round((durationMs / 1000) * between(random, 125_000, 1_000_000)));
  return {
    uri: `${uriStem}.${EXTENSION[profile.container]}`,
    size,
    durationMs,
    ...profile,
    hashSha256: hex(random, 64),
    discoveredAt: new Date(Date.now() - between(random, 0, 60 * 24 * 3600) * 1000),
    ...overrides,
  };
}

let sequence = 0;

/** Inserts one asset for a test; unique uri per call. */
export async function createAsset(db: Db, overrides: Partial<AssetInput> = {}) {
  sequence += 1;
  const random = seededRandom(sequence * 7919 + process.pid);
  const stem = `/media/test/${process.pid}-${Date.now()}-${sequence}`;
  return db.asset.create({
    data: assetAttributes(random, stem, overrides),
    select: { uuid: true, uri: true, hashSha256: true },
  });
}

export async function createUser(
  db: Db,
  {
    role,
    email,
    password = "correct horse battery staple",
    name,
  }: { role: Role; email?: string; password?: string; name?: string },
) {
  sequence += 1;
  return db.user.create({
    data: {
      email: email ?? `${role}-${process.pid}-${sequence}@test.local`,
      name: name ?? `Test ${role}`,
      role,
      passwordHash: await hashPassword(password),
    },
    select: { uuid: true, email: true, role: true },
  });
}
