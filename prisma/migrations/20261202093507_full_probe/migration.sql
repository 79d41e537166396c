-- CreateEnum
CREATE TYPE "ProbeRunKind" AS ENUM ('reprobe', 'backfill');

-- AlterTable
ALTER TABLE "assets" ADD COLUMN     "audio_channels" INTEGER,
ADD COLUMN     "audio_languages" TEXT[],
ADD COLUMN     "hdr" BOOLEAN,
ADD COLUMN     "interlaced" BOOLEAN,
ADD COLUMN     "probe" JSONB,
ADD COLUMN     "subtitle_count" INTEGER,
ADD COLUMN     "video_height" INTEGER;

-- CreateTable
CREATE TABLE "probe_runs" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "ProbeRunKind" NOT NULL,
    "status" "scan_status" NOT NULL DEFAULT 'queued',
    "asset_ids" INTEGER[],
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "cursor" INTEGER NOT NULL DEFAULT 0,
    "started_by_id" INTEGER,
    "started_by_email" TEXT NOT NULL,
    "queued_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(6),
    "heartbeat_at" TIMESTAMPTZ(6),
    "error" TEXT,

    CONSTRAINT "probe_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "probe_runs_uuid_key" ON "probe_runs"("uuid");

-- CreateIndex
CREATE INDEX "probe_runs_kind_queued_at_idx" ON "probe_runs"("kind", "queued_at" DESC);

-- CreateIndex
CREATE INDEX "assets_video_height_idx" ON "assets"("video_height");

-- CreateIndex
CREATE INDEX "assets_interlaced_idx" ON "assets"("interlaced");

-- CreateIndex
CREATE INDEX "assets_hdr_idx" ON "assets"("hdr");

-- CreateIndex
CREATE INDEX "assets_audio_channels_idx" ON "assets"("audio_channels");

-- CreateIndex
CREATE INDEX "assets_audio_languages_idx" ON "assets" USING GIN ("audio_languages");

-- CreateIndex
CREATE INDEX "assets_subtitle_count_idx" ON "assets"("subtitle_count");

-- AddForeignKey
ALTER TABLE "probe_runs" ADD CONSTRAINT "probe_runs_started_by_id_fkey" FOREIGN KEY ("started_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
