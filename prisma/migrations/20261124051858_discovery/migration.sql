-- CreateEnum
CREATE TYPE "source_kind" AS ENUM ('filesystem', 'plex', 'jellyfin');

-- CreateEnum
CREATE TYPE "scan_status" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- AlterTable
ALTER TABLE "assets" ADD COLUMN     "file_mtime" TIMESTAMPTZ(3),
ADD COLUMN     "missing_since" TIMESTAMPTZ(6),
ADD COLUMN     "probe_error" TEXT;

-- AlterTable
ALTER TABLE "provider_refs" ADD COLUMN     "source_id" INTEGER;

-- CreateTable
CREATE TABLE "sources" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "source_kind" NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "roots" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "url" TEXT,
    "secret" TEXT,
    "libraries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "path_maps" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" INTEGER,

    CONSTRAINT "sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scan_runs" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL DEFAULT uuid_v7(),
    "source_id" INTEGER,
    "source_name" TEXT NOT NULL,
    "kind" "source_kind" NOT NULL,
    "status" "scan_status" NOT NULL DEFAULT 'queued',
    "trigger" VARCHAR(16) NOT NULL,
    "started_by_id" INTEGER,
    "started_by_email" TEXT,
    "queued_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(6),
    "finished_at" TIMESTAMPTZ(6),
    "heartbeat_at" TIMESTAMPTZ(6),
    "total" INTEGER,
    "done" INTEGER NOT NULL DEFAULT 0,
    "new_count" INTEGER NOT NULL DEFAULT 0,
    "changed_count" INTEGER NOT NULL DEFAULT 0,
    "unchanged_count" INTEGER NOT NULL DEFAULT 0,
    "missing_count" INTEGER NOT NULL DEFAULT 0,
    "failed_count" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "scan_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scan_run_items" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "outcome" VARCHAR(16) NOT NULL,
    "path" TEXT NOT NULL,
    "asset_id" INTEGER,
    "error" TEXT,

    CONSTRAINT "scan_run_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sources_uuid_key" ON "sources"("uuid");

-- CreateIndex
CREATE UNIQUE INDEX "sources_name_key" ON "sources"("name");

-- CreateIndex
CREATE UNIQUE INDEX "scan_runs_uuid_key" ON "scan_runs"("uuid");

-- CreateIndex
CREATE INDEX "scan_runs_source_id_queued_at_idx" ON "scan_runs"("source_id", "queued_at" DESC);

-- CreateIndex
CREATE INDEX "scan_runs_queued_at_idx" ON "scan_runs"("queued_at" DESC);

-- CreateIndex
CREATE INDEX "scan_run_items_run_id_outcome_id_idx" ON "scan_run_items"("run_id", "outcome", "id");

-- CreateIndex
CREATE INDEX "scan_run_items_asset_id_idx" ON "scan_run_items"("asset_id");

-- CreateIndex
CREATE INDEX "assets_missing_since_idx" ON "assets"("missing_since");

-- CreateIndex
CREATE INDEX "provider_refs_source_id_idx" ON "provider_refs"("source_id");

-- AddForeignKey
ALTER TABLE "provider_refs" ADD CONSTRAINT "provider_refs_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sources" ADD CONSTRAINT "sources_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scan_runs" ADD CONSTRAINT "scan_runs_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scan_runs" ADD CONSTRAINT "scan_runs_started_by_id_fkey" FOREIGN KEY ("started_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scan_run_items" ADD CONSTRAINT "scan_run_items_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "scan_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scan_run_items" ADD CONSTRAINT "scan_run_items_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE SET NULL ON UPDATE CASCADE;
