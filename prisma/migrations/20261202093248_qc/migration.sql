-- CreateEnum
CREATE TYPE "qc_verdict" AS ENUM ('pass', 'warn', 'fail');

-- AlterTable
ALTER TABLE "assets" ADD COLUMN     "loudness_lufs" DOUBLE PRECISION,
ADD COLUMN     "qc_verdict" "qc_verdict";

-- AlterTable
ALTER TABLE "sources" ADD COLUMN     "qc_after_scan" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "qc_profiles" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" VARCHAR(100) NOT NULL,
    "target_lufs" DOUBLE PRECISION NOT NULL,
    "tolerance_lu" DOUBLE PRECISION NOT NULL,
    "max_true_peak_dbtp" DOUBLE PRECISION NOT NULL,
    "black_min_s" DOUBLE PRECISION NOT NULL,
    "silence_min_s" DOUBLE PRECISION NOT NULL,
    "edge_s" DOUBLE PRECISION NOT NULL,
    "freeze_min_s" DOUBLE PRECISION NOT NULL,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qc_profiles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qc_results" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "asset_id" INTEGER NOT NULL,
    "profile_id" INTEGER NOT NULL,
    "hash_sha256" VARCHAR(64),
    "size" BIGINT NOT NULL,
    "verdict" "qc_verdict",
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "integrated_lufs" DOUBLE PRECISION,
    "loudness_range_lu" DOUBLE PRECISION,
    "true_peak_dbtp" DOUBLE PRECISION,
    "events" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "measured_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qc_results_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "qc_profiles_uuid_key" ON "qc_profiles"("uuid");

-- CreateIndex
CREATE UNIQUE INDEX "qc_profiles_name_key" ON "qc_profiles"("name");

-- CreateIndex
CREATE UNIQUE INDEX "qc_results_uuid_key" ON "qc_results"("uuid");

-- CreateIndex
CREATE UNIQUE INDEX "qc_results_asset_id_key" ON "qc_results"("asset_id");

-- CreateIndex
CREATE INDEX "qc_results_profile_id_idx" ON "qc_results"("profile_id");

-- CreateIndex
CREATE INDEX "assets_qc_verdict_idx" ON "assets"("qc_verdict");

-- CreateIndex
CREATE INDEX "assets_loudness_lufs_uuid_idx" ON "assets"("loudness_lufs", "uuid");

-- AddForeignKey
ALTER TABLE "qc_results" ADD CONSTRAINT "qc_results_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qc_results" ADD CONSTRAINT "qc_results_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "qc_profiles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Exactly one default profile: at most one by this index, at least one by the app (the default
-- cannot be deleted, and setting another default clears the old one in the same transaction).
CREATE UNIQUE INDEX "qc_profiles_one_default" ON "qc_profiles"("is_default") WHERE "is_default";

-- The two broadcast loudness standards; EBU R128 is the default.
INSERT INTO "qc_profiles" ("name", "target_lufs", "tolerance_lu", "max_true_peak_dbtp", "black_min_s", "silence_min_s", "edge_s", "freeze_min_s", "is_default")
VALUES ('EBU R128', -23, 1, -1, 1, 2, 2, 2, true),
       ('ATSC A/85', -24, 2, -2, 1, 2, 2, 2, false);
