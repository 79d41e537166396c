-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('operator', 'editor', 'admin');

-- CreateEnum
CREATE TYPE "provider" AS ENUM ('plex', 'jellyfin', 'filesystem', 'manual');

-- CreateTable
CREATE TABLE "assets" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "uri" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "duration_ms" INTEGER,
    "video_codec" VARCHAR(50),
    "audio_codec" VARCHAR(50),
    "container" VARCHAR(50),
    "hash_sha256" VARCHAR(64),
    "discovered_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "canonical" BOOLEAN NOT NULL DEFAULT false,
    "is_deleted" BOOLEAN NOT NULL DEFAULT false,
    "deleted_at" TIMESTAMPTZ(6),
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "delete_reason" TEXT,
    "deleted_by_id" INTEGER,

    CONSTRAINT "assets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "episodes" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "series_title" TEXT NOT NULL,
    "season_number" INTEGER NOT NULL,
    "episode_number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "episodes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "episode_assets" (
    "episode_id" INTEGER NOT NULL,
    "asset_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "episode_assets_pkey" PRIMARY KEY ("episode_id","asset_id")
);

-- CreateTable
CREATE TABLE "provider_refs" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "provider" "provider" NOT NULL,
    "provider_key" TEXT NOT NULL,
    "raw" JSONB,
    "asset_id" INTEGER NOT NULL,
    "episode_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_refs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "catalog_assets" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "title" TEXT NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "file_path" TEXT NOT NULL,
    "canonical" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source_asset_id" INTEGER,
    "created_by_id" INTEGER,

    CONSTRAINT "catalog_assets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "user_role" NOT NULL DEFAULT 'operator',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" INTEGER,
    "actor_uuid" UUID,
    "actor_email" TEXT,
    "action" VARCHAR(64) NOT NULL,
    "target_type" VARCHAR(32) NOT NULL,
    "target_uuid" UUID NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "batch_uuid" UUID,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "assets_uuid_key" ON "assets"("uuid");

-- CreateIndex
CREATE UNIQUE INDEX "assets_uri_key" ON "assets"("uri");

-- CreateIndex
CREATE INDEX "assets_is_deleted_discovered_at_id_idx" ON "assets"("is_deleted", "discovered_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "assets_is_deleted_canonical_discovered_at_id_idx" ON "assets"("is_deleted", "canonical", "discovered_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "assets_hash_sha256_idx" ON "assets"("hash_sha256");

-- CreateIndex
CREATE INDEX "assets_container_idx" ON "assets"("container");

-- CreateIndex
CREATE INDEX "assets_video_codec_idx" ON "assets"("video_codec");

-- CreateIndex
CREATE INDEX "assets_audio_codec_idx" ON "assets"("audio_codec");

-- CreateIndex
CREATE INDEX "assets_size_id_idx" ON "assets"("size", "id");

-- CreateIndex
CREATE INDEX "assets_duration_ms_id_idx" ON "assets"("duration_ms", "id");

-- CreateIndex
CREATE UNIQUE INDEX "episodes_uuid_key" ON "episodes"("uuid");

-- CreateIndex
CREATE UNIQUE INDEX "episodes_series_title_season_number_episode_number_key" ON "episodes"("series_title", "season_number", "episode_number");

-- CreateIndex
CREATE INDEX "episode_assets_asset_id_idx" ON "episode_assets"("asset_id");

-- CreateIndex
CREATE UNIQUE INDEX "provider_refs_uuid_key" ON "provider_refs"("uuid");

-- CreateIndex
CREATE INDEX "provider_refs_asset_id_idx" ON "provider_refs"("asset_id");

-- CreateIndex
CREATE INDEX "provider_refs_provider_asset_id_idx" ON "provider_refs"("provider", "asset_id");

-- CreateIndex
CREATE UNIQUE INDEX "provider_refs_provider_provider_key_asset_id_key" ON "provider_refs"("provider", "provider_key", "asset_id");

-- CreateIndex
CREATE UNIQUE INDEX "catalog_assets_uuid_key" ON "catalog_assets"("uuid");

-- CreateIndex
CREATE UNIQUE INDEX "catalog_assets_source_asset_id_key" ON "catalog_assets"("source_asset_id");

-- CreateIndex
CREATE INDEX "catalog_assets_created_at_id_idx" ON "catalog_assets"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "catalog_assets_title_id_idx" ON "catalog_assets"("title", "id");

-- CreateIndex
CREATE UNIQUE INDEX "users_uuid_key" ON "users"("uuid");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_uuid_key" ON "audit_events"("uuid");

-- CreateIndex
CREATE INDEX "audit_events_target_uuid_at_idx" ON "audit_events"("target_uuid", "at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_at_id_idx" ON "audit_events"("at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_batch_uuid_idx" ON "audit_events"("batch_uuid");

-- CreateIndex
CREATE INDEX "audit_events_actor_uuid_at_idx" ON "audit_events"("actor_uuid", "at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_action_at_idx" ON "audit_events"("action", "at" DESC);

-- AddForeignKey
ALTER TABLE "assets" ADD CONSTRAINT "assets_deleted_by_id_fkey" FOREIGN KEY ("deleted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "episode_assets" ADD CONSTRAINT "episode_assets_episode_id_fkey" FOREIGN KEY ("episode_id") REFERENCES "episodes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "episode_assets" ADD CONSTRAINT "episode_assets_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provider_refs" ADD CONSTRAINT "provider_refs_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provider_refs" ADD CONSTRAINT "provider_refs_episode_id_fkey" FOREIGN KEY ("episode_id") REFERENCES "episodes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "catalog_assets" ADD CONSTRAINT "catalog_assets_source_asset_id_fkey" FOREIGN KEY ("source_asset_id") REFERENCES "assets"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "catalog_assets" ADD CONSTRAINT "catalog_assets_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
