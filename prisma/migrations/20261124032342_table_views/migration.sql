-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- DropIndex
DROP INDEX "assets_container_idx";

-- DropIndex
DROP INDEX "assets_duration_ms_id_idx";

-- DropIndex
DROP INDEX "assets_is_deleted_canonical_discovered_at_id_idx";

-- DropIndex
DROP INDEX "assets_is_deleted_discovered_at_id_idx";

-- DropIndex
DROP INDEX "assets_size_id_idx";

-- CreateTable
CREATE TABLE "saved_views" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" VARCHAR(100) NOT NULL,
    "table" VARCHAR(32) NOT NULL,
    "query" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "owner_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_views_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "saved_views_uuid_key" ON "saved_views"("uuid");

-- CreateIndex
CREATE INDEX "saved_views_table_shared_idx" ON "saved_views"("table", "shared");

-- CreateIndex
CREATE UNIQUE INDEX "saved_views_owner_id_table_name_key" ON "saved_views"("owner_id", "table", "name");

-- CreateIndex
CREATE INDEX "assets_discovered_at_uuid_idx" ON "assets"("discovered_at", "uuid");

-- CreateIndex
CREATE INDEX "assets_size_uuid_idx" ON "assets"("size", "uuid");

-- CreateIndex
CREATE INDEX "assets_duration_ms_uuid_idx" ON "assets"("duration_ms", "uuid");

-- CreateIndex
CREATE INDEX "assets_container_uuid_idx" ON "assets"("container", "uuid");

-- CreateIndex
CREATE INDEX "assets_uri_trgm_idx" ON "assets" USING GIN ("uri" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
